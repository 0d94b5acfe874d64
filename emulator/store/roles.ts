import type { Permissions } from '../permissions.js';
import { prepared, type Db } from './database.js';
import { orderClause, Where, type ListQuery, type Page } from './query.js';

export interface Role {
  id: string;
  tenantId: string;
  name: string;
  description?: string | undefined;
  permissions: Permissions;
  isDefault: boolean;
  isManaged: boolean;
}

export type RoleField = 'name' | 'id';

interface RoleRow {
  id: string;
  tenant_id: string;
  name: string;
  description: string | null;
  permissions: string;
  is_default: number;
  is_managed: number;
}

const toRole = (r: RoleRow): Role => ({
  id: r.id,
  tenantId: r.tenant_id,
  name: r.name,
  description: r.description ?? undefined,
  permissions: JSON.parse(r.permissions) as Permissions,
  isDefault: r.is_default === 1,
  isManaged: r.is_managed === 1,
});

export class RoleRepository {
  constructor(private readonly db: Db) {}

  find(tenantId: string, id: string): Role | undefined {
    const r = prepared(this.db, 'SELECT * FROM roles WHERE tenant_id = ? AND id = ?').get(tenantId, id) as RoleRow | undefined;
    return r && toRole(r);
  }

  /** The tenant's roles with these ids, in creation order. */
  findMany(tenantId: string, ids: readonly string[]): Role[] {
    const sql = 'SELECT * FROM roles WHERE tenant_id = ? AND id IN (SELECT value FROM json_each(?)) ORDER BY rowid';
    return (prepared(this.db, sql).all(tenantId, JSON.stringify(ids)) as RoleRow[]).map(toRole);
  }

  /** One page of a tenant's roles; the text search looks into names. */
  page(tenantId: string, query: ListQuery<RoleField>): Page<Role> {
    const where = new Where().add('tenant_id = ?', tenantId);
    for (const t of query.texts) where.substringOfAny(['name'], t.value, t.negated);
    for (const c of query.conditions) where.condition(c.field === 'id' ? { sql: 'id', kind: 'exact' } : { sql: 'name' }, c);
    const order = orderClause(query, { name: 'name COLLATE NOCASE', id: 'id' }, 'rowid');
    const rows = prepared(this.db, `SELECT * FROM roles${where.sql}${order} LIMIT ? OFFSET ?`).all(...where.params, query.limit, query.offset);
    const total = prepared(this.db, `SELECT count(*) FROM roles${where.sql}`).pluck().get(...where.params) as number;
    return { results: (rows as RoleRow[]).map(toRole), total };
  }

  insert(r: Role): void {
    prepared(this.db, 'INSERT INTO roles (id, tenant_id, name, description, permissions, is_default, is_managed) VALUES (?, ?, ?, ?, ?, ?, ?)')
      .run(r.id, r.tenantId, r.name, r.description ?? null, JSON.stringify(r.permissions), r.isDefault ? 1 : 0, r.isManaged ? 1 : 0);
  }

  update(r: Role): void {
    prepared(this.db, 'UPDATE roles SET name = ?, description = ?, permissions = ?, is_default = ? WHERE id = ?')
      .run(r.name, r.description ?? null, JSON.stringify(r.permissions), r.isDefault ? 1 : 0, r.id);
  }

  /** Only one role per tenant is the default one. */
  clearDefault(tenantId: string, exceptId: string): void {
    prepared(this.db, 'UPDATE roles SET is_default = 0 WHERE tenant_id = ? AND id <> ?').run(tenantId, exceptId);
  }

  /** Deleting a role cascades to the bindings that use it. */
  delete(id: string): void {
    prepared(this.db, 'DELETE FROM roles WHERE id = ?').run(id);
  }
}
