import type { FastifyPluginAsync } from 'fastify';
import { readBody, type BodySpec } from '../body.js';
import { guards, principalOf, type EmulatorContext, type RouteOptions } from '../context.js';
import { errors } from '../errors.js';
import { EXACT_OPERATIONS, readListQuery, TEXT_OPERATIONS, type ListSpec } from '../listing.js';
import type { KestraVersion } from '../permissions.js';
import { assignmentsOf } from '../rbac.js';
import type { AccountField, User, UserType } from '../store/users.js';
import { tenantAccessDetail, tenantAccessView } from '../views.js';
import { autocomplete, readAutocomplete } from './autocomplete.js';
import type { Route, Tenant } from './params.js';

/**
 * Tenant access: which accounts may work in a tenant. Access alone grants nothing (every permission comes from a
 * binding), so a tenant admin may bring any account of the instance in, except a superadmin. Taking access away
 * also removes what the account held there: its bindings and its memberships of the tenant's groups.
 */

const CREATE_REQUEST: BodySpec = {
  javaType: 'IAMTenantAccessController$ApiCreateTenantAccessRequest',
  method: 'createTenantAccess',
  argument: 'request',
  fields: { email: { kind: 'string', required: true } },
};

const USER_TYPES: readonly UserType[] = ['STANDARD', 'SERVICE_ACCOUNT'];

const FILTERS = {
  username: { field: 'username', operations: TEXT_OPERATIONS },
  type: { field: 'type', operations: EXACT_OPERATIONS },
} as const;
const SORT = { username: 'username', id: 'id' } as const;

/** 1.3 has the deprecated `q`, a `type` parameter and filters; 2.0 filters only, with `email` too. */
const LIST: Record<KestraVersion, ListSpec<AccountField>> = {
  '1.3': { q: true, params: { type: { field: 'type', javaType: 'io.kestra.ee.models.security.UserType', values: USER_TYPES } }, filters: FILTERS, sort: SORT },
  '2.0': { filters: { ...FILTERS, email: { field: 'email', operations: TEXT_OPERATIONS } }, sort: SORT },
};

interface UserId extends Tenant {
  userId: string;
}

/** Tenant routes never act on superadmin accounts for a caller who is not one. */
function requireManageable(caller: User, account: User): void {
  if (account.superAdmin && !caller.superAdmin) throw errors.FORBIDDEN('only a superadmin can manage a superadmin account');
}

function accountWithAccess(ctx: EmulatorContext, caller: User, tenantId: string, userId: string): User {
  const account = ctx.store.users.find(userId);
  if (!account || !ctx.store.users.hasTenantAccess(account.id, tenantId)) throw errors.NOT_FOUND('User, or tenant access not found');
  requireManageable(caller, account);
  return account;
}

export const tenantAccessRoutes: FastifyPluginAsync<RouteOptions> = async (app, { ctx }) => {
  const { store } = ctx;
  const BASE = '/api/v1/:tenant/tenant-access';

  app.get<Route<Tenant>>(BASE, { config: guards.tenant('TENANT_ACCESS', 'list') }, async (request) => {
    const { tenant } = request.params;
    const scope = { types: USER_TYPES, tenantId: tenant, excludeSuperadmins: !principalOf(request).user.superAdmin };
    const page = store.users.page(scope, readListQuery(request.query, LIST[ctx.kestraVersion]));
    const rel = store.relations(page.results, tenant);
    return { results: page.results.map((u) => tenantAccessView(rel, u)), total: page.total };
  });

  // By email, so standard users only: service accounts have none.
  app.post<Route<Tenant>>(BASE, { config: guards.tenant('TENANT_ACCESS', 'create') }, async (request, reply) => {
    const { tenant } = request.params;
    const body = readBody<{ email: string }>(CREATE_REQUEST, request.body);
    const user = store.users.findByEmail(body.email);
    if (!user) throw errors.NOT_FOUND('User not found');
    requireManageable(principalOf(request).user, user);
    if (!store.users.grantTenant(user.id, tenant)) throw errors.CONFLICT('User already has access to the tenant');
    return reply.code(204).send();
  });

  app.get<Route<UserId>>(`${BASE}/:userId`, { config: guards.tenant('TENANT_ACCESS', 'get') }, async (request) => {
    const { tenant, userId } = request.params;
    const account = accountWithAccess(ctx, principalOf(request).user, tenant, userId);
    return tenantAccessDetail(store.relations([account], tenant), account, tenant, assignmentsOf(ctx, account.id, tenant), ctx.kestraVersion);
  });

  // A PUT: granting access that already exists is no error.
  app.put<Route<UserId>>(`${BASE}/:userId`, { config: guards.tenant('TENANT_ACCESS', 'create') }, async (request, reply) => {
    const { tenant, userId } = request.params;
    const account = store.users.find(userId);
    if (!account) throw errors.NOT_FOUND('User not found');
    requireManageable(principalOf(request).user, account);
    store.users.grantTenant(account.id, tenant);
    return reply.code(201).send();
  });

  app.delete<Route<UserId>>(`${BASE}/:userId`, { config: guards.tenant('TENANT_ACCESS', 'delete') }, async (request, reply) => {
    const { tenant, userId } = request.params;
    const account = accountWithAccess(ctx, principalOf(request).user, tenant, userId);
    store.revokeTenantAccess(account.id, tenant);
    return reply.code(204).send();
  });

  app.post<Route<Tenant>>(`${BASE}/autocomplete`, { config: guards.tenant('TENANT_ACCESS', 'list') }, async (request) => {
    const { tenant } = request.params;
    const body = readAutocomplete(request.body, { javaType: 'IAMTenantAccessController$UserApiAutocomplete', method: 'autocompleteUsers', withUsername: true });
    const scope = { types: USER_TYPES, tenantId: tenant, excludeSuperadmins: !principalOf(request).user.superAdmin };
    const found = autocomplete(body, (query) => store.users.page(scope, query).results, 'username');
    const rel = store.relations(found, tenant);
    return found.map((u) => tenantAccessView(rel, u));
  });
};
