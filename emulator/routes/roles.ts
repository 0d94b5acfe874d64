import type { FastifyPluginAsync } from 'fastify';
import { readBody, type BodySpec } from '../body.js';
import { guards, principalOf, type EmulatorContext, type Principal, type RouteOptions } from '../context.js';
import { errors } from '../errors.js';
import { newId } from '../ids.js';
import { containsIgnoringCase, paginate, queryText } from '../paging.js';
import { vocabularyFor, type Permissions } from '../permissions.js';
import { isGranted } from '../rbac.js';
import type { Role } from '../store/roles.js';
import { roleDetail, roleSummary } from '../views.js';
import * as find from './lookups.js';
import { params, query } from './params.js';

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

interface RoleBody {
  name: string;
  description?: string;
  permissions: Permissions;
  isDefault?: boolean;
}

/** A caller who is not a superadmin cannot hand out permissions it does not hold itself. */
function requireHeldPermissions(ctx: EmulatorContext, principal: Principal, tenantId: string, permissions: Permissions, verb: string): void {
  if (principal.user.superAdmin) return;
  for (const [permission, actions] of Object.entries(permissions)) {
    for (const action of actions) {
      if (!isGranted(ctx, principal, tenantId, { permission, action }, {})) {
        throw errors.FORBIDDEN(`Insufficient privileges to ${verb} the role`);
      }
    }
  }
}

function requireUnmanaged(r: Role): void {
  if (r.isManaged) throw errors.ILLEGAL_STATE('Managed roles cannot be modified or deleted');
}

export const roleRoutes: FastifyPluginAsync<RouteOptions> = async (app, { ctx }) => {
  const { store } = ctx;

  app.get('/api/v1/:tenant/roles/search', { config: guards.tenant('ROLE', 'list') }, async (request) => {
    const q = queryText(query(request), 'q');
    const roles = store.roles.list(params(request).tenant!).filter((r) => q === undefined || containsIgnoringCase(r.name, q));
    return paginate(roles.map(roleSummary), query(request));
  });

  app.post('/api/v1/:tenant/roles', { config: guards.tenant('ROLE', 'create') }, async (request) => {
    const { tenant } = params(request);
    const body = readBody<RoleBody>(roleRequest(ctx, 'createRole'), request.body);
    requireHeldPermissions(ctx, principalOf(request), tenant!, body.permissions, 'create');
    const role: Role = {
      id: newId(),
      tenantId: tenant!,
      name: body.name,
      description: body.description,
      permissions: body.permissions,
      isDefault: body.isDefault ?? false,
      isManaged: false,
    };
    store.transaction(() => {
      store.roles.insert(role);
      if (role.isDefault) store.roles.clearDefault(tenant!, role.id);
    });
    return roleDetail(role);
  });

  app.get('/api/v1/:tenant/roles/:id', { config: guards.tenant('ROLE', 'get') }, async (request) => {
    const { tenant, id } = params(request);
    return roleDetail(find.role(ctx, tenant!, id!));
  });

  app.put('/api/v1/:tenant/roles/:id', { config: guards.tenant('ROLE', 'update') }, async (request) => {
    const { tenant, id } = params(request);
    const body = readBody<RoleBody>(roleRequest(ctx, 'updateRole'), request.body);
    const current = find.role(ctx, tenant!, id!);
    requireUnmanaged(current);
    requireHeldPermissions(ctx, principalOf(request), tenant!, body.permissions, 'update');
    const updated: Role = {
      ...current,
      name: body.name,
      description: body.description,
      permissions: body.permissions,
      isDefault: body.isDefault ?? false,
    };
    store.transaction(() => {
      store.roles.update(updated);
      if (updated.isDefault) store.roles.clearDefault(tenant!, updated.id);
    });
    return roleDetail(updated);
  });

  // Deleting a role also deletes the bindings that grant it (documented choice).
  app.delete('/api/v1/:tenant/roles/:id', { config: guards.tenant('ROLE', 'delete') }, async (request, reply) => {
    const { tenant, id } = params(request);
    const r = find.role(ctx, tenant!, id!);
    requireUnmanaged(r);
    store.roles.delete(r.id);
    return reply.code(204).send();
  });
};
