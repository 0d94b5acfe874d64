import { prepared, type Db } from './database.js';
import { isFiltered, orderClause, Where, type Column, type ListQuery, type Page } from './query.js';

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

/** Fields a list of accounts can be filtered on. */
export type AccountField = 'username' | 'email' | 'id' | 'type' | 'superAdmin';

/** Which accounts a list is about: of some types, instance-wide, with access to one tenant or in one group. */
export interface AccountScope {
  types: readonly UserType[];
  tenantId?: string | undefined;
  groupId?: string | undefined;
  /** Leaves superadmin accounts out (tenant lists shown to callers who are not superadmins). */
  excludeSuperadmins?: boolean;
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

const FIELD_COLUMNS: Record<AccountField, Column> = {
  username: { sql: 'u.username' },
  email: { sql: 'u.email' },
  id: { sql: 'u.id', kind: 'exact' },
  type: { sql: 'u.type', kind: 'exact' },
  superAdmin: { sql: 'u.super_admin', kind: 'boolean' },
};

const SORT_COLUMNS: Record<string, string> = { username: 'u.username COLLATE NOCASE', email: 'u.email COLLATE NOCASE', id: 'u.id' };

/** Texts that a free-text search looks into. */
const TEXT_COLUMNS = ['u.username', 'u.description', 'u.first_name', 'u.last_name'];

/** Rowids per block of list_blocks (schema.ts): 1024. */
const BLOCK_BITS = 10;

/** The trigram index answers a substring of three characters or more; shorter ones are looked for row by row. */
const INDEXED_SEARCH_MIN_LENGTH = 3;

const ftsPhrase = (text: string) => `"${text.replace(/"/g, '""')}"`;

/** A `type EQUALS` condition narrows the scope instead, so that the list is read from the type's index. */
function narrowedByType(scope: AccountScope, query: ListQuery<AccountField>): { scope: AccountScope; query: ListQuery<AccountField> } {
  const byType = query.conditions.filter((c) => c.field === 'type' && c.operation === 'EQUALS' && typeof c.value === 'string');
  if (byType.length === 0) return { scope, query };
  const types = scope.types.filter((t) => byType.every((c) => c.value === t));
  return { scope: { ...scope, types }, query: { ...query, conditions: query.conditions.filter((c) => !byType.includes(c)) } };
}

export interface TenantRef {
  userId: string;
  id: string;
  name: string;
}

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

  /** A standard user by email, ignoring case as the real server does. */
  findByEmail(email: string): User | undefined {
    const sql = `SELECT ${COLUMNS} FROM users WHERE type = 'STANDARD' AND username = ? COLLATE NOCASE ORDER BY rowid LIMIT 1`;
    const r = prepared(this.db, sql).get(email) as UserRecord | undefined;
    return r && toUser(r);
  }

  /**
   * One page of accounts and the size of the whole (filtered) list, picked by rowid from indexes before any row is
   * read. An unfiltered list in creation order (the common case: a client walking pages) costs a sum over the
   * list's blocks and at most a block of index entries, whatever the page; any other is driven by the accounts (a
   * name look-up by the name index, a search by the search index), membership of the tenant or group checked per
   * candidate, and counts its matches.
   */
  page(wanted: AccountScope, filtered: ListQuery<AccountField>): Page<User> {
    const { scope, query } = narrowedByType(wanted, filtered);
    if (scope.types.length === 0) return { results: [], total: 0 };
    const plain = !isFiltered(query) && query.sort === undefined && scope.groupId === undefined;
    return plain ? this.plainPage(scope, query) : this.searchedPage(scope, query);
  }

  /** The list's blocks (how many of its items each holds) and the superadmins it leaves out. */
  private blocksOf(scope: AccountScope): { blocks: Array<{ block: number; n: number }>; excluded: number[]; total: number } {
    const keys = scope.types.map((type) => (scope.tenantId !== undefined ? `access/${scope.tenantId}/${type}` : `users/${type}`));
    const excluded = scope.excludeSuperadmins ? this.superadminSeqs(scope) : [];
    const blocks = prepared(
      this.db,
      'SELECT block, sum(n) AS n FROM list_blocks WHERE key IN (SELECT value FROM json_each(?)) GROUP BY block HAVING sum(n) > 0 ORDER BY block',
    ).all(JSON.stringify(keys)) as Array<{ block: number; n: number }>;
    return { blocks, excluded, total: blocks.reduce((sum, b) => sum + b.n, 0) - excluded.length };
  }

