import { prepared, type Db } from './database.js';

export interface ApiTokenRecord {
  id: string;
  ownerId: string;
  name: string;
  description: string;
  prefix: string;
  salt: string;
  hash: string;
  issuedAt: number;
  maxAgeMs?: number | undefined;
  extended: boolean;
  lastUsed?: number | undefined;
  expiresAt?: number | undefined;
}

interface Row {
  id: string;
  owner_id: string;
  name: string;
  description: string;
  prefix: string;
  salt: string;
  hash: string;
  issued_at: number;
  max_age_ms: number | null;
  extended: number;
  last_used: number | null;
  expires_at: number | null;
}

const toToken = (r: Row): ApiTokenRecord => ({
  id: r.id,
  ownerId: r.owner_id,
  name: r.name,
  description: r.description,
  prefix: r.prefix,
  salt: r.salt,
  hash: r.hash,
  issuedAt: r.issued_at,
  maxAgeMs: r.max_age_ms ?? undefined,
  extended: r.extended === 1,
  lastUsed: r.last_used ?? undefined,
  expiresAt: r.expires_at ?? undefined,
});

export class ApiTokenRepository {
  constructor(private readonly db: Db) {}

  listForOwner(ownerId: string): ApiTokenRecord[] {
    return (prepared(this.db, 'SELECT * FROM api_tokens WHERE owner_id = ? ORDER BY rowid').all(ownerId) as Row[]).map(toToken);
  }

  /** The tokens of each of the owners, in one query. */
  listForOwners(ownerIds: readonly string[]): ApiTokenRecord[] {
    if (ownerIds.length === 0) return [];
    const sql = 'SELECT * FROM api_tokens WHERE owner_id IN (SELECT value FROM json_each(?)) ORDER BY rowid';
    return (prepared(this.db, sql).all(JSON.stringify(ownerIds)) as Row[]).map(toToken);
  }

  findForOwner(ownerId: string, id: string): ApiTokenRecord | undefined {
    const r = prepared(this.db, 'SELECT * FROM api_tokens WHERE owner_id = ? AND id = ?').get(ownerId, id) as Row | undefined;
    return r && toToken(r);
  }

  findByPrefix(prefix: string): ApiTokenRecord[] {
    return (prepared(this.db, 'SELECT * FROM api_tokens WHERE prefix = ?').all(prefix) as Row[]).map(toToken);
  }

  insert(t: ApiTokenRecord): void {
    prepared(
      this.db,
      'INSERT INTO api_tokens (id, owner_id, name, description, prefix, salt, hash, issued_at, max_age_ms, extended, last_used, expires_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
    ).run(t.id, t.ownerId, t.name, t.description, t.prefix, t.salt, t.hash, t.issuedAt, t.maxAgeMs ?? null, t.extended ? 1 : 0, t.lastUsed ?? null, t.expiresAt ?? null);
  }

  /**
   * A token's use is recorded on every authenticated request, reads included, so it is committed without waiting
   * for the disk (synchronous=NORMAL for this commit): it survives kill -9, which leaves the OS's buffers alone,
   * and reaches the disk with the next write or checkpoint. A power loss before that only makes an extended token
   * expire earlier than its last use said.
   */
  recordUse(id: string, lastUsed: number, expiresAt: number | undefined): void {
    const statement = prepared(this.db, 'UPDATE api_tokens SET last_used = ?, expires_at = ? WHERE id = ?');
    if (this.db.inTransaction || this.db.memory) {
      statement.run(lastUsed, expiresAt ?? null, id);
      return;
    }
    this.db.pragma('synchronous = NORMAL');
    try {
      statement.run(lastUsed, expiresAt ?? null, id);
    } finally {
      this.db.pragma('synchronous = FULL');
    }
  }

  delete(id: string): void {
    prepared(this.db, 'DELETE FROM api_tokens WHERE id = ?').run(id);
  }
}
