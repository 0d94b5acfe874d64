import type { GroupMembership, GroupRepository } from './groups.js';
import type { ApiTokenRecord, ApiTokenRepository } from './tokens.js';
import type { TenantRef, UserRepository } from './users.js';

/**
 * What account views show besides the account itself (its tenants, groups and tokens), loaded for a whole page of
 * accounts at once: one query per kind of relation, made the first time a view asks for it, never one per account.
 */
export class AccountRelations {
  private tenants?: Map<string, TenantRef[]>;
  private groups?: Map<string, GroupMembership[]>;
  private tokens?: Map<string, ApiTokenRecord[]>;

  constructor(
    private readonly repositories: { users: UserRepository; groups: GroupRepository; tokens: ApiTokenRepository },
    private readonly userIds: readonly string[],
    /** Groups are those of this tenant only, when given. */
    private readonly groupTenantId?: string,
  ) {}

  tenantsOf(userId: string): TenantRef[] {
    this.tenants ??= groupBy(this.repositories.users.tenantsOfMany(this.userIds), (t) => t.userId);
    return this.tenants.get(userId) ?? [];
  }

  groupsOf(userId: string): GroupMembership[] {
    this.groups ??= groupBy(this.repositories.groups.groupsOfMany(this.userIds, this.groupTenantId), (g) => g.userId);
    return this.groups.get(userId) ?? [];
  }

  tokensOf(userId: string): ApiTokenRecord[] {
    this.tokens ??= groupBy(this.repositories.tokens.listForOwners(this.userIds), (t) => t.ownerId);
    return this.tokens.get(userId) ?? [];
  }
}

function groupBy<T>(items: T[], key: (item: T) => string): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    const list = out.get(k);
    if (list) list.push(item);
    else out.set(k, [item]);
  }
  return out;
}
