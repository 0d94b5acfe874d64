import type { FastifyPluginAsync } from 'fastify';
import { DNS_NAME_PATTERN, readBody, type BodySpec } from '../body.js';
import { guards, principalOf, type EmulatorContext, type RouteOptions } from '../context.js';
import { errors } from '../errors.js';
import { newId } from '../ids.js';
import { readListQuery, TEXT_OPERATIONS, type ListSpec } from '../listing.js';
import { requirementFor } from '../permissions.js';
import { grantsOfGroup, requireMayHandOut } from '../rbac.js';
import type { AccountField, User } from '../store/users.js';
import { serviceAccountDetail, serviceAccountResponse, tenantAccessView } from '../views.js';
import * as find from './lookups.js';
import type { Id, QueryRoute, Route, Tenant, TenantAndId } from './params.js';

const tenantRequest = (method: string): BodySpec => ({
  javaType: 'IAMServiceAccountController$ApiServiceAccountRequest',
  method,
  argument: 'request',
  fields: {
    name: { kind: 'string', required: true, pattern: DNS_NAME_PATTERN },
    description: { kind: 'string' },
    superAdmin: { kind: 'boolean' },
    groups: { kind: 'idList', javaType: 'IAMServiceAccountController$ApiGroup' },
  },
});

const CREATE_REQUEST: BodySpec = {
  javaType: 'IAMServiceAccountController$ApiCreateServiceAccountRequest',
  method: 'createServiceAccount',
  argument: 'request',
  fields: {
    name: { kind: 'string', required: true, pattern: DNS_NAME_PATTERN },
    description: { kind: 'string' },
    superAdmin: { kind: 'boolean' },
    tenants: { kind: 'stringList' },
  },
};

const PATCH_REQUEST: BodySpec = {
  javaType: 'IAMServiceAccountController$ApiPatchServiceAccountRequest',
  method: 'patchServiceAccountDetails',
  argument: 'request',
  fields: { name: { kind: 'string', required: true, pattern: DNS_NAME_PATTERN }, description: { kind: 'string' } },
};

const SUPERADMIN_REQUEST: BodySpec = {
  javaType: 'ApiPatchSuperAdminRequest',
  method: 'patchServiceAccountSuperAdmin',
  argument: 'request',
  fields: { superAdmin: { kind: 'boolean', required: true } },
};

const BY_NAME = { name: { field: 'username', operations: TEXT_OPERATIONS } } as const;
const SORT = { name: 'username', id: 'id' } as const;

/** Both lists take `filters` (q, name); only the 1.3 instance list also has `q`, which 2.0 dropped. */
const TENANT_LIST: ListSpec<AccountField> = { filters: BY_NAME, sort: SORT };
const INSTANCE_LIST = { '1.3': { q: true, filters: BY_NAME, sort: SORT }, '2.0': TENANT_LIST } satisfies Record<string, ListSpec<AccountField>>;

interface TenantSaBody {
  name: string;
  description?: string;
  superAdmin?: boolean;
  groups?: string[];
}

/** Only a superadmin may make (or unmake) a superadmin, whatever path it uses. */
function requireMayChangeSuperAdmin(caller: User, wanted: boolean | undefined, current: boolean): void {
  if (wanted !== undefined && wanted !== current && !caller.superAdmin) {
    throw errors.FORBIDDEN('only a superadmin can change the superAdmin flag');
  }
}

function requireGroupsInTenant(ctx: EmulatorContext, tenantId: string, groupIds: string[]): void {
  for (const id of groupIds) find.group(ctx, tenantId, id);
}

/** Joining groups hands out what their bindings grant: the caller must hold all of it (superadmins do). */
function requireMayJoin(ctx: EmulatorContext, caller: User, tenantId: string, account: User | undefined, groupIds: string[]): void {
  const current = new Set(account === undefined ? [] : ctx.store.groups.groupsOf(account.id, tenantId).map(({ group }) => group.id));
  const joined = groupIds.filter((id) => !current.has(id));
  const grants = joined.flatMap((id) => grantsOfGroup(ctx, tenantId, id));
  requireMayHandOut(ctx, caller, tenantId, grants, 'Insufficient privileges to add the service account to the group');
}

