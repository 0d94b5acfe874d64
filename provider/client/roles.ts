import type { ApiRoleCreateOrUpdateRequest, ApiRoleDetail, ApiRoleSummary, PagedResults } from './api-types.js';
import { permissionOn, type TenantOption } from './call-options.js';
import { collectPages } from './paging.js';
import { withQuery, type ApiPaths } from './paths.js';
import type { Transport } from './transport.js';

export class RolesApi {
  readonly #transport: Transport;
  readonly #paths: ApiPaths;

  constructor(transport: Transport, paths: ApiPaths) {
    this.#transport = transport;
    this.#paths = paths;
  }

  /** Never retried: on an ambiguous failure, look the role up with `findByName`. */
  async create(body: ApiRoleCreateOrUpdateRequest, opts: TenantOption = {}): Promise<ApiRoleDetail> {
    return this.#transport.json({ method: 'POST', path: this.#path(opts), body, requires: this.#requires(opts) });
  }

  async get(id: string, opts: TenantOption = {}): Promise<ApiRoleDetail> {
    return this.#transport.json({ method: 'GET', path: this.#path(opts, id), requires: this.#requires(opts) });
  }

  /** Full replacement of name, description, permissions and the default flag. */
  async update(id: string, body: ApiRoleCreateOrUpdateRequest, opts: TenantOption = {}): Promise<ApiRoleDetail> {
    return this.#transport.json({ method: 'PUT', path: this.#path(opts, id), body, requires: this.#requires(opts) });
  }

  async delete(id: string, opts: TenantOption = {}): Promise<void> {
    return this.#transport.send({ method: 'DELETE', path: this.#path(opts, id), requires: this.#requires(opts) });
  }

  /** Roles named exactly `name`: the server's `q` is a loose filter, so matching is done here. */
  async findByName(name: string, opts: TenantOption = {}): Promise<ApiRoleSummary[]> {
    const all = await collectPages((page, size) => {
      const path = withQuery(this.#path(opts, 'search'), { q: name, page, size });
      return this.#transport.json<PagedResults<ApiRoleSummary>>({ method: 'GET', path, requires: this.#requires(opts) });
    });
    return all.filter((role) => role.name === name);
  }

  /** The tenant's default role, if it has one (Kestra keeps at most one). */
  async findDefault(opts: TenantOption = {}): Promise<ApiRoleSummary | undefined> {
    const all = await collectPages((page, size) => {
      const path = withQuery(this.#path(opts, 'search'), { page, size });
      return this.#transport.json<PagedResults<ApiRoleSummary>>({ method: 'GET', path, requires: this.#requires(opts) });
    });
    return all.find((role) => role.isDefault === true);
  }

  #path(opts: TenantOption, ...rest: string[]): string {
    return this.#paths.tenant(opts.tenant, 'roles', ...rest);
  }

  #requires(opts: TenantOption): string {
    return permissionOn('ROLE', this.#paths.resolveTenant(opts.tenant));
  }
}
