import type { FastifyPluginAsync } from 'fastify';
import { readBody, type BodySpec } from '../body.js';
import { guards, principalOf, type EmulatorContext, type RouteOptions } from '../context.js';
import { errors } from '../errors.js';
import { newId } from '../ids.js';
import { readListQuery, TEXT_OPERATIONS, type ListSpec } from '../listing.js';
import { vocabularyFor, type KestraVersion, type Permissions } from '../permissions.js';
import { requireMayHandOut } from '../rbac.js';
import type { Role, RoleField } from '../store/roles.js';
import type { User } from '../store/users.js';
import { roleDetail, roleModel, roleSummary } from '../views.js';
import { autocomplete, readAutocomplete } from './autocomplete.js';
import * as find from './lookups.js';
import type { Route, Tenant, TenantAndId } from './params.js';

function roleRequest(ctx: EmulatorContext, method: string): BodySpec {
  const v = vocabularyFor(ctx.kestraVersion);
  return {
    javaType: 'IAMRoleController$ApiRoleCreateOrUpdateRequest',
    method,
    argument: 'role',
    fields: {
      name: { kind: 'string', required: true, notBlank: true },
      description: { kind: 'string' },
      permissions: {
        kind: 'enumListMap',
        keyType: v.permissionEnum,
        keys: v.permissionTypes,
        valueType: 'io.kestra.ee.models.security.Action',
        values: v.actions,
        required: true,
      },
      isDefault: { kind: 'boolean' },
    },
  };
}

/** 1.3 searches roles with `q`; 2.0 with filters (q, name), which is how the official provider finds one by name. */
const SEARCH: Record<KestraVersion, ListSpec<RoleField>> = {
  '1.3': { q: true, sort: { name: 'name', id: 'id' } },
  '2.0': { filters: { name: { field: 'name', operations: TEXT_OPERATIONS } }, sort: { name: 'name', id: 'id' } },
};

const IDS_REQUEST: BodySpec = { javaType: 'ApiIds', method: 'listRolesFromGivenIds', argument: 'ids', fields: { ids: { kind: 'stringList' } } };

interface RoleBody {
  name: string;
  description?: string;
  permissions: Permissions;
  isDefault?: boolean;
}

/** A caller who is not a superadmin cannot write a role granting permissions it does not hold tenant-wide. */
function requireHeldPermissions(ctx: EmulatorContext, caller: User, tenantId: string, permissions: Permissions, verb: string): void {
  requireMayHandOut(ctx, caller, tenantId, [{ permissions }], `Insufficient privileges to ${verb} the role`);
}

function requireUnmanaged(r: Role): void {
  if (r.isManaged) throw errors.ILLEGAL_STATE('Managed roles cannot be modified or deleted');
}

export const roleRoutes: FastifyPluginAsync<RouteOptions> = async (app, { ctx }) => {
  const { store } = ctx;

  app.get<Route<Tenant>>('/api/v1/:tenant/roles/search', { config: guards.tenant('ROLE', 'list') }, async (request) => {
    const page = store.roles.page(request.params.tenant, readListQuery(request.query, SEARCH[ctx.kestraVersion]));
    return { results: page.results.map(roleSummary), total: page.total };
  });

  app.post<Route<Tenant>>('/api/v1/:tenant/roles', { config: guards.tenant('ROLE', 'create') }, async (request) => {
    const { tenant } = request.params;
    const body = readBody<RoleBody>(roleRequest(ctx, 'createRole'), request.body);
    requireHeldPermissions(ctx, principalOf(request).user, tenant, body.permissions, 'create');
    const role: Role = {
      id: newId(),
      tenantId: tenant,
      name: body.name,
      description: body.description,
      permissions: body.permissions,
      isDefault: body.isDefault ?? false,
      isManaged: false,
    };
    store.transaction(() => {
      store.roles.insert(role);
      if (role.isDefault) store.roles.clearDefault(tenant, role.id);
    });
    return roleDetail(role);
  });

  app.get<Route<TenantAndId>>('/api/v1/:tenant/roles/:id', { config: guards.tenant('ROLE', 'get') }, async (request) => {
    const { tenant, id } = request.params;
    return roleDetail(find.role(ctx, tenant, id));
  });

  app.put<Route<TenantAndId>>('/api/v1/:tenant/roles/:id', { config: guards.tenant('ROLE', 'update') }, async (request) => {
    const { tenant, id } = request.params;
    const body = readBody<RoleBody>(roleRequest(ctx, 'updateRole'), request.body);
    const current = find.role(ctx, tenant, id);
    requireUnmanaged(current);
    requireHeldPermissions(ctx, principalOf(request).user, tenant, body.permissions, 'update');
    const updated: Role = {
      ...current,
      name: body.name,
      description: body.description,
      permissions: body.permissions,
      isDefault: body.isDefault ?? false,
    };
    store.transaction(() => {
      store.roles.update(updated);
      if (updated.isDefault) store.roles.clearDefault(tenant, updated.id);
    });
    return roleDetail(updated);
  });

  // Deleting a role also deletes the bindings that grant it (documented choice).
  app.delete<Route<TenantAndId>>('/api/v1/:tenant/roles/:id', { config: guards.tenant('ROLE', 'delete') }, async (request, reply) => {
    const { tenant, id } = request.params;
    const r = find.role(ctx, tenant, id);
    requireUnmanaged(r);
    store.roles.delete(r.id);
    return reply.code(204).send();
  });

  app.post<Route<Tenant>>('/api/v1/:tenant/roles/autocomplete', { config: guards.tenant('ROLE', 'list') }, async (request) => {
    const { tenant } = request.params;
    const body = readAutocomplete(request.body, { javaType: 'ApiAutocomplete', method: 'autocompleteRoles' });
    return autocomplete<Role, RoleField>(body, (query) => store.roles.page(tenant, query).results).map(roleSummary);
  });

  // The stored roles with those ids in the tenant, the others left out.
  app.post<Route<Tenant>>('/api/v1/:tenant/roles/ids', { config: guards.tenant('ROLE', 'list') }, async (request) => {
    const body = readBody<{ ids?: string[] }>(IDS_REQUEST, request.body);
    return store.roles.findMany(request.params.tenant, body.ids ?? []).map(roleModel);
  });
};