  private plainPage(scope: AccountScope, query: ListQuery<AccountField>): Page<User> {
    const inTenant = scope.tenantId !== undefined;
    const seq = inTenant ? 'user_seq' : 'rowid';
    const { blocks, excluded, total } = this.blocksOf(scope);
    const excludedIn = (block: number) => excluded.filter((s) => s >> BLOCK_BITS === block).length;

    // The block holding the first item of the page, and how many of the list's items precede it there.
    let passed = 0;
    let start: { seq: number; skip: number } | undefined;
    for (const b of blocks) {
      const live = b.n - excludedIn(b.block);
      if (passed + live > query.offset) {
        start = { seq: b.block << BLOCK_BITS, skip: query.offset - passed };
        break;
      }
      passed += live;
    }
    if (start === undefined || query.limit === 0) return { results: [], total };

    const where = new Where().add(`${seq} >= ?`, start.seq);
    if (inTenant) where.add('tenant_id = ?', scope.tenantId);
    if (scope.types.length === 1) where.add(inTenant ? 'user_type = ?' : 'type = ?', scope.types[0]);
    if (excluded.length > 0) where.add(`${seq} NOT IN (SELECT value FROM json_each(?))`, JSON.stringify(excluded));
    const sql = `SELECT ${seq} FROM ${inTenant ? 'user_tenants' : 'users'}${where.sql} ORDER BY ${seq} LIMIT ? OFFSET ?`;
    const seqs = prepared(this.db, sql).pluck().all(...where.params, query.limit, start.skip) as number[];
    return { results: this.byRowids(seqs), total };
  }

  /** The rowids of the superadmins in the scope, ascending (they are few). */
  private superadminSeqs(scope: AccountScope): number[] {
    const where = new Where().add('super_admin = 1');
    if (scope.types.length === 1) where.add('type = ?', scope.types[0]);
    if (scope.tenantId !== undefined) where.add('id IN (SELECT user_id FROM user_tenants WHERE tenant_id = ?)', scope.tenantId);
    return prepared(this.db, `SELECT rowid FROM users${where.sql} ORDER BY rowid`).pluck().all(...where.params) as number[];
  }

  private searchedPage(scope: AccountScope, query: ListQuery<AccountField>): Page<User> {
    const where = new Where();
    if (scope.types.length === 1) where.add('u.type = ?', scope.types[0]);
    if (scope.tenantId !== undefined) where.add('EXISTS (SELECT 1 FROM user_tenants ut WHERE ut.user_id = u.id AND ut.tenant_id = ?)', scope.tenantId);
    // A group's members drive its list (a group is small beside the instance).
    if (scope.groupId !== undefined) where.add('u.id IN (SELECT user_id FROM group_members WHERE group_id = ?)', scope.groupId);
    if (scope.excludeSuperadmins) where.add('u.super_admin = 0');
    for (const { value, negated } of query.texts) {
      if (value.length >= INDEXED_SEARCH_MIN_LENGTH) {
        where.add(`u.rowid ${negated ? 'NOT IN' : 'IN'} (SELECT rowid FROM users_text WHERE users_text MATCH ?)`, ftsPhrase(value));
      } else {
        where.substringOfAny(TEXT_COLUMNS, value, negated);
      }
    }
    for (const condition of query.conditions) {
      // A substring of the name is looked up in the search index, restricted to the name column.
      const indexed = condition.field === 'username' && condition.operation === 'CONTAINS' && typeof condition.value === 'string';
      if (indexed && condition.value.length >= INDEXED_SEARCH_MIN_LENGTH) {
        where.add('u.rowid IN (SELECT rowid FROM users_text WHERE users_text MATCH ?)', `username : ${ftsPhrase(condition.value as string)}`);
      } else {
        where.condition(FIELD_COLUMNS[condition.field], condition);
      }
    }
    const order = orderClause(query, SORT_COLUMNS, 'u.rowid');
    const seqs = prepared(this.db, `SELECT u.rowid FROM users u${where.sql}${order} LIMIT ? OFFSET ?`)
      .pluck()
      .all(...where.params, query.limit, query.offset) as number[];
    // Sorting alone narrows nothing: the total is the list's.
    const total =
      isFiltered(query) || scope.groupId !== undefined
        ? (prepared(this.db, `SELECT count(*) FROM users u${where.sql}`).pluck().get(...where.params) as number)
        : this.blocksOf(scope).total;
    return { results: this.byRowids(seqs), total };
  }