export const tenantServiceAccountRoutes: FastifyPluginAsync<RouteOptions> = async (app, { ctx }) => {
  const { store } = ctx;
  const requirement = (operation: 'update' | 'delete') => requirementFor(ctx.kestraVersion, 'SERVICE_ACCOUNT', operation);

  // Superadmin accounts are listed to superadmins only: tenant routes never act on them for anyone else.
  app.get<Route<Tenant>>('/api/v1/:tenant/service-accounts', { config: guards.tenant('SERVICE_ACCOUNT', 'list') }, async (request) => {
    const { tenant } = request.params;
    const scope = { types: ['SERVICE_ACCOUNT'] as const, tenantId: tenant, excludeSuperadmins: !principalOf(request).user.superAdmin };
    const page = store.users.page(scope, readListQuery(request.query, TENANT_LIST));
    const rel = store.relations(page.results, tenant);
    return { results: page.results.map((sa) => tenantAccessView(rel, sa)), total: page.total };
  });

  app.post<Route<Tenant>>('/api/v1/:tenant/service-accounts', { config: guards.tenant('SERVICE_ACCOUNT', 'create') }, async (request) => {
    const { tenant } = request.params;
    const caller = principalOf(request).user;
    const body = readBody<TenantSaBody>(tenantRequest('createServiceAccountForTenant'), request.body);
    requireMayChangeSuperAdmin(caller, body.superAdmin, false);
    const groupIds = body.groups ?? [];
    requireGroupsInTenant(ctx, tenant, groupIds);
    requireMayJoin(ctx, caller, tenant, undefined, groupIds);
    const sa: User = {
      id: newId(),
      type: 'SERVICE_ACCOUNT',
      username: body.name,
      description: body.description,
      superAdmin: body.superAdmin ?? false,
      restricted: false,
    };
    store.transaction(() => {
      find.requireFreeServiceAccountName(ctx, body.name);
      store.users.insert(sa);
      store.users.grantTenant(sa.id, tenant);
      store.groups.replaceGroupsOf(sa.id, groupIds, tenant);
    });
    return serviceAccountResponse(store.relations([sa], tenant), sa);
  });

  app.get<Route<TenantAndId>>('/api/v1/:tenant/service-accounts/:id', { config: guards.tenant('SERVICE_ACCOUNT', 'get') }, async (request) => {
    const { tenant, id } = request.params;
    const sa = find.accountInTenant(ctx, principalOf(request).user, tenant, id, 'SERVICE_ACCOUNT');
    return serviceAccountResponse(store.relations([sa], tenant), sa);
  });

  // A full replacement: an absent description or group list clears it; an absent superAdmin keeps it.
  app.put<Route<TenantAndId>>('/api/v1/:tenant/service-accounts/:id', { config: guards.tenant('SERVICE_ACCOUNT', 'update') }, async (request) => {
    const { tenant, id } = request.params;
    const caller = principalOf(request).user;
    const body = readBody<TenantSaBody>(tenantRequest('updateServiceAccount'), request.body);
    const sa = find.accountInTenant(ctx, caller, tenant, id, 'SERVICE_ACCOUNT');
    find.requireHeldWhereverAccountIs(ctx, caller, sa, requirement('update'));
    requireMayChangeSuperAdmin(caller, body.superAdmin, sa.superAdmin);
    const groupIds = body.groups ?? [];
    requireGroupsInTenant(ctx, tenant, groupIds);
    requireMayJoin(ctx, caller, tenant, sa, groupIds);
    const updated: User = { ...sa, username: body.name, description: body.description, superAdmin: body.superAdmin ?? sa.superAdmin };
    store.transaction(() => {
      find.requireFreeServiceAccountName(ctx, body.name, sa.id);
      store.users.update(updated);
      store.groups.replaceGroupsOf(sa.id, groupIds, tenant);
      // Group membership brings tenant access with it, as on the members route.
      if (groupIds.length > 0) store.users.grantTenant(sa.id, tenant);
    });
    return serviceAccountResponse(store.relations([updated], tenant), updated);
  });

  app.delete<Route<TenantAndId>>('/api/v1/:tenant/service-accounts/:id', { config: guards.tenant('SERVICE_ACCOUNT', 'delete') }, async (request, reply) => {
    const { tenant, id } = request.params;
    const caller = principalOf(request).user;
    const sa = find.accountInTenant(ctx, caller, tenant, id, 'SERVICE_ACCOUNT');
    find.requireHeldWhereverAccountIs(ctx, caller, sa, requirement('delete'));
    store.deleteUser(sa.id);
    return reply.code(200).send();
  });
};

