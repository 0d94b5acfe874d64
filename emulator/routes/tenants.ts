import type { FastifyPluginAsync } from 'fastify';
import { readBody, type BodySpec, type FieldSpec } from '../body.js';
import { guards, type RouteOptions } from '../context.js';
import { errors } from '../errors.js';
import { readListQuery, TEXT_OPERATIONS, type ListSpec } from '../listing.js';
import type { KestraVersion } from '../permissions.js';
import type { Tenant, TenantField } from '../store/tenants.js';
import { tenantView } from '../views.js';
import type { Id, QueryRoute, Route } from './params.js';

/** Tenant settings the emulator keeps and returns as sent; it does not act on any of them. */
const SETTINGS: Record<string, FieldSpec> = {
  storageIsolation: { kind: 'object' },
  secretIsolation: { kind: 'object' },
  workerGroup: { kind: 'object' },
  storageType: { kind: 'string' },
  storageConfiguration: { kind: 'object' },
  secretType: { kind: 'string' },
  secretReadOnly: { kind: 'boolean' },
  secretConfiguration: { kind: 'object' },
  requireExistingNamespace: { kind: 'boolean' },
  outputsInInternalStorage: { kind: 'boolean' },
};

const tenantRequest = (method: string): BodySpec => ({
  javaType: 'io.kestra.ee.models.Tenant',
  method,
  argument: 'tenant',
  fields: {
    // The spec's pattern, unanchored at the end: bean validation matches it against the whole id (body.ts).
    id: { kind: 'string', required: true, pattern: '^[a-z0-9][a-z0-9_-]*' },
    name: { kind: 'string', required: true },
    deleted: { kind: 'boolean' },
    ...SETTINGS,
  },
});

/** 1.3 searches tenants with `q`; 2.0 with filters (q, name). */
const SEARCH: Record<KestraVersion, ListSpec<TenantField>> = {
  '1.3': { q: true, sort: { id: 'id', name: 'name' } },
  '2.0': { filters: { name: { field: 'name', operations: TEXT_OPERATIONS } }, sort: { id: 'id', name: 'name' } },
};

function toTenant(body: Record<string, unknown>, id: string): Tenant {
  const settings = Object.fromEntries(Object.keys(SETTINGS).filter((k) => body[k] !== undefined).map((k) => [k, body[k]]));
  return { id, name: body.name as string, settings };
}

function existing(tenants: { find(id: string): Tenant | undefined }, id: string): Tenant {
  const t = tenants.find(id);
  if (!t) throw errors.NOT_FOUND(`Tenant '${id}' not found`);
  return t;
}

export const tenantRoutes: FastifyPluginAsync<RouteOptions> = async (app, { ctx }) => {
  const { store } = ctx;

  app.get<QueryRoute>('/api/v1/tenants/search', { config: guards.superadmin }, async (request) => {
    const page = store.tenants.page(readListQuery(request.query, SEARCH[ctx.kestraVersion]));
    return { results: page.results.map(tenantView), total: page.total };
  });

  app.post('/api/v1/tenants', { config: guards.superadmin }, async (request) => {
    const body = readBody<Record<string, unknown> & { id: string }>(tenantRequest('create'), request.body);
    const tenant = toTenant(body, body.id);
    store.transaction(() => {
      if (store.tenants.find(tenant.id)) throw errors.CONFLICT(`Tenant '${tenant.id}' already exists`);
      store.createTenant(tenant);
    });
    return tenantView(tenant);
  });

  app.get<Route<Id>>('/api/v1/tenants/:id', { config: guards.superadmin }, async (request) => tenantView(existing(store.tenants, request.params.id)));

  app.put<Route<Id>>('/api/v1/tenants/:id', { config: guards.superadmin }, async (request) => {
    const body = readBody<Record<string, unknown>>(tenantRequest('update'), request.body);
    const current = existing(store.tenants, request.params.id);
    const updated = toTenant(body, current.id);
    store.tenants.update(updated);
    return tenantView(updated);
  });

  // Deleting a tenant deletes its roles, groups and bindings, and everyone's access to it.
  app.delete<Route<Id>>('/api/v1/tenants/:id', { config: guards.superadmin }, async (request, reply) => {
    store.tenants.delete(existing(store.tenants, request.params.id).id);
    return reply.code(204).send();
  });
};
