import type { PagedResults } from './api-types.js';
import { permissionOn, SUPER_ADMIN, type TenantOption } from './call-options.js';
import { collectPages } from './paging.js';
import { withQuery, type ApiPaths } from './paths.js';
import type { Transport } from './transport.js';

/** `Isolation`: services denied access to a tenant's storage or secrets. */
export interface ApiIsolation {
  enabled?: boolean;
  deniedServices?: string[];
}

/**
 * `Tenant` (1.3): its id, name and settings. Settings this client does not model (the app catalog, the SDK
 * authentication, a 2.0 worker selector) are kept as the server sent them, so a full-replacement PUT built from
 * a GET carries them over.
 */
export interface ApiTenant {
  id: string;
  name: string;
  deleted?: boolean;
  workerGroup?: { key?: string; fallback?: string } | null;
  storageIsolation?: ApiIsolation | null;
  secretIsolation?: ApiIsolation | null;
  storageType?: string | null;
  storageConfiguration?: Record<string, unknown> | null;
  secretType?: string | null;
  secretReadOnly?: boolean | null;
  secretConfiguration?: Record<string, unknown> | null;
  requireExistingNamespace?: boolean | null;
  outputsInInternalStorage?: boolean | null;
  [setting: string]: unknown;
}

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/** A tenant answer must carry its id and name, the fields the model is keyed by. */
export function isTenant(body: unknown): body is ApiTenant {
  return isObject(body) && typeof body.id === 'string' && body.id !== '' && typeof body.name === 'string';
}

/** Tenants: instance-level, superadmin-only. Both writes are full replacements of the settings. */
export class TenantsApi {
  readonly #transport: Transport;
  readonly #paths: ApiPaths;

  constructor(transport: Transport, paths: ApiPaths) {
    this.#transport = transport;
    this.#paths = paths;
  }

  /** Never retried: on an ambiguous failure, look the tenant up with `get` (ids are unique). */
  async create(body: ApiTenant): Promise<ApiTenant> {
    return this.#transport.json({ method: 'POST', path: this.#paths.instance('tenants'), body, requires: SUPER_ADMIN }, isTenant);
  }

  async get(id: string): Promise<ApiTenant> {
    return this.#transport.json({ method: 'GET', path: this.#paths.instance('tenants', id), requires: SUPER_ADMIN }, isTenant);
  }

  /** Full replacement: a setting the body leaves out is cleared. */
  async update(id: string, body: ApiTenant): Promise<ApiTenant> {
    return this.#transport.json({ method: 'PUT', path: this.#paths.instance('tenants', id), body, requires: SUPER_ADMIN }, isTenant);
  }

  async delete(id: string): Promise<void> {
    return this.#transport.send({ method: 'DELETE', path: this.#paths.instance('tenants', id), requires: SUPER_ADMIN });
  }

  /** Every tenant of the instance, all pages read. */
  async list(): Promise<ApiTenant[]> {
    return collectPages((page, size) =>
      this.#transport.json<PagedResults<ApiTenant>>({ method: 'GET', path: withQuery(this.#paths.instance('tenants', 'search'), { page, size }), requires: SUPER_ADMIN }),
    );
  }
}

/** `ApiTenantAccess`: an account's access to one tenant, with what it holds there. */
export interface ApiTenantAccess {
  tenantId?: string;
  userId: string;
  username?: string;
  displayName?: string;
  superAdmin?: boolean;
}

export function isTenantAccess(body: unknown): body is ApiTenantAccess {
  return isObject(body) && typeof body.userId === 'string' && body.userId !== '';
}

/** Which accounts (users and service accounts) may work in a tenant: `/api/v1/{tenant}/tenant-access`. */
export class TenantAccessApi {
  readonly #transport: Transport;
  readonly #paths: ApiPaths;

  constructor(transport: Transport, paths: ApiPaths) {
    this.#transport = transport;
    this.#paths = paths;
  }

  async get(accountId: string, opts: TenantOption = {}): Promise<ApiTenantAccess> {
    return this.#transport.json({ method: 'GET', path: this.#path(opts, accountId), requires: this.#requires(opts) }, isTenantAccess);
  }

  /** A PUT by account id, users and service accounts alike; granting access that exists is no error. */
  async grant(accountId: string, opts: TenantOption = {}): Promise<void> {
    return this.#transport.send({ method: 'PUT', path: this.#path(opts, accountId), requires: this.#requires(opts) });
  }

  /** Also removes what the account held in the tenant: its bindings and group memberships there. */
  async revoke(accountId: string, opts: TenantOption = {}): Promise<void> {
    return this.#transport.send({ method: 'DELETE', path: this.#path(opts, accountId), requires: this.#requires(opts) });
  }

  #path(opts: TenantOption, ...rest: string[]): string {
    return this.#paths.tenant(opts.tenant, 'tenant-access', ...rest);
  }

  #requires(opts: TenantOption): string {
    return permissionOn('TENANT_ACCESS', this.#paths.resolveTenant(opts.tenant));
  }
}