  /** Accounts by rowid, in the order given. */
  private byRowids(seqs: number[]): User[] {
    if (seqs.length === 0) return [];
    const rows = prepared(this.db, `SELECT rowid AS seq, ${COLUMNS} FROM users WHERE rowid IN (SELECT value FROM json_each(?))`).all(
      JSON.stringify(seqs),
    ) as Array<UserRecord & { seq: number }>;
    const bySeq = new Map(rows.map((r) => [r.seq, toUser(r)]));
    return seqs.map((s) => bySeq.get(s)).filter((u): u is User => u !== undefined);
  }

  /** Accounts by id, in the order given; ids of no account are left out. */
  findMany(ids: readonly string[]): User[] {
    if (ids.length === 0) return [];
    const rows = prepared(this.db, `SELECT ${COLUMNS} FROM users WHERE id IN (SELECT value FROM json_each(?))`).all(JSON.stringify(ids)) as UserRecord[];
    const byId = new Map(rows.map((r) => [r.id, toUser(r)]));
    return ids.map((id) => byId.get(id)).filter((u): u is User => u !== undefined);
  }

  insert(u: User): void {
    prepared(this.db, `INSERT INTO users (${COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`).run(...this.values(u));
  }

  update(u: User): void {
    const [id, ...rest] = this.values(u);
    prepared(
      this.db,
      'UPDATE users SET type = ?, username = ?, email = ?, first_name = ?, last_name = ?, description = ?, password_salt = ?, password_hash = ?, super_admin = ?, restricted = ? WHERE id = ?',
    ).run(...rest, id);
  }

  /** Deleting a user cascades to its tokens, tenant access and memberships; bindings are removed by the caller. */
  delete(id: string): void {
    prepared(this.db, 'DELETE FROM users WHERE id = ?').run(id);
  }

  tenantIds(userId: string): string[] {
    const sql = 'SELECT ut.tenant_id FROM user_tenants ut JOIN tenants t ON t.id = ut.tenant_id WHERE ut.user_id = ? ORDER BY t.rowid';
    return prepared(this.db, sql).pluck().all(userId) as string[];
  }

  /** The tenants (id and name) of each of the accounts, in one query. */
  tenantsOfMany(userIds: readonly string[]): TenantRef[] {
    if (userIds.length === 0) return [];
    const sql =
      'SELECT ut.user_id AS userId, t.id AS id, t.name AS name FROM user_tenants ut JOIN tenants t ON t.id = ut.tenant_id ' +
      'WHERE ut.user_id IN (SELECT value FROM json_each(?)) ORDER BY t.rowid';
    return prepared(this.db, sql).all(JSON.stringify(userIds)) as TenantRef[];
  }

  hasTenantAccess(userId: string, tenantId: string): boolean {
    return prepared(this.db, 'SELECT 1 FROM user_tenants WHERE user_id = ? AND tenant_id = ?').get(userId, tenantId) !== undefined;
  }

  /** Gives the account access to the tenant; false when it already had it. */
  grantTenant(userId: string, tenantId: string): boolean {
    const sql =
      'INSERT OR IGNORE INTO user_tenants (user_id, tenant_id, user_type, user_seq) SELECT id, ?, type, rowid FROM users WHERE id = ?';
    return prepared(this.db, sql).run(tenantId, userId).changes > 0;
  }

  revokeTenant(userId: string, tenantId: string): void {
    prepared(this.db, 'DELETE FROM user_tenants WHERE user_id = ? AND tenant_id = ?').run(userId, tenantId);
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
