import { prepared, type Db } from './database.js';
import { orderClause, Where, type ListQuery, type Page } from './query.js';

export type Membership = 'OWNER' | 'MEMBER';

export interface Group {
  id: string;
  tenantId: string;
  name: string;
  description?: string | undefined;
}

export interface GroupMembership {
  group: Group;
  membership: Membership;
}

export type GroupField = 'name' | 'id';

interface GroupRow {
  id: string;
  tenant_id: string;
  name: string;
  description: string | null;
}

const toGroup = (r: GroupRow): Group => ({ id: r.id, tenantId: r.tenant_id, name: r.name, description: r.description ?? undefined });

const FIELD_COLUMNS = { name: { sql: 'name' }, id: { sql: 'id', kind: 'exact' as const } };

export class GroupRepository {
  constructor(private readonly db: Db) {}

  find(tenantId: string, id: string): Group | undefined {
    const r = prepared(this.db, 'SELECT * FROM groups WHERE tenant_id = ? AND id = ?').get(tenantId, id) as GroupRow | undefined;
    return r && toGroup(r);
  }

  /** A group by id in any tenant (user requests name groups by id only). */
  findAnywhere(id: string): Group | undefined {
    const r = prepared(this.db, 'SELECT * FROM groups WHERE id = ?').get(id) as GroupRow | undefined;
    return r && toGroup(r);
  }

  findByName(tenantId: string, name: string): Group | undefined {
    const r = prepared(this.db, 'SELECT * FROM groups WHERE tenant_id = ? AND name = ?').get(tenantId, name) as GroupRow | undefined;
    return r && toGroup(r);
  }

  /** The tenant's groups with these ids, in creation order. */
  findMany(tenantId: string, ids: readonly string[]): Group[] {
    const sql = 'SELECT * FROM groups WHERE tenant_id = ? AND id IN (SELECT value FROM json_each(?)) ORDER BY rowid';
    return (prepared(this.db, sql).all(tenantId, JSON.stringify(ids)) as GroupRow[]).map(toGroup);
  }

  /** One page of a tenant's groups; the text search looks into names. */
  page(tenantId: string, query: ListQuery<GroupField>): Page<Group> {
    const where = new Where().add('tenant_id = ?', tenantId);
    for (const t of query.texts) where.substringOfAny(['name'], t.value, t.negated);
    for (const c of query.conditions) where.condition(FIELD_COLUMNS[c.field], c);
    const order = orderClause(query, { name: 'name COLLATE NOCASE', id: 'id' }, 'rowid');
    const rows = prepared(this.db, `SELECT * FROM groups${where.sql}${order} LIMIT ? OFFSET ?`).all(...where.params, query.limit, query.offset);
    const total = prepared(this.db, `SELECT count(*) FROM groups${where.sql}`).pluck().get(...where.params) as number;
    return { results: (rows as GroupRow[]).map(toGroup), total };
  }

  insert(g: Group): void {
    prepared(this.db, 'INSERT INTO groups (id, tenant_id, name, description) VALUES (?, ?, ?, ?)').run(g.id, g.tenantId, g.name, g.description ?? null);
  }

  update(g: Group): void {
    prepared(this.db, 'UPDATE groups SET name = ?, description = ? WHERE id = ?').run(g.name, g.description ?? null, g.id);
  }

  delete(id: string): void {
    prepared(this.db, 'DELETE FROM groups WHERE id = ?').run(id);
  }

  membershipOf(groupId: string, userId: string): Membership | undefined {
    const r = prepared(this.db, 'SELECT membership FROM group_members WHERE group_id = ? AND user_id = ?').get(groupId, userId) as
      | { membership: Membership }
      | undefined;
    return r?.membership;
  }

  addMember(groupId: string, userId: string, membership: Membership = 'MEMBER'): void {
    prepared(this.db, 'INSERT OR IGNORE INTO group_members (group_id, user_id, membership) VALUES (?, ?, ?)').run(groupId, userId, membership);
  }

  setMembership(groupId: string, userId: string, membership: Membership): void {
    prepared(this.db, 'UPDATE group_members SET membership = ? WHERE group_id = ? AND user_id = ?').run(membership, groupId, userId);
  }

  removeMember(groupId: string, userId: string): void {
    prepared(this.db, 'DELETE FROM group_members WHERE group_id = ? AND user_id = ?').run(groupId, userId);
  }

  /** Removes the account from every group of the tenant. */
  removeFromTenant(userId: string, tenantId: string): void {
    prepared(this.db, 'DELETE FROM group_members WHERE user_id = ? AND group_id IN (SELECT id FROM groups WHERE tenant_id = ?)').run(userId, tenantId);
  }

  /** The user's groups, in one tenant or (without tenantId) in all of them. */
  groupsOf(userId: string, tenantId?: string): GroupMembership[] {
    return this.groupsOfMany([userId], tenantId).map(({ group, membership }) => ({ group, membership }));
  }

  /** The groups of each of the accounts, in one tenant or in all of them, in one query. */
  groupsOfMany(userIds: readonly string[], tenantId?: string): Array<GroupMembership & { userId: string }> {
    if (userIds.length === 0) return [];
    const sql =
      'SELECT g.*, m.membership, m.user_id FROM group_members m JOIN groups g ON g.id = m.group_id ' +
      'WHERE m.user_id IN (SELECT value FROM json_each(?))' +
      (tenantId === undefined ? '' : ' AND g.tenant_id = ?') +
      ' ORDER BY g.rowid';
    const params = tenantId === undefined ? [JSON.stringify(userIds)] : [JSON.stringify(userIds), tenantId];
    const rows = prepared(this.db, sql).all(...params) as Array<GroupRow & { membership: Membership; user_id: string }>;
    return rows.map((r) => ({ userId: r.user_id, group: toGroup(r), membership: r.membership }));
  }

  /** Replaces the user's memberships in one tenant (or everywhere, without tenantId) by the given groups. */
  replaceGroupsOf(userId: string, groupIds: string[], tenantId?: string): void {
    for (const { group } of this.groupsOf(userId, tenantId)) {
      if (!groupIds.includes(group.id)) this.removeMember(group.id, userId);
    }
    for (const id of groupIds) this.addMember(id, userId);
  }
}
