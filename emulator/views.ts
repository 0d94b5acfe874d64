import type { KestraVersion } from './permissions.js';
import { TENANT_SETTINGS } from './tenant-settings.js';
import type { BoundBinding } from './store/bindings.js';
import type { Group } from './store/groups.js';
import type { RoleAssignment } from './rbac.js';
import type { AccountRelations } from './store/relations.js';
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

export function tenantSummary(t: { id: string; name: string }) {
  return { id: t.id, name: t.name };
}

/** A tenant as the `Tenant` schema of the version shows it: the settings it has, without logos (see tenantWithLogo). */
export function tenantView(t: Tenant, version: KestraVersion) {
  const settings = Object.keys(TENANT_SETTINGS[version]).filter((k) => t.settings[k] !== undefined).map((k) => [k, t.settings[k]]);
  return { ...Object.fromEntries(settings), id: t.id, name: t.name, deleted: false };
}

/** `ApiTenant`: the tenant and its logo. */
export function tenantWithLogo(t: Tenant, version: KestraVersion) {
  return { ...tenantView(t, version), logo: t.settings.logo as string | undefined };
}

export function displayName(u: Pick<User, 'username' | 'firstName' | 'lastName'>): string {
  const full = [u.firstName, u.lastName].filter((p) => p !== undefined && p !== '').join(' ');
  return full === '' ? u.username : full;
}

const tenantsOf = (rel: AccountRelations, userId: string) => rel.tenantsOf(userId).map(tenantSummary);

export function serviceAccountDetail(rel: AccountRelations, sa: User) {
  return { id: sa.id, name: sa.username, description: sa.description, tenants: tenantsOf(rel, sa.id), superAdmin: sa.superAdmin };
}

/** `rel` holds the groups of the route's tenant. */
export function serviceAccountResponse(rel: AccountRelations, sa: User) {
  return {
    id: sa.id,
    name: sa.username,
    description: sa.description,
    groups: rel.groupsOf(sa.id).map(({ group }) => ({ id: group.id })),
    superAdmin: sa.superAdmin,
  };
}

/** The id of an account's password among its authentication methods. */
export const passwordAuthId = (u: User) => `${u.id}-basic`;

/** Authentication methods as user views list them: a password, and one entry per API token. */
function authsOf(rel: AccountRelations, u: User) {
  const auths: Array<{ id: string; name: string; type: string }> = [];
  if (u.passwordHash !== undefined) auths.push({ id: passwordAuthId(u), name: 'password', type: 'BasicAuth' });
  for (const t of rel.tokensOf(u.id)) auths.push({ id: t.id, name: t.name, type: 'ApiTokenAuth' });
  return auths;
}

/** `rel` holds the groups of the tenant. */
export function tenantAccessView(rel: AccountRelations, u: User) {
  return {
    id: u.id,
    username: u.username,
    displayName: displayName(u),
    description: u.description,
    groups: rel.groupsOf(u.id).map(({ group }) => ({ id: group.id, name: group.name, external: false })),
    auths: authsOf(rel, u).map(({ name, type }) => ({ name, type })),
  };
}

/**
 * `ApiTenantAccess`: the account in one tenant, its groups there (`rel`) and the roles it holds there. A permission
 * is named `permission` in 1.3 and `resource` in 2.0.
 */
export function tenantAccessDetail(rel: AccountRelations, u: User, tenantId: string, roles: RoleAssignment[], version: KestraVersion) {
  const key = version === '2.0' ? 'resource' : 'permission';
  return {
    tenantId,
    userId: u.id,
    username: u.username,
    displayName: displayName(u),
    groups: rel.groupsOf(u.id).map(({ group }) => ({ id: group.id, name: group.name, external: false })),
    roles: roles.map((a) => ({
      id: a.role.id,
      name: a.role.name,
      namespace: a.namespace,
      origin: a.origin,
      sourceId: a.sourceId,
      permissions: Object.entries(a.role.permissions).map(([permission, actions]) => ({ [key]: permission, actions })),
    })),
    superAdmin: u.superAdmin,
  };
}

/** `rel` holds the groups of every tenant. */
export function userView(rel: AccountRelations, u: User) {
  return {
    id: u.id,
    username: u.username,
    displayName: displayName(u),
    firstName: u.firstName,
    lastName: u.lastName,
    email: u.email,
    tenants: tenantsOf(rel, u.id),
    auths: authsOf(rel, u),
    groups: rel.groupsOf(u.id).map(({ group }) => ({ id: group.id, tenantId: group.tenantId })),
    superAdmin: u.superAdmin,
    restricted: u.restricted,
  };
}

export function userSummary(rel: AccountRelations, u: User) {
  return {
    id: u.id,
    username: u.username,
    displayName: displayName(u),
    tenants: tenantsOf(rel, u.id),
    auths: authsOf(rel, u),
    superAdmin: u.superAdmin,
  };
}

/** A superadmin sees every tenant (`allTenants`); anyone else the tenants it has access to. */
export function meView(rel: AccountRelations, u: User, allTenants: Tenant[]) {
  const tenants = u.superAdmin ? allTenants : rel.tenantsOf(u.id);
  const logos = new Map(allTenants.map((t) => [t.id, t.settings.logo]));
  return {
    id: u.id,
    superAdmin: u.superAdmin,
    restricted: u.restricted,
    profile: { email: u.email, firstName: u.firstName, lastName: u.lastName, username: u.username },
    auths: authsOf(rel, u).map(({ name, type }) => ({ name, type })),
    tenants: tenants.map((t) => ({ ...tenantSummary(t), logo: logos.get(t.id) as string | undefined })),
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

/** `ApiGroupSummary`; Kestra 2.0 adds the description. */
export function groupSummary(g: Group, version: KestraVersion) {
  return version === '2.0' ? { id: g.id, name: g.name, description: g.description } : { id: g.id, name: g.name };
}

/** `rel` holds the groups of the tenant. */
export function groupMemberView(rel: AccountRelations, u: User) {
  return {
    id: u.id,
    username: u.username,
    displayName: displayName(u),
    groups: rel.groupsOf(u.id).map(({ group, membership }) => ({ id: group.id, name: group.name, external: false, membership })),
  };
}

export function roleDetail(r: Role) {
  return { id: r.id, name: r.name, description: r.description, permissions: r.permissions, isDefault: r.isDefault, isManaged: r.isManaged };
}

export function roleSummary(r: Role) {
  return { id: r.id, name: r.name, isDefault: r.isDefault, isManaged: r.isManaged };
}

/** The stored `Role` model (`POST …/roles/ids`). */
export function roleModel(r: Role) {
  return { ...roleDetail(r), deleted: false };
}

export function bindingDetail(b: BoundBinding) {
  const user = b.user;
  return {
    id: b.id,
    type: b.type,
    namespace: b.namespace,
    role: b.role ?? { id: b.roleId },
    group: b.group,
    user: user ? { id: user.id, username: user.username, displayName: displayName(user), type: user.type } : undefined,
  };
}
