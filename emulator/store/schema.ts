import type { Db } from './database.js';

/**
 * Tables of the emulator's SQLite database. Row order (rowid) is creation order, which lists follow; nothing
 * ever VACUUMs the database, so rowids are stable and can be referenced (the search index and `user_seq` do).
 */
const TABLES = `
CREATE TABLE IF NOT EXISTS meta (
  key TEXT PRIMARY KEY,
  value TEXT NOT NULL
);

CREATE TABLE IF NOT EXISTS tenants (
  id TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  settings TEXT NOT NULL DEFAULT '{}'
);

CREATE TABLE IF NOT EXISTS users (
  id TEXT PRIMARY KEY,
  type TEXT NOT NULL CHECK (type IN ('STANDARD', 'SERVICE_ACCOUNT')),
  username TEXT NOT NULL,
  email TEXT,
  first_name TEXT,
  last_name TEXT,
  description TEXT,
  password_salt TEXT,
  password_hash TEXT,
  super_admin INTEGER NOT NULL DEFAULT 0,
  restricted INTEGER NOT NULL DEFAULT 0
);

-- user_type and user_seq (the user's rowid) repeat the user's, so that a tenant's accounts list in creation
-- order, by type, from one index.
CREATE TABLE IF NOT EXISTS user_tenants (
  user_id TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  tenant_id TEXT NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
  user_type TEXT NOT NULL DEFAULT 'STANDARD',
  user_seq INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY (user_id, tenant_id)
);

CREATE TABLE IF NOT EXISTS groups (
  id TEXT PRIMARY KEY,
  tenant_id TEXT NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
  name TEXT NOT NULL,
  description TEXT
);

CREATE TABLE IF NOT EXISTS group_members (
  group_id TEXT NOT NULL REFERENCES groups (id) ON DELETE CASCADE,
  user_id TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  membership TEXT NOT NULL DEFAULT 'MEMBER',
  PRIMARY KEY (group_id, user_id)
);

CREATE TABLE IF NOT EXISTS roles (
  id TEXT PRIMARY KEY,
  tenant_id TEXT NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
  name TEXT NOT NULL,
  description TEXT,
  permissions TEXT NOT NULL,
  is_default INTEGER NOT NULL DEFAULT 0,
  is_managed INTEGER NOT NULL DEFAULT 0
);

CREATE TABLE IF NOT EXISTS bindings (
  id TEXT PRIMARY KEY,
  tenant_id TEXT NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
  type TEXT NOT NULL CHECK (type IN ('USER', 'GROUP')),
  external_id TEXT NOT NULL,
  role_id TEXT NOT NULL REFERENCES roles (id) ON DELETE CASCADE,
  namespace TEXT
);

CREATE TABLE IF NOT EXISTS api_tokens (
  id TEXT PRIMARY KEY,
  owner_id TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  name TEXT NOT NULL,
  description TEXT NOT NULL,
  prefix TEXT NOT NULL,
  salt TEXT NOT NULL,
  hash TEXT NOT NULL,
  issued_at INTEGER NOT NULL,
  max_age_ms INTEGER,
  extended INTEGER NOT NULL DEFAULT 0,
  last_used INTEGER,
  expires_at INTEGER
);

-- roles: [{id, namespaces}] and group_ids: [id], as JSON arrays.
CREATE TABLE IF NOT EXISTS invitations (
  id TEXT PRIMARY KEY,
  tenant_id TEXT NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
  email TEXT NOT NULL,
  super_admin INTEGER NOT NULL DEFAULT 0,
  roles TEXT NOT NULL DEFAULT '[]',
  group_ids TEXT NOT NULL DEFAULT '[]',
  sent_at INTEGER NOT NULL,
  expires_at INTEGER NOT NULL,
  accepted_at INTEGER
);

-- A password reset is known by the SHA-256 of its token only.
CREATE TABLE IF NOT EXISTS password_resets (
  token_hash TEXT PRIMARY KEY,
  user_id TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  expires_at INTEGER NOT NULL
);

-- How many items of each big list (all accounts of a type, the accounts of a type with access to a tenant) have
-- a rowid in each block of 1024 rowids, kept by the triggers below: a list's size is the sum of its blocks, and
-- page P is found by summing blocks up to it, then stepping at most a block's worth of index entries.
CREATE TABLE IF NOT EXISTS list_blocks (
  key TEXT NOT NULL,
  block INTEGER NOT NULL,
  n INTEGER NOT NULL,
  PRIMARY KEY (key, block)
) WITHOUT ROWID;

-- Substring search over accounts (trigram: any three or more characters, case-insensitive).
CREATE VIRTUAL TABLE IF NOT EXISTS users_text USING fts5(
  username, description, first_name, last_name, content = 'users', content_rowid = 'rowid', tokenize = 'trigram'
);
`;

