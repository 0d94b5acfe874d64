import type { EmulatorContext } from '../context.js';
import { errors } from '../errors.js';
import { holds } from '../rbac.js';
import type { Requirement } from '../permissions.js';
import type { Group } from '../store/groups.js';
import type { Role } from '../store/roles.js';
import type { User, UserType } from '../store/users.js';

/** Finders shared by several route groups; each answers 404 with Kestra's wording when nothing is found. */

export function serviceAccount(ctx: EmulatorContext, id: string): User {
  const sa = ctx.store.users.findOfType(id, 'SERVICE_ACCOUNT');
  if (!sa) throw errors.NOT_FOUND('Service account not found');
  return sa;
}

export function standardUser(ctx: EmulatorContext, id: string): User {
  const user = ctx.store.users.findOfType(id, 'STANDARD');
  if (!user) throw errors.NOT_FOUND('User not found');
  return user;
}

/**
 * Whether a tenant route may reach an account. It may when the account has access to the tenant (it was created
 * there, given the tenant, bound or added to a group there). A superadmin may also reach an account that has no
 * tenant access at all: one created at instance level, which Kestra keeps independent of any tenant (the
 * evidence is in emulator/README.md). An account confined to other tenants is out of reach for everyone.
 */
export function reachableThroughTenant(ctx: EmulatorContext, caller: User, tenantId: string, account: User): boolean {
  const tenants = ctx.store.users.tenantIds(account.id);
  return tenants.includes(tenantId) || (caller.superAdmin && tenants.length === 0);
}

/**
 * The account (a user or service account, or only one type) that a tenant route names: 404 when the caller may
 * not reach it through this tenant, 403 when it is a superadmin and the caller is not (tenant routes never act
 * on superadmin accounts for anyone else).
 */
export function accountInTenant(ctx: EmulatorContext, caller: User, tenantId: string, id: string, type?: UserType): User {
  const account = ctx.store.users.find(id);
  const notFound = type === 'SERVICE_ACCOUNT' ? 'Service account not found' : 'User not found';
  if (!account || (type !== undefined && account.type !== type) || !reachableThroughTenant(ctx, caller, tenantId, account)) {
    throw errors.NOT_FOUND(notFound);
  }
  if (account.superAdmin && !caller.superAdmin) throw errors.FORBIDDEN('only a superadmin can manage a superadmin account');
  return account;
}

/**
 * The account that a tenant route is about to give access to the tenant (by binding it or adding it to a group).
 * A superadmin may bring any account into a tenant (Kestra 1.3 creates the tenant access on the way); anyone
 * else only an account already reachable through the tenant, and never a superadmin.
 */
export function accountToGrantIn(ctx: EmulatorContext, caller: User, tenantId: string, id: string): User {
  if (!caller.superAdmin) return accountInTenant(ctx, caller, tenantId, id);
  const account = ctx.store.users.find(id);
  if (!account) throw errors.NOT_FOUND('User not found');
  return account;
}

/**
 * A change made through one tenant route reaches the account everywhere (a rename, a deletion, a token): the
 * caller must hold the same permission in every tenant the account has access to.
 */
export function requireHeldWhereverAccountIs(ctx: EmulatorContext, caller: User, account: User, requirement: Requirement): void {
  for (const tenantId of ctx.store.users.tenantIds(account.id)) {
    if (!holds(ctx, caller, tenantId, requirement)) {
      throw errors.FORBIDDEN(
        `the account also has access to tenant ${tenantId}, where the caller lacks permission ${requirement.permission} with action ${requirement.action}`,
      );
    }
  }
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

/** Emails (user names) are unique, ignoring case. */
export function requireFreeEmail(ctx: EmulatorContext, email: string, exceptId?: string): void {
  const existing = ctx.store.users.findByEmail(email);
  if (existing && existing.id !== exceptId) throw errors.CONFLICT(`A user with the email '${email}' already exists`);
}

/** The emulator's password policy (the real one is configured per instance): at least this many characters. */
export const PASSWORD_MIN_LENGTH = 8;

/** Refuses a password the policy does not accept, as a constraint violation of the field at `path`. */
export function requireUsablePassword(path: string, password: string): void {
  const problem = passwordProblem(password);
  if (problem !== undefined) throw errors.INVALID_ENTITY([{ message: problem, path }], `${path}: ${problem}`);
}

export function passwordProblem(password: string): string | undefined {
  return [...password].length < PASSWORD_MIN_LENGTH ? `must be at least ${PASSWORD_MIN_LENGTH} characters long` : undefined;
}
