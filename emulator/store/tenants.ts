import { prepared, type Db } from './database.js';

export interface Tenant {
  id: string;
  name: string;
  /** The tenant's other (storage, secret, worker group…) settings, kept as sent. */
  settings: Record<string, unknown>;
}

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
