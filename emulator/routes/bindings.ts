import type { FastifyPluginAsync } from 'fastify';
import { readBody, type BodySpec } from '../body.js';
import { guards, principalOf, type EmulatorContext, type RouteOptions } from '../context.js';
import { errors } from '../errors.js';
import { newId } from '../ids.js';
import { EXACT_OPERATIONS, readListQuery, type ListSpec } from '../listing.js';
import type { KestraVersion } from '../permissions.js';
import { requireMayHandOut } from '../rbac.js';
import type { Binding, BindingField, BindingType } from '../store/bindings.js';
import type { User } from '../store/users.js';
import { bindingDetail } from '../views.js';
import * as find from './lookups.js';
import type { Route, Tenant, TenantAndId } from './params.js';

const bindingRequest = (method: string): BodySpec => ({
  javaType: 'IAMBindingController$ApiCreateBindingRequest',
  method,
  argument: 'binding',
  fields: {
    type: { kind: 'enum', javaType: 'io.kestra.ee.models.security.Binding$Type', values: ['USER', 'GROUP'], required: true },
    externalId: { kind: 'string', required: true, notBlank: true },
    roleId: { kind: 'string', required: true, notBlank: true },
    namespaceId: { kind: 'string' },
  },
});

const BINDING_TYPE = { javaType: 'io.kestra.ee.models.security.Binding$Type', values: ['USER', 'GROUP'] } as const;
const PARAMS = {
  type: { field: 'type', ...BINDING_TYPE },
  id: { field: 'externalId' },
  namespace: { field: 'namespace' },
} as const;
const SORT = { namespace: 'namespace', type: 'type' } as const;

/** Both versions have `type`, `id` (the bound user or group) and `namespace`; 1.3 adds `q`, 2.0 filters. */
const SEARCH: Record<KestraVersion, ListSpec<BindingField>> = {
  '1.3': { q: true, params: PARAMS, sort: SORT },
  '2.0': {
    params: PARAMS,
    filters: {
      type: { field: 'type', operations: EXACT_OPERATIONS },
      namespace: { field: 'namespace', operations: EXACT_OPERATIONS },
    },
    sort: SORT,
  },
};

interface BindingBody {
  type: BindingType;
  externalId: string;
  roleId: string;
  namespaceId?: string;
}

/** An empty namespace once broke Kestra's whole binding system, so it is refused rather than stored. */
function requireUsableNamespace(method: string, namespace: string | undefined): void {
  if (namespace !== undefined && namespace.trim() === '') {
    const path = `${method}.binding.namespaceId`;
    throw errors.INVALID_ENTITY([{ message: 'must not be blank', path }], `${path}: must not be blank`);
  }
}

/**
 * Checks the binding's subject and role, then saves it; a user bound in a tenant gains access to it. The caller
 * must hold what the role grants at the binding's scope: binding someone (itself included) hands it out.
 */
function createBinding(ctx: EmulatorContext, caller: User, tenantId: string, body: BindingBody): Binding {
  const role = find.role(ctx, tenantId, body.roleId);
  if (body.type === 'USER') find.accountToGrantIn(ctx, caller, tenantId, body.externalId);
  else find.group(ctx, tenantId, body.externalId);
  requireMayHandOut(ctx, caller, tenantId, [{ permissions: role.permissions, namespace: body.namespaceId }], 'Insufficient privileges to create the binding');
  const binding: Binding = {
    id: newId(),
    tenantId,
    type: body.type,
    externalId: body.externalId,
    roleId: body.roleId,
    namespace: body.namespaceId,
  };
  ctx.store.bindings.insert(binding);
  if (body.type === 'USER') ctx.store.users.grantTenant(body.externalId, tenantId);
  return binding;
}

function readBulk(body: unknown): BindingBody[] {
  if (body === undefined || body === null) throw errors.MISSING_BODY('bindings');
  if (!Array.isArray(body)) {
    const detail = 'Cannot deserialize value of type `java.util.ArrayList<IAMBindingController$ApiCreateBindingRequest>` from Object value (token `JsonToken.START_OBJECT`)';
    throw errors.INVALID_JSON_MAPPING([{ message: `Failed to convert argument [bindings] for value [null] due to: ${detail}`, path: '' }]);
  }
  return body.map((item) => readBody<BindingBody>(bindingRequest('bulkCreateBinding'), item));
}

export const bindingRoutes: FastifyPluginAsync<RouteOptions> = async (app, { ctx }) => {
  const { store } = ctx;

  app.post<Route<Tenant>>('/api/v1/:tenant/bindings', { config: guards.tenant('BINDING', 'create') }, async (request) => {
    const { tenant } = request.params;
    const body = readBody<BindingBody>(bindingRequest('createBinding'), request.body);
    requireUsableNamespace('createBinding', body.namespaceId);
    const caller = principalOf(request).user;
    const created = store.transaction(() => createBinding(ctx, caller, tenant, body));
    return bindingDetail(store.bindings.findBound(tenant, created.id)!);
  });

  app.post<Route<Tenant>>('/api/v1/:tenant/bindings/bulk', { config: guards.tenant('BINDING', 'create') }, async (request) => {
    const { tenant } = request.params;
    const bodies = readBulk(request.body);
    for (const b of bodies) requireUsableNamespace('bulkCreateBinding', b.namespaceId);
    const caller = principalOf(request).user;
    const created = store.transaction(() => bodies.map((b) => createBinding(ctx, caller, tenant, b)));
    return created.map((b) => bindingDetail(store.bindings.findBound(tenant, b.id)!));
  });

  app.get<Route<Tenant>>('/api/v1/:tenant/bindings/search', { config: guards.tenant('BINDING', 'list') }, async (request) => {
    const page = store.bindings.page(request.params.tenant, readListQuery(request.query, SEARCH[ctx.kestraVersion]));
    return { results: page.results.map(bindingDetail), total: page.total };
  });

  app.get<Route<TenantAndId>>('/api/v1/:tenant/bindings/:id', { config: guards.tenant('BINDING', 'get') }, async (request) => {
    const { tenant, id } = request.params;
    const binding = store.bindings.findBound(tenant, id);
    if (!binding) throw errors.NOT_FOUND('Binding not found');
    return bindingDetail(binding);
  });

  app.delete<Route<TenantAndId>>('/api/v1/:tenant/bindings/:id', { config: guards.tenant('BINDING', 'delete') }, async (request, reply) => {
    const { tenant, id } = request.params;
    const binding = store.bindings.find(tenant, id);
    if (!binding) throw errors.NOT_FOUND('Binding not found');
    store.bindings.delete(binding.id);
    return reply.code(204).send();
  });
};
