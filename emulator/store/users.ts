import { prepared, type Db } from './database.js';

export type UserType = 'STANDARD' | 'SERVICE_ACCOUNT';

/** A user or a service account: Kestra stores both as users, told apart by `type`. */
export interface User {
  id: string;
  type: UserType;
  /** The email for a standard user, the name for a service account. */
  username: string;
  email?: string | undefined;
  firstName?: string | undefined;
  lastName?: string | undefined;
  description?: string | undefined;
  passwordSalt?: string | undefined;
  passwordHash?: string | undefined;
  superAdmin: boolean;
  restricted: boolean;
}

interface UserRecord {
  id: string;
  type: UserType;
  username: string;
  email: string | null;
  first_name: string | null;
  last_name: string | null;
  description: string | null;
  password_salt: string | null;
  password_hash: string | null;
  super_admin: number;
  restricted: number;
}

const orUndefined = <T>(v: T | null): T | undefined => (v === null ? undefined : v);

const toUser = (r: UserRecord): User => ({
  id: r.id,
  type: r.type,
  username: r.username,
  email: orUndefined(r.email),
  firstName: orUndefined(r.first_name),
  lastName: orUndefined(r.last_name),
  description: orUndefined(r.description),
  passwordSalt: orUndefined(r.password_salt),
  passwordHash: orUndefined(r.password_hash),
  superAdmin: r.super_admin === 1,
  restricted: r.restricted === 1,
});

const COLUMNS =
  'id, type, username, email, first_name, last_name, description, password_salt, password_hash, super_admin, restricted';

export class UserRepository {
  constructor(private readonly db: Db) {}

  find(id: string): User | undefined {
    const r = prepared(this.db, `SELECT ${COLUMNS} FROM users WHERE id = ?`).get(id) as UserRecord | undefined;
    return r && toUser(r);
  }

  findOfType(id: string, type: UserType): User | undefined {
    const user = this.find(id);
    return user?.type === type ? user : undefined;
  }

  findByUsername(type: UserType, username: string): User | undefined {
    const r = prepared(this.db, `SELECT ${COLUMNS} FROM users WHERE type = ? AND username = ?`).get(type, username) as
      | UserRecord
      | undefined;
    return r && toUser(r);
  }

  listOfType(type: UserType): User[] {
    return (prepared(this.db, `SELECT ${COLUMNS} FROM users WHERE type = ? ORDER BY rowid`).all(type) as UserRecord[]).map(toUser);
  }

  listOfTypeInTenant(type: UserType, tenantId: string): User[] {
    const sql = `SELECT ${COLUMNS} FROM users WHERE type = ? AND id IN (SELECT user_id FROM user_tenants WHERE tenant_id = ?) ORDER BY rowid`;
    return (prepared(this.db, sql).all(type, tenantId) as UserRecord[]).map(toUser);
  }

  insert(u: User): void {
    prepared(this.db, `INSERT INTO users (${COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`)
      .run(...this.values(u));
  }

  update(u: User): void {
    const [id, ...rest] = this.values(u);
    prepared(this.db, 
        'UPDATE users SET type = ?, username = ?, email = ?, first_name = ?, last_name = ?, description = ?, password_salt = ?, password_hash = ?, super_admin = ?, restricted = ? WHERE id = ?',
      )
      .run(...rest, id);
  }

  /** Deleting a user cascades to its tokens, tenant access and memberships; bindings are removed by the caller. */
  delete(id: string): void {
    prepared(this.db, 'DELETE FROM users WHERE id = ?').run(id);
  }

  tenantIds(userId: string): string[] {
    const rows = prepared(this.db, 'SELECT ut.tenant_id AS id FROM user_tenants ut JOIN tenants t ON t.id = ut.tenant_id WHERE ut.user_id = ? ORDER BY t.rowid')
      .all(userId) as Array<{ id: string }>;
    return rows.map((r) => r.id);
  }

  hasTenantAccess(userId: string, tenantId: string): boolean {
    return prepared(this.db, 'SELECT 1 FROM user_tenants WHERE user_id = ? AND tenant_id = ?').get(userId, tenantId) !== undefined;
  }

  grantTenant(userId: string, tenantId: string): void {
    prepared(this.db, 'INSERT OR IGNORE INTO user_tenants (user_id, tenant_id) VALUES (?, ?)').run(userId, tenantId);
  }

  setTenants(userId: string, tenantIds: string[]): void {
    prepared(this.db, 'DELETE FROM user_tenants WHERE user_id = ?').run(userId);
    for (const t of tenantIds) this.grantTenant(userId, t);
  }

  private values(u: User): Array<string | number | null> {
    return [
      u.id,
      u.type,
      u.username,
      u.email ?? null,
      u.firstName ?? null,
      u.lastName ?? null,
      u.description ?? null,
      u.passwordSalt ?? null,
      u.passwordHash ?? null,
      u.superAdmin ? 1 : 0,
      u.restricted ? 1 : 0,
    ];
  }
}