const INDEXES_AND_TRIGGERS = `
CREATE UNIQUE INDEX IF NOT EXISTS users_type_username ON users (type, username);
CREATE INDEX IF NOT EXISTS users_type ON users (type);
CREATE INDEX IF NOT EXISTS users_type_username_nocase ON users (type, username COLLATE NOCASE);
CREATE INDEX IF NOT EXISTS users_superadmins ON users (type) WHERE super_admin = 1;
CREATE INDEX IF NOT EXISTS user_tenants_listing ON user_tenants (tenant_id, user_type, user_seq);
CREATE UNIQUE INDEX IF NOT EXISTS groups_tenant_name ON groups (tenant_id, name);
CREATE INDEX IF NOT EXISTS groups_tenant ON groups (tenant_id);
CREATE INDEX IF NOT EXISTS group_members_group ON group_members (group_id);
CREATE INDEX IF NOT EXISTS group_members_user ON group_members (user_id);
CREATE INDEX IF NOT EXISTS roles_tenant ON roles (tenant_id);
CREATE INDEX IF NOT EXISTS roles_tenant_name ON roles (tenant_id, name COLLATE NOCASE);
CREATE INDEX IF NOT EXISTS bindings_subject ON bindings (tenant_id, type, external_id);
CREATE INDEX IF NOT EXISTS bindings_tenant ON bindings (tenant_id);
CREATE INDEX IF NOT EXISTS bindings_role ON bindings (role_id);
CREATE INDEX IF NOT EXISTS api_tokens_prefix ON api_tokens (prefix);
CREATE INDEX IF NOT EXISTS api_tokens_owner ON api_tokens (owner_id);
CREATE INDEX IF NOT EXISTS invitations_tenant ON invitations (tenant_id);
CREATE INDEX IF NOT EXISTS invitations_email ON invitations (email COLLATE NOCASE);

CREATE TRIGGER IF NOT EXISTS users_counted AFTER INSERT ON users BEGIN
  INSERT INTO list_blocks (key, block, n) VALUES ('users/' || NEW.type, NEW.rowid >> 10, 1)
    ON CONFLICT (key, block) DO UPDATE SET n = n + 1;
END;
CREATE TRIGGER IF NOT EXISTS users_uncounted AFTER DELETE ON users BEGIN
  UPDATE list_blocks SET n = n - 1 WHERE key = 'users/' || OLD.type AND block = OLD.rowid >> 10;
END;
CREATE TRIGGER IF NOT EXISTS user_tenants_counted AFTER INSERT ON user_tenants BEGIN
  INSERT INTO list_blocks (key, block, n) VALUES ('access/' || NEW.tenant_id || '/' || NEW.user_type, NEW.user_seq >> 10, 1)
    ON CONFLICT (key, block) DO UPDATE SET n = n + 1;
END;
CREATE TRIGGER IF NOT EXISTS user_tenants_uncounted AFTER DELETE ON user_tenants BEGIN
  UPDATE list_blocks SET n = n - 1 WHERE key = 'access/' || OLD.tenant_id || '/' || OLD.user_type AND block = OLD.user_seq >> 10;
END;

CREATE TRIGGER IF NOT EXISTS users_text_inserted AFTER INSERT ON users BEGIN
  INSERT INTO users_text (rowid, username, description, first_name, last_name)
    VALUES (NEW.rowid, NEW.username, NEW.description, NEW.first_name, NEW.last_name);
END;
CREATE TRIGGER IF NOT EXISTS users_text_deleted AFTER DELETE ON users BEGIN
  INSERT INTO users_text (users_text, rowid, username, description, first_name, last_name)
    VALUES ('delete', OLD.rowid, OLD.username, OLD.description, OLD.first_name, OLD.last_name);
END;
CREATE TRIGGER IF NOT EXISTS users_text_updated AFTER UPDATE OF username, description, first_name, last_name ON users BEGIN
  INSERT INTO users_text (users_text, rowid, username, description, first_name, last_name)
    VALUES ('delete', OLD.rowid, OLD.username, OLD.description, OLD.first_name, OLD.last_name);
  INSERT INTO users_text (rowid, username, description, first_name, last_name)
    VALUES (NEW.rowid, NEW.username, NEW.description, NEW.first_name, NEW.last_name);
END;
`;

/** Version of the layout above; a database of an older layout is brought up to it when opened. */
const SCHEMA_VERSION = 2;

function columnsOf(db: Db, table: string): string[] {
  return (db.pragma(`table_info(${table})`) as Array<{ name: string }>).map((c) => c.name);
}

/**
 * Layout 1 (before list blocks and the search index) lacks user_tenants' copies of the user's type and order,
 * the counts and the search entries: they are filled from the data.
 */
function upgradeFromLayout1(db: Db): void {
  db.exec(`
    ALTER TABLE user_tenants ADD COLUMN user_type TEXT NOT NULL DEFAULT 'STANDARD';
    ALTER TABLE user_tenants ADD COLUMN user_seq INTEGER NOT NULL DEFAULT 0;
    UPDATE user_tenants SET
      user_type = (SELECT type FROM users WHERE users.id = user_tenants.user_id),
      user_seq = (SELECT rowid FROM users WHERE users.id = user_tenants.user_id);
    DELETE FROM list_blocks;
    INSERT INTO list_blocks (key, block, n) SELECT 'users/' || type, rowid >> 10, count(*) FROM users GROUP BY type, rowid >> 10;
    INSERT INTO list_blocks (key, block, n)
      SELECT 'access/' || tenant_id || '/' || user_type, user_seq >> 10, count(*) FROM user_tenants GROUP BY tenant_id, user_type, user_seq >> 10;
    INSERT INTO users_text (users_text) VALUES ('rebuild');
  `);
}

/** Creates what is missing and upgrades an older layout, in one transaction. */
export function applySchema(db: Db): void {
  db.transaction(() => {
    db.exec(TABLES);
    // A table created by an older layout keeps its columns: CREATE TABLE IF NOT EXISTS left it as it was.
    if (!columnsOf(db, 'user_tenants').includes('user_type')) upgradeFromLayout1(db);
    db.exec(INDEXES_AND_TRIGGERS);
    db.prepare("INSERT INTO meta (key, value) VALUES ('schemaVersion', ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value").run(
      String(SCHEMA_VERSION),
    );
  })();
}
