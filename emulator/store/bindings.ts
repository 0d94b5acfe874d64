import { prepared, type Db } from './database.js';

export type BindingType = 'USER' | 'GROUP';

export interface Binding {
  id: string;
  tenantId: string;
  type: BindingType;
  externalId: string;
  roleId: string;
  namespace?: string | undefined;
}

interface BindingRow {
  id: string;
  tenant_id: string;
  type: BindingType;
  external_id: string;
  role_id: string;
  namespace: string | null;
}

const toBinding = (r: BindingRow): Binding => ({
  id: r.id,
  tenantId: r.tenant_id,
  type: r.type,
  externalId: r.external_id,
  roleId: r.role_id,
  namespace: r.namespace ?? undefined,
});

export class BindingRepository {
  constructor(private readonly db: Db) {}

  find(tenantId: string, id: string): Binding | undefined {
    const r = prepared(this.db, 'SELECT * FROM bindings WHERE tenant_id = ? AND id = ?').get(tenantId, id) as BindingRow | undefined;
    return r && toBinding(r);
  }

  list(tenantId: string): Binding[] {
    return (prepared(this.db, 'SELECT * FROM bindings WHERE tenant_id = ? ORDER BY rowid').all(tenantId) as BindingRow[]).map(toBinding);
  }

  /** Bindings in a tenant that apply to the user directly or through one of the given groups. */
  forSubject(tenantId: string, userId: string, groupIds: string[]): Binding[] {
    const groupMarks = groupIds.map(() => '?').join(', ');
    const sql =
      "SELECT * FROM bindings WHERE tenant_id = ? AND ((type = 'USER' AND external_id = ?)" +
      (groupIds.length > 0 ? ` OR (type = 'GROUP' AND external_id IN (${groupMarks}))` : '') +
      ')';
    return (prepared(this.db, sql).all(tenantId, userId, ...groupIds) as BindingRow[]).map(toBinding);
  }

  forGroup(tenantId: string, groupId: string): Binding[] {
    const sql = "SELECT * FROM bindings WHERE tenant_id = ? AND type = 'GROUP' AND external_id = ? ORDER BY rowid";
    return (prepared(this.db, sql).all(tenantId, groupId) as BindingRow[]).map(toBinding);
  }

  insert(b: Binding): void {
    prepared(this.db, 'INSERT INTO bindings (id, tenant_id, type, external_id, role_id, namespace) VALUES (?, ?, ?, ?, ?, ?)')
      .run(b.id, b.tenantId, b.type, b.externalId, b.roleId, b.namespace ?? null);
  }

  delete(id: string): void {
    prepared(this.db, 'DELETE FROM bindings WHERE id = ?').run(id);
  }

  deleteForSubject(type: BindingType, externalId: string): void {
    prepared(this.db, 'DELETE FROM bindings WHERE type = ? AND external_id = ?').run(type, externalId);
  }
}
