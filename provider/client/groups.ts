import type { ApiCreateGroupRequest, ApiGroupDetail, ApiGroupMember, ApiUpdateGroupRequest, GroupMembership, PagedResults } from './api-types.js';
import { permissionOn, type TenantOption } from './call-options.js';
import { collectPages } from './paging.js';
import { withQuery, type ApiPaths } from './paths.js';
import { isGroup, isGroupMember } from './shapes.js';
import type { Transport } from './transport.js';

/** Groups of a tenant and their members (users and service accounts alike). */
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
    return this.#transport.json({ method: 'GET', path: this.#path(opts, id), requires: this.#requires('GROUP', opts) }, isGroup);
  }

  /** Name and description; the description is cleared when left out. */
  async update(id: string, body: ApiUpdateGroupRequest, opts: TenantOption = {}): Promise<ApiGroupDetail> {
    return this.#transport.json({ method: 'PUT', path: this.#path(opts, id), body, requires: this.#requires('GROUP', opts) }, isGroup);
  }

  /**
   * Groups named exactly `name`. Kestra 1.3 searches with `q` (a substring), 2.0 with filters; each ignores the
   * other's parameter, so both are sent and the exact match is made here.
   */
  async findByName(name: string, opts: TenantOption = {}): Promise<ApiGroupDetail[]> {
    const all = await collectPages((page, size) => {
      const path = withQuery(this.#path(opts, 'search'), { q: name, 'filters[name][EQUALS]': name, page, size });
      return this.#transport.json<PagedResults<ApiGroupDetail>>({ method: 'GET', path, requires: this.#requires('GROUP', opts) });
    });
    return all.filter((group) => group.name === name);
  }

  /** The group's entry for one member, or undefined when the account is not a member; walks the member list. */
  async findMember(groupId: string, memberId: string, opts: TenantOption = {}): Promise<ApiGroupMember | undefined> {
    const all = await collectPages((page, size) => {
      const path = withQuery(this.#path(opts, groupId, 'members'), { page, size });
      return this.#transport.json<PagedResults<ApiGroupMember>>({ method: 'GET', path, requires: this.#requires('GROUP_MEMBERSHIP', opts) });
    });
    return all.find((member) => member.id === memberId);
  }

  async delete(id: string, opts: TenantOption = {}): Promise<void> {
    return this.#transport.send({ method: 'DELETE', path: this.#path(opts, id), requires: this.#requires('GROUP', opts) });
  }

  /**
   * Not retried: a second PUT after one that succeeded answers 409 "already a member", which the create protocol
   * must tell from a membership that existed before.
   */
  async addMember(groupId: string, userId: string, opts: TenantOption = {}): Promise<ApiGroupMember> {
    return this.#transport.json({
      method: 'PUT',
      path: this.#path(opts, groupId, 'members', userId),
      idempotent: false,
      requires: this.#requires('GROUP_MEMBERSHIP', opts),
    }, isGroupMember);
  }

  async setMembership(groupId: string, userId: string, membership: GroupMembership, opts: TenantOption = {}): Promise<ApiGroupMember> {
    return this.#transport.json({
      method: 'PUT',
      path: withQuery(this.#path(opts, groupId, 'members', 'membership', userId), { membership }),
      requires: this.#requires('GROUP_MEMBERSHIP', opts),
    }, isGroupMember);
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
