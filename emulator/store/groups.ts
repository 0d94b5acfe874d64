import { prepared, type Db } from './database.js';

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

interface GroupRow {
  id: string;
  tenant_id: string;
  name: string;
  description: string | null;
}

const toGroup = (r: GroupRow): Group => ({ id: r.id, tenantId: r.tenant_id, name: r.name, description: r.description ?? undefined });

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

  list(tenantId: string): Group[] {
    return (prepared(this.db, 'SELECT * FROM groups WHERE tenant_id = ? ORDER BY rowid').all(tenantId) as GroupRow[]).map(toGroup);
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

  memberIds(groupId: string): string[] {
    const rows = prepared(this.db, 'SELECT user_id FROM group_members WHERE group_id = ? ORDER BY rowid').all(groupId) as Array<{ user_id: string }>;
    return rows.map((r) => r.user_id);
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

  /** The user's groups, in one tenant or (without tenantId) in all of them. */
  groupsOf(userId: string, tenantId?: string): GroupMembership[] {
    const sql =
      'SELECT g.*, m.membership FROM group_members m JOIN groups g ON g.id = m.group_id WHERE m.user_id = ?' +
      (tenantId === undefined ? '' : ' AND g.tenant_id = ?') +
      ' ORDER BY g.rowid';
    const params = tenantId === undefined ? [userId] : [userId, tenantId];
    const rows = prepared(this.db, sql).all(...params) as Array<GroupRow & { membership: Membership }>;
    return rows.map((r) => ({ group: toGroup(r), membership: r.membership }));
  }

  /** Replaces the user's memberships in one tenant (or everywhere, without tenantId) by the given groups. */
  replaceGroupsOf(userId: string, groupIds: string[], tenantId?: string): void {
    for (const { group } of this.groupsOf(userId, tenantId)) {
      if (!groupIds.includes(group.id)) this.removeMember(group.id, userId);
    }
    for (const id of groupIds) this.addMember(id, userId);
  }
}
