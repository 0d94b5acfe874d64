import type { Dispatcher } from 'undici';
import { KestraConfigError } from './errors.js';

export type KestraAuth =
  | { kind: 'basic'; username: string; password: string }
  | { kind: 'bearer'; token: string }
  /** No Authorization header from the client; for setups that authenticate through `extraHeaders` only. */
  | { kind: 'none' };

export interface KestraLogger {
  debug(msg: string, fields?: Record<string, unknown>): void;
}

export interface RetryTuning {
  /** Attempts in all, the first one included. */
  maxAttempts: number;
  /** First backoff; doubles on each retry, with jitter. */
  baseDelayMs: number;
  /** Backoff ceiling (a server's Retry-After is honoured even when longer, within the timeout). */
  maxDelayMs: number;
  /** Source of jitter in [0, 1). */
  random: () => number;
}

export interface KestraClientOptions {
  /** Kestra base URL, possibly with a path prefix (`https://host/kestra`); trailing slashes are ignored. */
  url: string;
  /** Default tenant of tenant-scoped calls; each call may override it. */
  tenantId: string;
  auth: KestraAuth;
  /**
   * Headers added to every request after the client's own, so they win on a name clash, the
   * Authorization header included (as the official provider's `extra_headers` do).
   */
  extraHeaders?: Record<string, string>;
  /** Bound on a whole call, retries and backoff included. */
  timeoutMs: number;
  logger?: KestraLogger;
  /** Aborted when the caller must stop: no new call starts and failed calls are no longer retried. */
  stopSignal?: AbortSignal;
  /** Transport to use instead of the client's own keep-alive Agent (tests pass a MockAgent). */
  dispatcher?: Dispatcher;
  userAgent?: string;
  retry?: Partial<RetryTuning>;
  /** Where the launcher's extra-CA variable is read (outbound-trust.ts): the environment of the session served. */
  env?: NodeJS.ProcessEnv;
  /**
   * Aborted when the session is abandoned (its Terraform gone without asking): calls in flight are cut, as
   * the death of the process would cut them, and none starts.
   */
  abandonSignal?: AbortSignal;
}

/** Options checked and reduced to what the transport needs. */
export interface ResolvedConfig {
  origin: string;
  /** Path prefix of the base URL without trailing slash, `''` when none. */
  basePath: string;
  tenantId: string;
  /** The client's own headers (accept, user-agent, authorization), lower-cased. */
  headers: Record<string, string>;
  /** User headers, lower-cased; applied after every other header so they win. */
  extraHeaders: Record<string, string>;
  /** Values that must never appear in an error or a log line. */
  secrets: string[];
  timeoutMs: number;
  retry: RetryTuning;
  env: NodeJS.ProcessEnv;
  abandonSignal: AbortSignal | undefined;
}

// Six attempts: at 20% failing requests one call in 15,000 still fails; the backoff (0.25+0.5+1+2+4 s) fits the default 10 s timeout.
const DEFAULT_RETRY: RetryTuning = { maxAttempts: 6, baseDelayMs: 250, maxDelayMs: 5_000, random: Math.random };

// Extra headers whose values are treated as secrets when redacting.
const SENSITIVE_HEADER = /authorization|cookie|token|secret|password|api-?key/i;

export function resolveConfig(options: KestraClientOptions): ResolvedConfig {
  const { origin, basePath } = parseBaseUrl(options.url);
  if (!options.tenantId) throw new KestraConfigError('tenantId must not be empty');
  if (!Number.isFinite(options.timeoutMs) || options.timeoutMs <= 0) {
    throw new KestraConfigError(`timeoutMs must be a positive number of milliseconds, got ${options.timeoutMs}`);
  }

  const headers: Record<string, string> = {
    accept: 'application/json',
    'user-agent': options.userAgent ?? 'kestra-ts-client',
  };
  const secrets: string[] = [];
  const auth = options.auth;
  if (auth.kind === 'basic') {
    if (!auth.username) throw new KestraConfigError('basic auth needs a username');
    const encoded = Buffer.from(`${auth.username}:${auth.password}`).toString('base64');
    headers.authorization = `Basic ${encoded}`;
    secrets.push(auth.password, encoded);
  } else if (auth.kind === 'bearer') {
    if (!auth.token) throw new KestraConfigError('bearer auth needs a non-empty token');
    headers.authorization = `Bearer ${auth.token}`;
    secrets.push(auth.token);
  }
  const extraHeaders: Record<string, string> = {};
  for (const [name, value] of Object.entries(options.extraHeaders ?? {})) {
    extraHeaders[name.toLowerCase()] = value;
    // "Bearer abc" is secret as a whole and by its credential part.
    if (SENSITIVE_HEADER.test(name)) secrets.push(value, value.trim().split(/\s+/).at(-1) ?? value);
  }

  return {
    origin,
    basePath,
    tenantId: options.tenantId,
    headers,
    extraHeaders,
    secrets,
    timeoutMs: options.timeoutMs,
    retry: { ...DEFAULT_RETRY, ...definedOnly(options.retry ?? {}) },
    env: options.env ?? process.env,
    abandonSignal: options.abandonSignal,
  };
}

function parseBaseUrl(raw: string): { origin: string; basePath: string } {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new KestraConfigError('url is not a valid absolute URL (expected e.g. http://localhost:8080)');
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new KestraConfigError(`url must use http or https, got ${url.protocol}`);
  }
  // The URL is not echoed: it could carry a password.
  if (url.username || url.password) {
    throw new KestraConfigError('url must not embed credentials; use the auth settings instead');
  }
  if (url.search || url.hash) throw new KestraConfigError('url must not have a query string or fragment');
  return { origin: url.origin, basePath: url.pathname.replace(/\/+$/, '') };
}

function definedOnly<T extends object>(partial: Partial<T>): Partial<T> {
  return Object.fromEntries(Object.entries(partial).filter(([, v]) => v !== undefined)) as Partial<T>;
}
