import { resolve } from 'node:path';
import type { KestraAuth } from './client/config.js';
import { isKestraError } from './client/errors.js';
import type { KestraClient } from './client/index.js';
import { createCoordinator, fileJournal, NO_JOURNAL, PROCESS_SCOPE, type CreateCoordinator, type JournalScope } from './kestra/index.js';
import {
  AttributePath, defineSchema, mapOf, matchesPattern, notBlank, numberType, optional, stringType, type ConfigOf, type Diagnostics,
} from './framework/index.js';

export const DEFAULT_TENANT = 'main';
export const DEFAULT_TIMEOUT_SECONDS = 10;

export const providerSchema = defineSchema({
  description:
    'The Kestra provider manages Kestra Enterprise IAM objects: tenants and who may enter them, users, groups and their members, service accounts, roles, role bindings and API tokens. ' +
    'Authenticate with `api_token` (preferred, for example a service account token) or with `username` and `password`.',
  attributes: {
    url: optional(stringType, {
      description: 'Base URL of the Kestra server, for example `https://kestra.example.com` (a trailing slash and a path prefix are fine). Falls back to `KESTRA_URL`.',
      validators: [matchesPattern(/^https?:\/\/[^\s/]+/i, 'an http:// or https:// URL')],
    }),
    tenant_id: optional(stringType, {
      description: `Tenant of tenant-scoped objects when a resource does not set its own \`tenant_id\`. Falls back to \`KESTRA_TENANT_ID\`, then \`${DEFAULT_TENANT}\`.`,
      validators: [notBlank()],
    }),
    username: optional(stringType, { description: 'User for HTTP Basic authentication (the user\'s email). Falls back to `KESTRA_USERNAME`.' }),
    password: optional(stringType, { description: 'Password for HTTP Basic authentication. Falls back to `KESTRA_PASSWORD`.', sensitive: true }),
    api_token: optional(stringType, {
      description: 'API token sent as `Authorization: Bearer`; takes precedence over `username`/`password`. Falls back to `KESTRA_API_TOKEN`.',
      sensitive: true,
    }),
    extra_headers: optional(mapOf(stringType), {
      description: 'Headers added to every request, for example for a proxy in front of Kestra. They are applied last and so override headers of the same name, `Authorization` included.',
    }),
    timeout: optional(numberType, {
      description:
        'Seconds one resource operation (a create with its look-ups, a read, an update, a delete) may take, every API call, retry and wait included. ' +
        `Falls back to \`KESTRA_TIMEOUT\`, then ${DEFAULT_TIMEOUT_SECONDS}.`,
    }),
  },
});

type ProviderConfig = ConfigOf<typeof providerSchema>;

/**
 * What every resource call receives: the client, the tenant used when a resource sets none, and what one
 * configured provider (one run's walk) learns once and shares between its calls.
 */
export interface KestraContext {
  api: KestraClient;
  defaultTenant: string;
  /** The release the server runs (`1.3.26`), read once; undefined when the server does not say. */
  serverVersion(): Promise<string | undefined>;
  /** The default roles planned so far, by tenant: Kestra keeps one per tenant. */
  readonly plannedDefaultRoles: Map<string, PlannedDefaultRole>;
  /** The create protocol's state: the queue of creates per identity, the journal of creates in flight. */
  readonly creates: CreateCoordinator;
}

export interface PlannedDefaultRole {
  readonly name: string;
  /** What tells this role's plans apart from another role's (the same role may be planned twice, e.g. for a replacement). */
  readonly fingerprint: string;
}

const positiveSeconds = (value: string) => Number(value) > 0;

/** What the provider reads of the Terraform session it serves, never of the process it runs in. */
export interface ProviderHost {
  /** Terraform's environment for the session: KESTRA_*, TF_DATA_DIR, TF_PLUGIN_MAGIC_COOKIE, the launcher's CA file. */
  readonly env: NodeJS.ProcessEnv;
  /** The working directory Terraform started the provider in. */
  readonly cwd: string;
  readonly journal: JournalScope;
  /** Aborted when the session is abandoned: Terraform went away without shutting the provider down. */
  readonly abandoned: AbortSignal;
}

/** The host of a process that serves the one session Terraform started it for. Read when asked, not at load. */
export const PROCESS_HOST: ProviderHost = {
  get env() {
    return process.env;
  },
  get cwd() {
    return process.cwd();
  },
  journal: PROCESS_SCOPE,
  // A process serving one session is abandoned by dying with it.
  abandoned: new AbortController().signal,
};

/**
 * Builds the client from the provider block and the KESTRA_* environment, then checks the credentials once
 * against `/api/v1/me`, so a wrong password fails at plan with a message naming the setting, not on the first resource.
 */
