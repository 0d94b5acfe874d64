import type {
  ApiServiceAccountDetail,
  ApiServiceAccountRequest,
  ApiServiceAccountResponse,
  ApiUserTenantAccess,
  PagedResults,
  Paging,
} from './api-types.js';
import { permissionAndSuperAdmin, permissionOn, SUPER_ADMIN, type TenantOption } from './call-options.js';
import { collectPages } from './paging.js';
import { withQuery, type ApiPaths } from './paths.js';
import { isServiceAccount } from './shapes.js';
import type { Transport } from './transport.js';

/** Service accounts: tenant-scoped CRUD plus the two instance-level calls the tenant API lacks. */
export class ServiceAccountsApi {
  readonly #transport: Transport;
  readonly #paths: ApiPaths;

  constructor(transport: Transport, paths: ApiPaths) {
    this.#transport = transport;
    this.#paths = paths;
  }

  /** Never retried: on an ambiguous failure, look the account up with `findByName`. */
  async create(body: ApiServiceAccountRequest, opts: TenantOption = {}): Promise<ApiServiceAccountResponse> {
    return this.#transport.json({ method: 'POST', path: this.#path(opts), body, requires: this.#requires(opts, body) }, isServiceAccount);
  }

  async get(id: string, opts: TenantOption = {}): Promise<ApiServiceAccountResponse> {
    return this.#transport.json({ method: 'GET', path: this.#path(opts, id), requires: this.#requires(opts) }, isServiceAccount);
  }

  /** Full replacement: fields left out (description, groups) are cleared. */
  async update(id: string, body: ApiServiceAccountRequest, opts: TenantOption = {}): Promise<ApiServiceAccountResponse> {
    return this.#transport.json({ method: 'PUT', path: this.#path(opts, id), body, requires: this.#requires(opts, body) }, isServiceAccount);
  }

  async delete(id: string, opts: TenantOption = {}): Promise<void> {
    return this.#transport.send({ method: 'DELETE', path: this.#path(opts, id), requires: this.#requires(opts) });
  }

  async list(paging: Paging = {}, opts: TenantOption = {}): Promise<PagedResults<ApiUserTenantAccess>> {
    const path = withQuery(this.#path(opts), { page: paging.page, size: paging.size });
    return this.#transport.json({ method: 'GET', path, requires: this.#requires(opts) });
  }

  /** Every account of the tenant, page after page. */
  async all(opts: TenantOption = {}): Promise<ApiUserTenantAccess[]> {
    return collectPages((page, size) => this.list({ page, size }, opts));
  }

  /**
   * Every account of the tenant whose name is exactly `name` (the list calls it `username`): filtered by the
   * server, which every create asks before it sends, then matched exactly here.
   */
  async findByName(name: string, opts: TenantOption = {}): Promise<ApiUserTenantAccess[]> {
    return (await this.#filtered({ 'filters[name][EQUALS]': name }, opts)).filter((account) => account.username === name);
  }

  /** Every account of the tenant whose name contains `text`, ignoring case (all of them when `text` is empty): filtered by the server, page after page. */
  async search(text: string, opts: TenantOption = {}): Promise<ApiUserTenantAccess[]> {
    return this.#filtered(text === '' ? {} : { 'filters[name][CONTAINS]': text }, opts);
  }

  #filtered(filter: Record<string, string>, opts: TenantOption): Promise<ApiUserTenantAccess[]> {
    return collectPages((page, size) => {
      const path = withQuery(this.#path(opts), { ...filter, page, size });
      return this.#transport.json<PagedResults<ApiUserTenantAccess>>({ method: 'GET', path, requires: this.#requires(opts) });
    });
  }

  /** Instance-level view, which carries the tenants the account can access. */
  async getInstance(id: string): Promise<ApiServiceAccountDetail> {
    return this.#transport.json({ method: 'GET', path: this.#paths.instance('service-accounts', id), requires: SUPER_ADMIN });
  }

  async setSuperAdmin(id: string, superAdmin: boolean): Promise<void> {
    return this.#transport.send({
      method: 'PATCH',
      path: this.#paths.instance('service-accounts', id, 'superadmin'),
      body: { superAdmin },
      idempotent: true, // setting a flag twice is harmless
      requires: SUPER_ADMIN,
    });
  }

  #path(opts: TenantOption, ...rest: string[]): string {
    return this.#paths.tenant(opts.tenant, 'service-accounts', ...rest);
  }

  #requires(opts: TenantOption, body?: ApiServiceAccountRequest): string {
    const tenant = this.#paths.resolveTenant(opts.tenant);
    return body?.superAdmin === true ? permissionAndSuperAdmin('SERVICE_ACCOUNT', tenant) : permissionOn('SERVICE_ACCOUNT', tenant);
  }
}
