import { prepared, type Db } from './database.js';
import { orderClause, Where, type ListQuery, type Page } from './query.js';

export interface Tenant {
  id: string;
  name: string;
  /** The tenant's other (storage, secret, worker group…) settings, kept as sent. */
  settings: Record<string, unknown>;
}

export type TenantField = 'id' | 'name';

interface TenantRecord {
  id: string;
  name: string;
  settings: string;
}

const toTenant = (r: TenantRecord): Tenant => ({ id: r.id, name: r.name, settings: JSON.parse(r.settings) as Record<string, unknown> });

export class TenantRepository {
  constructor(private readonly db: Db) {}

  find(id: string): Tenant | undefined {
    const r = prepared(this.db, 'SELECT id, name, settings FROM tenants WHERE id = ?').get(id) as TenantRecord | undefined;
    return r && toTenant(r);
  }

  list(): Tenant[] {
    return (prepared(this.db, 'SELECT id, name, settings FROM tenants ORDER BY rowid').all() as TenantRecord[]).map(toTenant);
  }

  /** One page of tenants; the text search looks into ids and names. */
  page(query: ListQuery<TenantField>): Page<Tenant> {
    const where = new Where();
    for (const t of query.texts) where.substringOfAny(['id', 'name'], t.value, t.negated);
    for (const c of query.conditions) where.condition({ sql: c.field, ...(c.field === 'id' ? { kind: 'exact' as const } : {}) }, c);
    const order = orderClause(query, { name: 'name COLLATE NOCASE', id: 'id' }, 'rowid');
    const sql = `SELECT id, name, settings FROM tenants${where.sql}${order} LIMIT ? OFFSET ?`;
    const rows = prepared(this.db, sql).all(...where.params, query.limit, query.offset) as TenantRecord[];
    const total = prepared(this.db, `SELECT count(*) FROM tenants${where.sql}`).pluck().get(...where.params) as number;
    return { results: rows.map(toTenant), total };
  }

  insert(t: Tenant): void {
    prepared(this.db, 'INSERT INTO tenants (id, name, settings) VALUES (?, ?, ?)').run(t.id, t.name, JSON.stringify(t.settings));
  }

  update(t: Tenant): void {
    prepared(this.db, 'UPDATE tenants SET name = ?, settings = ? WHERE id = ?').run(t.name, JSON.stringify(t.settings), t.id);
  }

  delete(id: string): void {
    prepared(this.db, 'DELETE FROM tenants WHERE id = ?').run(id);
  }
}
