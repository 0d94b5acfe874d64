import type { EmulatorContext, Guard, Principal } from './context.js';
import { errors } from './errors.js';
import { requirementFor, type Permissions, type Requirement } from './permissions.js';
import type { Binding } from './store/bindings.js';
import type { Role } from './store/roles.js';
import type { User } from './store/users.js';

/** Resources that live in namespaces; other guarded resources (IAM) are tenant-wide. */
const NAMESPACED = new Set(['FLOW', 'EXECUTION']);

export interface GuardTarget {
  tenant?: string | undefined;
  /** The namespace a namespaced request is about, when it names one. */
  namespace?: string | undefined;
}

/** What one binding hands its subject: its role's permissions, tenant-wide or inside a namespace. */
export interface Grant {
  permissions: Permissions;
  namespace?: string | undefined;
}

const insideNamespace = (namespace: string, parent: string) => namespace === parent || namespace.startsWith(parent + '.');

/**
 * A namespace-scoped binding covers its namespace and the namespaces below it. It never grants
 * tenant-wide (IAM) operations. For a namespaced search that names no namespace, it allows the call:
 * the real server would answer with results filtered to the namespaces the caller may see.
 */
function bindingAllows(binding: Binding, permission: string, target: GuardTarget): boolean {
  if (binding.namespace === undefined) return true;
  if (!NAMESPACED.has(permission)) return false;
  return target.namespace === undefined || insideNamespace(target.namespace, binding.namespace);
}

/** Stricter than a route call: a namespace binding never covers a tenant-wide scope. */
function bindingCoversScope(binding: Binding, permission: string, namespace: string | undefined): boolean {
  if (binding.namespace === undefined) return true;
  return NAMESPACED.has(permission) && namespace !== undefined && insideNamespace(namespace, binding.namespace);
}

/** The bindings of a tenant that apply to a user: its own and those of the groups it belongs to there. */
function bindingsOf(ctx: EmulatorContext, userId: string, tenantId: string): Binding[] {
  const groupIds = ctx.store.groups.groupsOf(userId, tenantId).map(({ group }) => group.id);
  return ctx.store.bindings.forSubject(tenantId, userId, groupIds);
}

function roleGrants(ctx: EmulatorContext, tenantId: string, binding: Binding, requirement: Requirement): boolean {
  return ctx.store.roles.find(tenantId, binding.roleId)?.permissions[requirement.permission]?.includes(requirement.action) ?? false;
}

/** Whether a route call passes the principal's bindings (see bindingAllows for namespaces). */
export function isGranted(ctx: EmulatorContext, principal: Principal, tenantId: string, requirement: Requirement, target: GuardTarget): boolean {
  return bindingsOf(ctx, principal.user.id, tenantId).some(
    (b) => bindingAllows(b, requirement.permission, target) && roleGrants(ctx, tenantId, b, requirement),
  );
}

/**
 * Whether a user holds a permission at a scope (tenant-wide when `namespace` is undefined). This is what a
 * caller may hand out to others: superadmins hold everything.
 */
export function holds(ctx: EmulatorContext, user: User, tenantId: string, requirement: Requirement, namespace?: string): boolean {
  if (user.superAdmin) return true;
  return bindingsOf(ctx, user.id, tenantId).some(
    (b) => bindingCoversScope(b, requirement.permission, namespace) && roleGrants(ctx, tenantId, b, requirement),
  );
}

function grantOf(ctx: EmulatorContext, binding: Binding): Grant {
  return { permissions: ctx.store.roles.find(binding.tenantId, binding.roleId)?.permissions ?? {}, namespace: binding.namespace };
}

/** A role an account holds in a tenant, bound to it directly or to one of its groups (`sourceId`: binding or group). */
export interface RoleAssignment {
  role: Role;
  namespace?: string | undefined;
  origin: 'BINDING' | 'GROUP';
  sourceId: string;
}

export function assignmentsOf(ctx: EmulatorContext, userId: string, tenantId: string): RoleAssignment[] {
  const out: RoleAssignment[] = [];
  for (const b of bindingsOf(ctx, userId, tenantId)) {
    const role = ctx.store.roles.find(tenantId, b.roleId);
    if (!role) continue;
    const direct = b.type === 'USER';
    out.push({ role, namespace: b.namespace, origin: direct ? 'BINDING' : 'GROUP', sourceId: direct ? b.id : b.externalId });
  }
  return out;
}

/** What a group's bindings hand its members in its tenant. */
export function grantsOfGroup(ctx: EmulatorContext, tenantId: string, groupId: string): Grant[] {
  return ctx.store.bindings.forGroup(tenantId, groupId).map((b) => grantOf(ctx, b));
}

/**
 * Refuses with 403 unless the caller holds, in that tenant, every permission of every grant at the grant's
 * scope: a caller can hand out no more than it holds (a role, a binding, a group membership, a token).
 */
export function requireMayHandOut(ctx: EmulatorContext, caller: User, tenantId: string, grants: Grant[], refusal: string): void {
  for (const grant of grants) {
    for (const [permission, actions] of Object.entries(grant.permissions)) {
      // Inside a namespace, a tenant-wide permission grants nothing, so handing it out that way hands out nothing.
      if (grant.namespace !== undefined && !NAMESPACED.has(permission)) continue;
      for (const action of actions) {
        if (!holds(ctx, caller, tenantId, { permission, action }, grant.namespace)) throw errors.FORBIDDEN(refusal);
      }
    }
  }
}

/**
 * An API token carries all of its owner's access, in every tenant: minting one hands out everything the owner
 * holds anywhere, so the caller must hold all of it too.
 */
export function requireMayHandOutEverythingOf(ctx: EmulatorContext, caller: User, owner: User, refusal: string): void {
  if (caller.superAdmin) return;
  if (owner.superAdmin) throw errors.FORBIDDEN(refusal);
  for (const tenant of ctx.store.tenants.list()) {
    requireMayHandOut(ctx, caller, tenant.id, bindingsOf(ctx, owner.id, tenant.id).map((b) => grantOf(ctx, b)), refusal);
  }
}

/** Throws 403 unless the principal may pass the guard; for tenant routes, 404 when the tenant does not exist. */
export function authorize(ctx: EmulatorContext, principal: Principal, guard: Guard, target: GuardTarget): void {
  if (guard.kind === 'authenticated' || guard.kind === 'anonymous') return;
  const superAdmin = principal.user.superAdmin;
  if (guard.kind === 'superadmin') {
    if (!superAdmin) throw errors.FORBIDDEN('Superadmin-only endpoint');
    return;
  }
  const tenantId = target.tenant ?? '';
  const requirement = requirementFor(ctx.kestraVersion, guard.resource, guard.operation);
  if (!superAdmin && !isGranted(ctx, principal, tenantId, requirement, target)) {
    throw errors.FORBIDDEN(`missing permission ${requirement.permission} with action ${requirement.action} on tenant ${tenantId}`);
  }
  if (!ctx.store.tenants.find(tenantId)) throw errors.NOT_FOUND(`Tenant '${tenantId}' not found`);
}
