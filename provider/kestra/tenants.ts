/** The settings of a tenant as the provider models them, shared by the `kestra_tenant` resource and data source. */
import type { ApiIsolation, ApiTenant } from '../client/index.js';
import { isDeepStrictEqual } from 'node:util';
import { matchesPattern, satisfies, semanticString, type Validator } from '../framework/index.js';

/** The spec's `^[a-z0-9][a-z0-9_-]*`, which bean validation matches against the whole id. */
export const tenantId = matchesPattern(/^[a-z0-9][a-z0-9_-]*$/, 'lowercase letters, digits, underscores and hyphens, starting with a letter or digit (for example "team2")');

/** The services an isolation can deny (`ServiceType`; CONTROLLER exists from 2.0 on). */
export const SERVICES = ['EXECUTOR', 'INDEXER', 'SCHEDULER', 'WEBSERVER', 'WORKER', 'CONTROLLER'] as const;

export const deniedServices: Validator<readonly string[]> = {
  description: `each one of ${SERVICES.join(', ')}`,
  validate({ path, value }, diagnostics) {
    const unknown = value.filter((s) => !SERVICES.some((known) => known === s));
    if (unknown.length > 0) {
      diagnostics.addAttributeError(path, `Invalid value for ${path}`, `${unknown.map((s) => JSON.stringify(s)).join(', ')}: each service must be one of ${SERVICES.join(', ')}.`);
    }
  },
};

/**
 * A storage or secret configuration: a JSON object, written with `jsonencode`, whose values may be any JSON (as
 * Kestra's `Map<String, Object>` takes them). Two texts of the same object are equal, whatever their spacing or
 * key order.
 */
export const jsonObjectType = semanticString((a, b) => isDeepStrictEqual(parseObject(a), parseObject(b)));

export const jsonObject = satisfies((text) => parseObject(text) !== undefined, 'a JSON object, for example jsonencode({ bucket = "flows" })');

const isJsonObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

function parseObject(text: string): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(text);
    return isJsonObject(value) ? value : undefined;
  } catch {
    return undefined;
  }
}

export const WORKER_GROUP_FALLBACKS = ['FAIL', 'WAIT', 'CANCEL'] as const;

/** The tenant as Terraform models it; the nested objects are null when the tenant does not set them. */
export interface TenantSettings {
  id: string;
  name: string;
  worker_group: { key: string; fallback: string } | null;
  storage_isolation: { enabled: boolean | null; denied_services: string[] | null } | null;
  secret_isolation: { enabled: boolean | null; denied_services: string[] | null } | null;
  storage_type: string | null;
  storage_configuration: string | null;
  secret_type: string | null;
  secret_read_only: boolean;
  secret_configuration: string | null;
  require_existing_namespace: boolean;
  outputs_in_internal_storage: boolean;
}

/** The Tenant fields the provider manages; every other setting of a tenant is left as the server holds it. */
const MANAGED: readonly string[] = [
  'workerGroup', 'storageIsolation', 'secretIsolation', 'storageType', 'storageConfiguration', 'secretType', 'secretReadOnly', 'secretConfiguration',
  'requireExistingNamespace', 'outputsInInternalStorage',
];

/**
 * The body of a create or update. Kestra's PUT replaces every setting, so an update starts from the tenant as the
 * server holds it (`current`): settings this provider does not model (app catalog, SDK authentication, 2.0's
 * worker selector) are sent back unchanged instead of being cleared.
 */
export function tenantBody(settings: TenantSettings, current?: ApiTenant): ApiTenant {
  const kept = Object.fromEntries(Object.entries(current ?? {}).filter(([k]) => !MANAGED.includes(k)));
  const managed: Record<string, unknown> = {
    workerGroup: settings.worker_group,
    storageIsolation: isolationBody(settings.storage_isolation),
    secretIsolation: isolationBody(settings.secret_isolation),
    storageType: settings.storage_type,
    storageConfiguration: settings.storage_configuration === null ? null : parseObject(settings.storage_configuration),
    secretType: settings.secret_type,
    secretReadOnly: settings.secret_read_only,
    secretConfiguration: settings.secret_configuration === null ? null : parseObject(settings.secret_configuration),
    requireExistingNamespace: settings.require_existing_namespace,
    outputsInInternalStorage: settings.outputs_in_internal_storage,
  };
  const set = Object.fromEntries(Object.entries(managed).filter(([, v]) => v !== null));
  return { ...kept, ...set, id: settings.id, name: settings.name, deleted: false };
}

function isolationBody(isolation: TenantSettings['storage_isolation']): ApiIsolation | null {
  return isolation && { enabled: isolation.enabled ?? true, deniedServices: isolation.denied_services ?? [] };
}

/** The tenant as the server returns it, in the provider's model. */
export function tenantSettings(tenant: ApiTenant): TenantSettings {
  const worker = tenant.workerGroup;
  return {
    id: tenant.id,
    name: tenant.name,
    worker_group: worker && typeof worker.key === 'string' ? { key: worker.key, fallback: worker.fallback ?? 'FAIL' } : null,
    storage_isolation: isolationOf(tenant.storageIsolation),
    secret_isolation: isolationOf(tenant.secretIsolation),
    storage_type: tenant.storageType || null,
    storage_configuration: configurationOf(tenant.storageConfiguration),
    secret_type: tenant.secretType || null,
    secret_read_only: tenant.secretReadOnly ?? false,
    secret_configuration: configurationOf(tenant.secretConfiguration),
    require_existing_namespace: tenant.requireExistingNamespace ?? false,
    outputs_in_internal_storage: tenant.outputsInInternalStorage ?? false,
  };
}

function isolationOf(isolation: ApiIsolation | null | undefined): TenantSettings['storage_isolation'] {
  return isolation ? { enabled: isolation.enabled ?? false, denied_services: isolation.deniedServices ?? [] } : null;
}

/** The configuration as JSON text; null when the tenant has none. */
function configurationOf(config: Record<string, unknown> | null | undefined): string | null {
  return config ? JSON.stringify(config) : null;
}
