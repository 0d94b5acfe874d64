import type { Store } from './store/index.js';
import type { Binding } from './store/bindings.js';
import type { Group } from './store/groups.js';
import type { Role } from './store/roles.js';
import type { Tenant } from './store/tenants.js';
import type { ApiTokenRecord } from './store/tokens.js';
import type { User } from './store/users.js';

/**
 * Response bodies, shaped after the spec's schemas. Absent values are left undefined, so JSON omits them
 * the way Kestra's NON_NULL Jackson configuration does.
 */

const DATE_TIME_MIN_MS = Date.parse('0000-01-01T00:00:00Z');
const DATE_TIME_MAX_MS = Date.parse('9999-12-31T23:59:59.999Z');

/**
 * Java's Instant text: fractional seconds only when there are some. An instant outside the years an RFC 3339
 * date-time can write (only a token stored before lifetimes were bounded can have one) is shown as the nearest
 * one it can, so that a list holding it still answers.
 */
export function isoInstant(ms: number): string {
  const shown = Math.min(Math.max(ms, DATE_TIME_MIN_MS), DATE_TIME_MAX_MS);
  return new Date(shown).toISOString().replace('.000Z', 'Z');
}

export function tenantSummary(t: Tenant) {
  return { id: t.id, name: t.name };
}

export function tenantView(t: Tenant) {
  return { ...t.settings, id: t.id, name: t.name, deleted: false };
}

export function displayName(u: User): string {
  const full = [u.firstName, u.lastName].filter((p) => p !== undefined && p !== '').join(' ');
  return full === '' ? u.username : full;
}

function tenantsOf(store: Store, userId: string) {
  return store.users
    .tenantIds(userId)
    .map((id) => store.tenants.find(id))
    .filter((t): t is Tenant => t !== undefined)
    .map(tenantSummary);
}

export function serviceAccountDetail(store: Store, sa: User) {
  return { id: sa.id, name: sa.username, description: sa.description, tenants: tenantsOf(store, sa.id), superAdmin: sa.superAdmin };
}

export function serviceAccountResponse(store: Store, sa: User, tenantId: string) {
  return {
    id: sa.id,
    name: sa.username,
    description: sa.description,
    groups: store.groups.groupsOf(sa.id, tenantId).map(({ group }) => ({ id: group.id })),
    superAdmin: sa.superAdmin,
  };
}

/** Authentication methods as user views list them: a password, and one entry per API token. */
function authsOf(store: Store, u: User) {
  const auths: Array<{ id: string; name: string; type: string }> = [];
  if (u.passwordHash !== undefined) auths.push({ id: `${u.id}-basic`, name: 'password', type: 'BasicAuth' });
  for (const t of store.tokens.listForOwner(u.id)) auths.push({ id: t.id, name: t.name, type: 'ApiTokenAuth' });
  return auths;
}

export function tenantAccessView(store: Store, u: User, tenantId: string) {
  return {
    id: u.id,
    username: u.username,
    displayName: displayName(u),
    description: u.description,
    groups: store.groups.groupsOf(u.id, tenantId).map(({ group }) => ({ id: group.id, name: group.name, external: false })),
    auths: authsOf(store, u).map(({ name, type }) => ({ name, type })),
  };
}

export function userView(store: Store, u: User) {
  return {
    id: u.id,
    username: u.username,
    displayName: displayName(u),
    firstName: u.firstName,
    lastName: u.lastName,
    email: u.email,
    tenants: tenantsOf(store, u.id),
    auths: authsOf(store, u),
    groups: store.groups.groupsOf(u.id).map(({ group }) => ({ id: group.id, tenantId: group.tenantId })),
    superAdmin: u.superAdmin,
    restricted: u.restricted,
  };
}

export function userSummary(store: Store, u: User) {
  return {
    id: u.id,
    username: u.username,
    displayName: displayName(u),
    tenants: tenantsOf(store, u.id),
    auths: authsOf(store, u),
    superAdmin: u.superAdmin,
  };
}

export function meView(store: Store, u: User) {
  return {
    id: u.id,
    superAdmin: u.superAdmin,
    restricted: u.restricted,
    profile: { email: u.email, firstName: u.firstName, lastName: u.lastName, username: u.username },
    auths: authsOf(store, u).map(({ name, type }) => ({ name, type })),
    tenants: u.superAdmin ? store.tenants.list().map(tenantSummary) : tenantsOf(store, u.id),
  };
}

export function apiTokenView(t: ApiTokenRecord, nowMs: number) {
  return {
    id: t.id,
    name: t.name,
    description: t.description,
    prefix: t.prefix,
    iat: isoInstant(t.issuedAt),
    exp: t.expiresAt === undefined ? undefined : isoInstant(t.expiresAt),
    lastUsed: t.lastUsed === undefined ? undefined : isoInstant(t.lastUsed),
    extended: t.extended,
    expired: t.expiresAt !== undefined && nowMs >= t.expiresAt,
  };
}

export function groupDetail(g: Group) {
  return { id: g.id, name: g.name, description: g.description };
}

export function groupMemberView(store: Store, u: User, tenantId: string) {
  return {
    id: u.id,
    username: u.username,
    displayName: displayName(u),
    groups: store.groups
      .groupsOf(u.id, tenantId)
      .map(({ group, membership }) => ({ id: group.id, name: group.name, external: false, membership })),
  };
}

export function roleDetail(r: Role) {
  return { id: r.id, name: r.name, description: r.description, permissions: r.permissions, isDefault: r.isDefault, isManaged: r.isManaged };
}

export function roleSummary(r: Role) {
  return { id: r.id, name: r.name, isDefault: r.isDefault, isManaged: r.isManaged };
}

export function bindingDetail(store: Store, b: Binding) {
  const role = store.roles.find(b.tenantId, b.roleId);
  const user = b.type === 'USER' ? store.users.find(b.externalId) : undefined;
  const group = b.type === 'GROUP' ? store.groups.find(b.tenantId, b.externalId) : undefined;
  return {
    id: b.id,
    type: b.type,
    namespace: b.namespace,
    role: role ? { id: role.id, name: role.name } : { id: b.roleId },
    group: group ? { id: group.id, name: group.name } : undefined,
    user: user ? { id: user.id, username: user.username, displayName: displayName(user), type: user.type } : undefined,
  };
}
