import type { EmulatorContext, Guard, Principal } from './context.js';
import { errors } from './errors.js';
import { requirementFor, type Requirement } from './permissions.js';
import type { Binding } from './store/bindings.js';

/** Resources that live in namespaces; other guarded resources (IAM) are tenant-wide. */
const NAMESPACED = new Set(['FLOW', 'EXECUTION']);

export interface GuardTarget {
  tenant?: string | undefined;
  /** The namespace a namespaced request is about, when it names one. */
  namespace?: string | undefined;
}

/**
 * A namespace-scoped binding covers its namespace and the namespaces below it. It never grants
 * tenant-wide (IAM) operations. For a namespaced search that names no namespace, it allows the call:
 * the real server would answer with results filtered to the namespaces the caller may see.
 */
function bindingCovers(binding: Binding, permission: string, target: GuardTarget): boolean {
  if (binding.namespace === undefined) return true;
  if (!NAMESPACED.has(permission)) return false;
  if (target.namespace === undefined) return true;
  return target.namespace === binding.namespace || target.namespace.startsWith(binding.namespace + '.');
}

export function isGranted(ctx: EmulatorContext, principal: Principal, tenantId: string, requirement: Requirement, target: GuardTarget): boolean {
  const { store } = ctx;
  const userId = principal.user.id;
  const groupIds = store.groups.groupsOf(userId, tenantId).map(({ group }) => group.id);
  return store.bindings.forSubject(tenantId, userId, groupIds).some((binding) => {
    if (!bindingCovers(binding, requirement.permission, target)) return false;
    const role = store.roles.find(tenantId, binding.roleId);
    return role?.permissions[requirement.permission]?.includes(requirement.action) ?? false;
  });
}

/** Throws 403 unless the principal may pass the guard; for tenant routes, 404 when the tenant does not exist. */
export function authorize(ctx: EmulatorContext, principal: Principal, guard: Guard, target: GuardTarget): void {
  if (guard.kind === 'authenticated') return;
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
