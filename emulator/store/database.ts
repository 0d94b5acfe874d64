import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { applySchema } from './schema.js';

export type Db = Database.Database;

const DATABASE_FILE = 'kestra-emulator.sqlite';

/**
 * Opens the database under `dataDir`, or an in-memory one. WAL with synchronous=FULL fsyncs every commit,
 * so a write the emulator has acknowledged survives kill -9 (and power loss).
 *
 * The file is locked for as long as the emulator runs (SQLite's exclusive locking mode: an OS lock that dies
 * with the process, so kill -9 leaves nothing stale): a second emulator on the same directory is refused at
 * start instead of sharing the data, failing writes with "database is locked" and resetting the admin password.
 */
export function openDatabase(dataDir?: string): Db {
  let db: Db;
  if (dataDir) {
    mkdirSync(dataDir, { recursive: true });
    db = new Database(join(dataDir, DATABASE_FILE), { timeout: 0 });
    try {
      db.pragma('locking_mode = EXCLUSIVE');
      db.pragma('journal_mode = WAL');
      db.pragma('synchronous = FULL');
      // 64 MiB of page cache (the default is 2 MiB): 100,000 accounts with their indexes stay in memory.
      db.pragma('cache_size = -65536');
      db.exec('BEGIN EXCLUSIVE; COMMIT');
    } catch (e) {
      db.close();
      if ((e as { code?: string }).code === 'SQLITE_BUSY') {
        throw new Error(`the data directory ${dataDir} is in use by another kestra-emulator (its database is locked)`);
      }
      throw e;
    }
  } else {
    db = new Database(':memory:');
  }
  db.pragma('foreign_keys = ON');
  applySchema(db);
  return db;
}

const statementCache = new WeakMap<Db, Map<string, Database.Statement>>();

/**
 * A prepared statement, compiled once per database and reused. Callers build SQL from fixed fragments only
 * (values are always parameters, lists of values one JSON parameter), so the cache stays small.
 */
export function prepared(db: Db, sql: string): Database.Statement {
  let cache = statementCache.get(db);
  if (!cache) {
    cache = new Map();
    statementCache.set(db, cache);
  }
  let statement = cache.get(sql);
  if (!statement) {
    statement = db.prepare(sql);
    cache.set(sql, statement);
  }
  return statement;
}