export async function configureKestra(
  req: { config: ProviderConfig; terraformVersion: string; diagnostics: Diagnostics; signal: AbortSignal },
  host: ProviderHost = PROCESS_HOST,
  logger?: { debug(msg: string, fields?: Record<string, unknown>): void; warn(msg: string): void },
): Promise<KestraContext | undefined> {
  const { config, diagnostics } = req;
  const { env } = host;
  const pick = (value: string | null, envName: string) => value ?? (env[envName] || null);
  const url = pick(config.url, 'KESTRA_URL');
  const tenantId = pick(config.tenant_id, 'KESTRA_TENANT_ID') ?? DEFAULT_TENANT;
  const username = pick(config.username, 'KESTRA_USERNAME');
  const password = pick(config.password, 'KESTRA_PASSWORD');
  const apiToken = pick(config.api_token, 'KESTRA_API_TOKEN');
  const timeoutFromEnv = config.timeout === null && Boolean(env.KESTRA_TIMEOUT);
  const timeoutText = config.timeout !== null ? String(config.timeout) : env.KESTRA_TIMEOUT || String(DEFAULT_TIMEOUT_SECONDS);

  if (!url) {
    diagnostics.addAttributeError(AttributePath.root('url'), 'Missing Kestra URL', 'Set `url` in the provider "kestra" block or the KESTRA_URL environment variable.');
  } else if (!/^https?:\/\/[^\s/]+/i.test(url)) {
    diagnostics.addAttributeError(AttributePath.root('url'), 'Invalid Kestra URL', `The Kestra URL must start with http:// or https://; got ${JSON.stringify(url)}.`);
  }
  let auth: KestraAuth | undefined;
  if (apiToken) {
    auth = { kind: 'bearer', token: apiToken };
  } else if (!username) {
    diagnostics.addAttributeError(
      AttributePath.root('api_token'),
      'Missing Kestra credentials',
      'Set `api_token` (or KESTRA_API_TOKEN), or `username` and `password` (or KESTRA_USERNAME and KESTRA_PASSWORD), in the provider "kestra" block.',
    );
  } else if (!password) {
    diagnostics.addAttributeError(AttributePath.root('password'), 'Missing password', '`username` is set but `password` (or KESTRA_PASSWORD) is not.');
  } else {
    auth = { kind: 'basic', username, password };
  }
  if (!positiveSeconds(timeoutText)) {
    if (timeoutFromEnv) {
      diagnostics.addError(
        'Invalid KESTRA_TIMEOUT',
        `The environment variable KESTRA_TIMEOUT is ${JSON.stringify(timeoutText)}; it must be a positive number of seconds (it applies when the provider block sets no timeout).`,
      );
    } else {
      diagnostics.addAttributeError(AttributePath.root('timeout'), 'Invalid value for timeout', `timeout is ${timeoutText}; it must be a positive number of seconds.`);
    }
  }
  if (diagnostics.hasError() || !url || !auth) return undefined;

  // Loaded here, not at start-up: the processes terraform starts for schema and validation never call Kestra.
  const { KestraClient } = await import('./client/kestra-client.js');
  const api = new KestraClient({
    url,
    tenantId,
    auth,
    extraHeaders: config.extra_headers ?? {},
    timeoutMs: Number(timeoutText) * 1000,
    userAgent: `terraform-provider-kestra (Terraform ${req.terraformVersion})`,
    stopSignal: req.signal,
    abandonSignal: host.abandoned,
    env,
    ...(logger ? { logger } : {}),
  });
  try {
    await api.users.getMe();
  } catch (error) {
    const setting = apiToken ? 'api_token' : 'password';
    if (isKestraError(error, 'KESTRA_UNAUTHORIZED')) {
      diagnostics.addAttributeError(
        AttributePath.root(setting),
        'Kestra rejected the credentials',
        `${url} answered 401 Unauthorized: ${apiToken ? 'the API token is wrong, expired or revoked' : 'the username or password is wrong'}. Check ${setting} (or its KESTRA_* variable).`,
      );
    } else if (isKestraError(error, 'KESTRA_NOT_FOUND')) {
      diagnostics.addAttributeError(
        AttributePath.root('url'),
        'No Kestra API at this URL',
        `The server at ${url} answered 404 Not Found for /api/v1/me, which every Kestra server serves: the URL's path is wrong. ` +
          'Set url (or KESTRA_URL) to the address of the Kestra UI, for example https://kestra.example.com or https://example.com/kestra, without /api/v1.',
      );
    } else {
      diagnostics.addAttributeError(AttributePath.root('url'), 'Cannot reach Kestra', error instanceof Error ? error.message : String(error));
    }
    return undefined;
  }
  const journalDir = createJournalDir(env, host.cwd);
  const journal = journalDir === undefined ? NO_JOURNAL : fileJournal(journalDir, (message) => logger?.warn(message), host.journal);
  let version: Promise<string | undefined> | undefined;
  return {
    api,
    defaultTenant: tenantId,
    serverVersion: () => {
      // A server that does not say (an older one, a proxy that hides /configs) only loses the checks that need it.
      version ??= api.users.getConfiguration().then(
        (configuration) => configuration.version,
        () => undefined,
      );
      return version;
    },
    plannedDefaultRoles: new Map(),
    creates: createCoordinator(journal, () => api.remainingMs()),
  };
}

/** The context of one operation (a create with its look-ups, a read, a delete): its API calls share one `timeout`. */
export function operationContext(context: KestraContext): KestraContext {
  const api = context.api.operation();
  return { ...context, api, creates: { ...context.creates, remainingMs: () => api.remainingMs() } };
}

/**
 * Where creates in flight are journaled (kestra/create-journal.ts): Terraform's data directory of the working
 * directory, where Terraform starts the provider (with go-plugin's magic cookie in its environment). A provider
 * started otherwise (`--debug`, serving many working directories) journals none.
 */
function createJournalDir(env: NodeJS.ProcessEnv, cwd: string): string | undefined {
  if (env.TF_PLUGIN_MAGIC_COOKIE === undefined) return undefined;
  return resolve(cwd, env.TF_DATA_DIR || '.terraform', 'kestra-iam', 'creates-in-flight');
}
