/** Tables of the emulator's SQLite database. Row order (rowid) is creation order, which lists follow. */
export const SCHEMA = `
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
CREATE UNIQUE INDEX IF NOT EXISTS users_type_username ON users (type, username);

CREATE TABLE IF NOT EXISTS user_tenants (
  user_id TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  tenant_id TEXT NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
  PRIMARY KEY (user_id, tenant_id)
);

CREATE TABLE IF NOT EXISTS groups (
  id TEXT PRIMARY KEY,
  tenant_id TEXT NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
  name TEXT NOT NULL,
  description TEXT
);
CREATE UNIQUE INDEX IF NOT EXISTS groups_tenant_name ON groups (tenant_id, name);

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
CREATE INDEX IF NOT EXISTS bindings_subject ON bindings (tenant_id, type, external_id);

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
CREATE INDEX IF NOT EXISTS api_tokens_prefix ON api_tokens (prefix);
CREATE INDEX IF NOT EXISTS api_tokens_owner ON api_tokens (owner_id);
`;
