import type { ApiCreateGroupRequest, ApiGroupDetail, ApiGroupMember } from './api-types.js';
import { permissionOn, type TenantOption } from './call-options.js';
import type { ApiPaths } from './paths.js';
import { isGroup } from './shapes.js';
import type { Transport } from './transport.js';

export class GroupsApi {
  readonly #transport: Transport;
  readonly #paths: ApiPaths;

  constructor(transport: Transport, paths: ApiPaths) {
    this.#transport = transport;
    this.#paths = paths;
  }

  async create(body: ApiCreateGroupRequest, opts: TenantOption = {}): Promise<ApiGroupDetail> {
    return this.#transport.json({ method: 'POST', path: this.#path(opts), body, requires: this.#requires('GROUP', opts) }, isGroup);
  }

  async get(id: string, opts: TenantOption = {}): Promise<ApiGroupDetail> {
    return this.#transport.json({ method: 'GET', path: this.#path(opts, id), requires: this.#requires('GROUP', opts) });
  }

  async delete(id: string, opts: TenantOption = {}): Promise<void> {
    return this.#transport.send({ method: 'DELETE', path: this.#path(opts, id), requires: this.#requires('GROUP', opts) });
  }

  /** A retry after success answers 409 "already a member"; callers may treat that as done. */
  async addMember(groupId: string, userId: string, opts: TenantOption = {}): Promise<ApiGroupMember> {
    return this.#transport.json({
      method: 'PUT',
      path: this.#path(opts, groupId, 'members', userId),
      requires: this.#requires('GROUP_MEMBERSHIP', opts),
    });
  }

  async removeMember(groupId: string, userId: string, opts: TenantOption = {}): Promise<void> {
    return this.#transport.send({
      method: 'DELETE',
      path: this.#path(opts, groupId, 'members', userId),
      requires: this.#requires('GROUP_MEMBERSHIP', opts),
    });
  }

  #path(opts: TenantOption, ...rest: string[]): string {
    return this.#paths.tenant(opts.tenant, 'groups', ...rest);
  }

  #requires(permission: string, opts: TenantOption): string {
    return permissionOn(permission, this.#paths.resolveTenant(opts.tenant));
  }
}
