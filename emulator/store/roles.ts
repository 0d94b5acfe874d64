import type { Permissions } from '../permissions.js';
import { prepared, type Db } from './database.js';

export interface Role {
  id: string;
  tenantId: string;
  name: string;
  description?: string | undefined;
  permissions: Permissions;
  isDefault: boolean;
  isManaged: boolean;
}

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

  list(tenantId: string): Role[] {
    return (prepared(this.db, 'SELECT * FROM roles WHERE tenant_id = ? ORDER BY rowid').all(tenantId) as RoleRow[]).map(toRole);
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