interface CreateSaBody {
  name: string;
  description?: string;
  superAdmin?: boolean;
  tenants?: string[];
}

export const instanceServiceAccountRoutes: FastifyPluginAsync<RouteOptions> = async (app, { ctx }) => {
  const { store } = ctx;

  app.get<QueryRoute>('/api/v1/service-accounts', { config: guards.superadmin }, async (request) => {
    const page = store.users.page({ types: ['SERVICE_ACCOUNT'] }, readListQuery(request.query, INSTANCE_LIST[ctx.kestraVersion]));
    const rel = store.relations(page.results);
    return { results: page.results.map((sa) => serviceAccountDetail(rel, sa)), total: page.total };
  });

  app.post('/api/v1/service-accounts', { config: guards.superadmin }, async (request) => {
    const body = readBody<CreateSaBody>(CREATE_REQUEST, request.body);
    const tenants = body.tenants ?? [];
    find.requireTenantsExist(ctx, tenants);
    const sa: User = {
      id: newId(),
      type: 'SERVICE_ACCOUNT',
      username: body.name,
      description: body.description,
      superAdmin: body.superAdmin ?? false,
      restricted: false,
    };
    store.transaction(() => {
      find.requireFreeServiceAccountName(ctx, body.name);
      store.users.insert(sa);
      store.users.setTenants(sa.id, tenants);
    });
    return serviceAccountDetail(store.relations([sa]), sa);
  });

  app.get<Route<Id>>('/api/v1/service-accounts/:id', { config: guards.superadmin }, async (request) => {
    const sa = find.serviceAccount(ctx, request.params.id);
    return serviceAccountDetail(store.relations([sa]), sa);
  });

  app.patch<Route<Id>>('/api/v1/service-accounts/:id', { config: guards.superadmin }, async (request) => {
    const body = readBody<{ name: string; description?: string }>(PATCH_REQUEST, request.body);
    const sa = find.serviceAccount(ctx, request.params.id);
    const updated: User = { ...sa, username: body.name, description: body.description ?? sa.description };
    store.transaction(() => {
      find.requireFreeServiceAccountName(ctx, body.name, sa.id);
      store.users.update(updated);
    });
    return serviceAccountDetail(store.relations([updated]), updated);
  });

  app.delete<Route<Id>>('/api/v1/service-accounts/:id', { config: guards.superadmin }, async (request, reply) => {
    store.deleteUser(find.serviceAccount(ctx, request.params.id).id);
    return reply.code(204).send();
  });

  app.patch<Route<Id>>('/api/v1/service-accounts/:id/superadmin', { config: guards.superadmin }, async (request, reply) => {
    const body = readBody<{ superAdmin: boolean }>(SUPERADMIN_REQUEST, request.body);
    const sa = find.serviceAccount(ctx, request.params.id);
    store.users.update({ ...sa, superAdmin: body.superAdmin });
    return reply.code(200).send();
  });
};
