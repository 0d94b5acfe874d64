import { prepared, type Db } from './database.js';
import { orderClause, Where, type Column, type ListQuery, type Page } from './query.js';
import type { UserType } from './users.js';

export type BindingType = 'USER' | 'GROUP';

export interface Binding {
  id: string;
  tenantId: string;
  type: BindingType;
  externalId: string;
  roleId: string;
  namespace?: string | undefined;
}

/** A binding with what it names (its role, and the user or group it binds), as binding views show them. */
export interface BoundBinding extends Binding {
  role?: { id: string; name: string } | undefined;
  user?: { id: string; username: string; firstName?: string | undefined; lastName?: string | undefined; type: UserType } | undefined;
  group?: { id: string; name: string } | undefined;
}

export type BindingField = 'type' | 'externalId' | 'namespace' | 'roleId';

interface BindingRow {
  id: string;
  tenant_id: string;
  type: BindingType;
  external_id: string;
  role_id: string;
  namespace: string | null;
}

interface BoundRow extends BindingRow {
  role_name: string | null;
  user_username: string | null;
  user_first_name: string | null;
  user_last_name: string | null;
  user_type: UserType | null;
  group_name: string | null;
}

const toBinding = (r: BindingRow): Binding => ({
  id: r.id,
  tenantId: r.tenant_id,
  type: r.type,
  externalId: r.external_id,
  roleId: r.role_id,
  namespace: r.namespace ?? undefined,
});

const toBound = (r: BoundRow): BoundBinding => ({
  ...toBinding(r),
  role: r.role_name === null ? undefined : { id: r.role_id, name: r.role_name },
  user:
    r.user_username === null || r.user_type === null
      ? undefined
      : { id: r.external_id, username: r.user_username, firstName: r.user_first_name ?? undefined, lastName: r.user_last_name ?? undefined, type: r.user_type },
  group: r.group_name === null ? undefined : { id: r.external_id, name: r.group_name },
});

const BOUND =
  'SELECT b.*, r.name AS role_name, u.username AS user_username, u.first_name AS user_first_name, u.last_name AS user_last_name, ' +
  'u.type AS user_type, g.name AS group_name FROM bindings b ' +
  'LEFT JOIN roles r ON r.id = b.role_id ' +
  "LEFT JOIN users u ON b.type = 'USER' AND u.id = b.external_id " +
  "LEFT JOIN groups g ON b.type = 'GROUP' AND g.id = b.external_id";

const FIELD_COLUMNS: Record<BindingField, Column> = {
  type: { sql: 'b.type', kind: 'exact' },
  externalId: { sql: 'b.external_id', kind: 'exact' },
  namespace: { sql: 'b.namespace', kind: 'exact' },
  roleId: { sql: 'b.role_id', kind: 'exact' },
};

export class BindingRepository {
  constructor(private readonly db: Db) {}

  find(tenantId: string, id: string): Binding | undefined {
    const r = prepared(this.db, 'SELECT * FROM bindings WHERE tenant_id = ? AND id = ?').get(tenantId, id) as BindingRow | undefined;
    return r && toBinding(r);
  }

  findBound(tenantId: string, id: string): BoundBinding | undefined {
    const r = prepared(this.db, `${BOUND} WHERE b.tenant_id = ? AND b.id = ?`).get(tenantId, id) as BoundRow | undefined;
    return r && toBound(r);
  }

  /** One page of a tenant's bindings; the text search looks into the role name and the bound user or group name. */
  page(tenantId: string, query: ListQuery<BindingField>): Page<BoundBinding> {
    const where = new Where().add('b.tenant_id = ?', tenantId);
    for (const t of query.texts) where.substringOfAny(['r.name', 'u.username', 'g.name'], t.value, t.negated);
    for (const c of query.conditions) where.condition(FIELD_COLUMNS[c.field], c);
    const order = orderClause(query, { namespace: 'b.namespace', type: 'b.type' }, 'b.rowid');
    const rows = prepared(this.db, `${BOUND}${where.sql}${order} LIMIT ? OFFSET ?`).all(...where.params, query.limit, query.offset) as BoundRow[];
    const countSql =
      'SELECT count(*) FROM bindings b LEFT JOIN roles r ON r.id = b.role_id ' +
      "LEFT JOIN users u ON b.type = 'USER' AND u.id = b.external_id LEFT JOIN groups g ON b.type = 'GROUP' AND g.id = b.external_id";
    const total = prepared(this.db, `${countSql}${where.sql}`).pluck().get(...where.params) as number;
    return { results: rows.map(toBound), total };
  }

  /** Bindings in a tenant that apply to the user directly or through one of the given groups. */
  forSubject(tenantId: string, userId: string, groupIds: string[]): Binding[] {
    const sql =
      "SELECT * FROM bindings WHERE tenant_id = ? AND ((type = 'USER' AND external_id = ?) " +
      "OR (type = 'GROUP' AND external_id IN (SELECT value FROM json_each(?)))) ORDER BY rowid";
    return (prepared(this.db, sql).all(tenantId, userId, JSON.stringify(groupIds)) as BindingRow[]).map(toBinding);
  }

  forGroup(tenantId: string, groupId: string): Binding[] {
    const sql = "SELECT * FROM bindings WHERE tenant_id = ? AND type = 'GROUP' AND external_id = ? ORDER BY rowid";
    return (prepared(this.db, sql).all(tenantId, groupId) as BindingRow[]).map(toBinding);
  }

  insert(b: Binding): void {
    prepared(this.db, 'INSERT INTO bindings (id, tenant_id, type, external_id, role_id, namespace) VALUES (?, ?, ?, ?, ?, ?)').run(
      b.id,
      b.tenantId,
      b.type,
      b.externalId,
      b.roleId,
      b.namespace ?? null,
    );
  }

  delete(id: string): void {
    prepared(this.db, 'DELETE FROM bindings WHERE id = ?').run(id);
  }

  deleteForSubject(type: BindingType, externalId: string, tenantId?: string): void {
    if (tenantId === undefined) prepared(this.db, 'DELETE FROM bindings WHERE type = ? AND external_id = ?').run(type, externalId);
    else prepared(this.db, 'DELETE FROM bindings WHERE type = ? AND external_id = ? AND tenant_id = ?').run(type, externalId, tenantId);
  }
}
