import type { EmulatorContext } from '../context.js';
import { errors } from '../errors.js';
import type { Group } from '../store/groups.js';
import type { Role } from '../store/roles.js';
import type { User } from '../store/users.js';

/** Finders shared by several route groups; each answers 404 with Kestra's wording when nothing is found. */

export function serviceAccount(ctx: EmulatorContext, id: string): User {
  const sa = ctx.store.users.findOfType(id, 'SERVICE_ACCOUNT');
  if (!sa) throw errors.NOT_FOUND('Service account not found');
  return sa;
}

export function serviceAccountInTenant(ctx: EmulatorContext, tenantId: string, id: string): User {
  const sa = ctx.store.users.findOfType(id, 'SERVICE_ACCOUNT');
  if (!sa || !ctx.store.users.hasTenantAccess(sa.id, tenantId)) throw errors.NOT_FOUND('Service account not found');
  return sa;
}

export function standardUser(ctx: EmulatorContext, id: string): User {
  const user = ctx.store.users.findOfType(id, 'STANDARD');
  if (!user) throw errors.NOT_FOUND('User not found');
  return user;
}

export function anyUser(ctx: EmulatorContext, id: string): User {
  const user = ctx.store.users.find(id);
  if (!user) throw errors.NOT_FOUND('User not found');
  return user;
}

export function group(ctx: EmulatorContext, tenantId: string, id: string): Group {
  const g = ctx.store.groups.find(tenantId, id);
  if (!g) throw errors.NOT_FOUND('Group not found');
  return g;
}

export function role(ctx: EmulatorContext, tenantId: string, id: string): Role {
  const r = ctx.store.roles.find(tenantId, id);
  if (!r) throw errors.NOT_FOUND('Role not found');
  return r;
}

export function requireTenantsExist(ctx: EmulatorContext, tenantIds: string[]): void {
  for (const id of tenantIds) {
    if (!ctx.store.tenants.find(id)) throw errors.NOT_FOUND(`Tenant '${id}' not found`);
  }
}

/** Service-account names are unique across the instance. */
export function requireFreeServiceAccountName(ctx: EmulatorContext, name: string, exceptId?: string): void {
  const existing = ctx.store.users.findByUsername('SERVICE_ACCOUNT', name);
  if (existing && existing.id !== exceptId) throw errors.CONFLICT(`A service account with the name '${name}' already exists`);
}
