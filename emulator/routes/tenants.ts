import multipart from '@fastify/multipart';
import type { FastifyPluginAsync, FastifyRequest } from 'fastify';
import { readBody, type BodySpec } from '../body.js';
import { guards, principalOf, type EmulatorContext, type RouteOptions } from '../context.js';
import { errors } from '../errors.js';
import { readListQuery, TEXT_OPERATIONS, type ListSpec } from '../listing.js';
import type { KestraVersion } from '../permissions.js';
import type { Tenant, TenantField } from '../store/tenants.js';
import type { User } from '../store/users.js';
import { APP_CATALOG_FIELDS, DASHBOARD_FIELDS, LOGO_KEYS, TENANT_SETTINGS } from '../tenant-settings.js';
import { tenantView, tenantWithLogo } from '../views.js';
import type { Id, QueryRoute, Route } from './params.js';

const tenantRequest = (version: KestraVersion, method: string): BodySpec => ({
  javaType: 'io.kestra.ee.models.Tenant',
  method,
  argument: 'tenant',
  fields: {
    // The spec's pattern, unanchored at the end: bean validation matches it against the whole id (body.ts).
    id: { kind: 'string', required: true, pattern: '^[a-z0-9][a-z0-9_-]*' },
    name: { kind: 'string', required: true },
    deleted: { kind: 'boolean' },
    ...TENANT_SETTINGS[version],
  },
});

const appsCatalogRequest = (version: KestraVersion): BodySpec => ({
  javaType: 'TenantController$AppsCatalogConfigRequest',
  method: 'setAppsCatalogConfig',
  argument: 'request',
  fields: APP_CATALOG_FIELDS[version],
});

const DASHBOARDS_REQUEST: BodySpec = {
  javaType: 'TenantController$SetTenantDefaultDashboardsRequest',
  method: 'setTenantDefaultDashboards',
  argument: 'request',
  fields: DASHBOARD_FIELDS,
};

/** 1.3 searches tenants with `q`; 2.0 with filters (q, name). */
const SEARCH: Record<KestraVersion, ListSpec<TenantField>> = {
  '1.3': { q: true, sort: { id: 'id', name: 'name' } },
  '2.0': { filters: { name: { field: 'name', operations: TEXT_OPERATIONS } }, sort: { id: 'id', name: 'name' } },
};

/** A tenant as a create or update body states it; logos, set by their own operations, are kept. */
function toTenant(version: KestraVersion, body: Record<string, unknown>, id: string, current?: Tenant): Tenant {
  const given = Object.keys(TENANT_SETTINGS[version]).filter((k) => body[k] !== undefined);
  const kept = LOGO_KEYS.filter((k) => current?.settings[k] !== undefined);
  const settings = Object.fromEntries([...given.map((k) => [k, body[k]]), ...kept.map((k) => [k, current!.settings[k]])]);
  return { id, name: body.name as string, settings };
}

function existing(tenants: { find(id: string): Tenant | undefined }, id: string): Tenant {
  const t = tenants.find(id);
  if (!t) throw errors.NOT_FOUND(`Tenant '${id}' not found`);
  return t;
}

/**
 * The operations "accessible to users with access to the tenant": anyone else gets 403, whether the tenant exists
 * or not, so that the answer tells nothing of tenants the caller has no access to.
 */
function tenantOfCaller(ctx: EmulatorContext, caller: User, id: string): Tenant {
  if (!caller.superAdmin && !ctx.store.users.hasTenantAccess(caller.id, id)) throw errors.FORBIDDEN(`no access to tenant ${id}`);
  return existing(ctx.store.tenants, id);
}

/** `AppsCatalogConfigResponse`: the stored configuration and the catalog logo. */
function appsCatalogView(version: KestraVersion, t: Tenant) {
  const config = (t.settings.appCatalogConfig ?? {}) as Record<string, unknown>;
  const fields = Object.keys(APP_CATALOG_FIELDS[version]);
  return { ...Object.fromEntries(fields.filter((f) => config[f] !== undefined).map((f) => [f, config[f]])), logo: t.settings.appCatalogLogo };
}

function dashboardsOf(t: Tenant): Record<string, unknown> {
  return ((t.settings.settings as { dashboard?: Record<string, unknown> } | undefined)?.dashboard ?? {}) as Record<string, unknown>;
}

/**
 * Reads the one file part `logo` of a multipart upload as a data URI, which is how the emulator stores an image it
 * cannot show: the real server keeps it in internal storage.
 */
async function uploadedLogo(request: FastifyRequest): Promise<string> {
  if (!request.isMultipart()) throw errors.UNSUPPORTED_MEDIA_TYPE(request.headers['content-type'] ?? '');
  const part = await request.file();
  if (part === undefined || part.fieldname !== 'logo') throw errors.MISSING_PART('logo');
  const bytes = await part.toBuffer();
  return `data:${part.mimetype || 'application/octet-stream'};base64,${bytes.toString('base64')}`;
}

export const tenantRoutes: FastifyPluginAsync<RouteOptions> = async (app, { ctx, bodyLimit }) => {
  const { store, kestraVersion: version } = ctx;
  const view = (t: Tenant) => tenantView(t, version);
  const withSettings = (t: Tenant, settings: Record<string, unknown>): Tenant => {
    const updated = { ...t, settings: { ...t.settings, ...settings } };
    store.tenants.update(updated);
    return updated;
  };

  app.get<QueryRoute>('/api/v1/tenants/search', { config: guards.superadmin }, async (request) => {
    const page = store.tenants.page(readListQuery(request.query, SEARCH[version]));
    return { results: page.results.map(view), total: page.total };
  });

  app.post('/api/v1/tenants', { config: guards.superadmin }, async (request) => {
    const body = readBody<Record<string, unknown> & { id: string }>(tenantRequest(version, 'create'), request.body);
    const tenant = toTenant(version, body, body.id);
    store.transaction(() => {
      if (store.tenants.find(tenant.id)) throw errors.CONFLICT(`Tenant '${tenant.id}' already exists`);
      store.createTenant(tenant);
    });
    return view(tenant);
  });

  app.get<Route<Id>>('/api/v1/tenants/:id', { config: guards.superadmin }, async (request) => view(existing(store.tenants, request.params.id)));

  // A full replacement of the settings: one the body leaves out is cleared.
  app.put<Route<Id>>('/api/v1/tenants/:id', { config: guards.superadmin }, async (request) => {
    const body = readBody<Record<string, unknown>>(tenantRequest(version, 'update'), request.body);
    const current = existing(store.tenants, request.params.id);
    const updated = toTenant(version, body, current.id, current);
    store.tenants.update(updated);
    return view(updated);
  });

  // Deleting a tenant deletes its roles, groups and bindings, and everyone's access to it.
  app.delete<Route<Id>>('/api/v1/tenants/:id', { config: guards.superadmin }, async (request, reply) => {
    store.tenants.delete(existing(store.tenants, request.params.id).id);
    return reply.code(204).send();
  });

  app.get<Route<Id>>('/api/v1/tenants/:id/apps-catalog', { config: guards.authenticated }, async (request) =>
    appsCatalogView(version, tenantOfCaller(ctx, principalOf(request).user, request.params.id)),
  );

  app.post<Route<Id>>('/api/v1/tenants/:id/apps-catalog', { config: guards.superadmin }, async (request) => {
    const body = readBody<Record<string, unknown>>(appsCatalogRequest(version), request.body);
    const tenant = existing(store.tenants, request.params.id);
    return appsCatalogView(version, withSettings(tenant, { appCatalogConfig: body }));
  });

  app.delete<Route<Id>>('/api/v1/tenants/:id/apps-catalog/logo', { config: guards.superadmin }, async (request, reply) => {
    const tenant = existing(store.tenants, request.params.id);
    const { appCatalogLogo: _removed, ...settings } = tenant.settings;
    store.tenants.update({ ...tenant, settings });
    return reply.code(200).send();
  });

  app.register(async (uploads) => {
    // One file, no larger than any other request body.
    await uploads.register(multipart, { limits: { fileSize: bodyLimit, files: 1, fields: 10, parts: 11 } });
    // The part is bound before the operation runs, so a request without it is refused before the tenant is looked up.
    uploads.post<Route<Id>>('/api/v1/tenants/:id/apps-catalog/logo', { config: guards.superadmin }, async (request) => {
      const logo = await uploadedLogo(request);
      return appsCatalogView(version, withSettings(existing(store.tenants, request.params.id), { appCatalogLogo: logo }));
    });
    uploads.post<Route<Id>>('/api/v1/tenants/:id/logo', { config: guards.superadmin }, async (request) => {
      const logo = await uploadedLogo(request);
      return tenantWithLogo(withSettings(existing(store.tenants, request.params.id), { logo }), version);
    });
  });

  if (version === '2.0') {
    app.get<Route<Id>>('/api/v1/tenants/:id/settings/default-dashboards', { config: guards.authenticated }, async (request) =>
      dashboardsOf(tenantOfCaller(ctx, principalOf(request).user, request.params.id)),
    );
    app.post<Route<Id>>('/api/v1/tenants/:id/settings/default-dashboards', { config: guards.superadmin }, async (request) => {
      const body = readBody<Record<string, unknown>>(DASHBOARDS_REQUEST, request.body);
      const tenant = existing(store.tenants, request.params.id);
      const current = (tenant.settings.settings ?? {}) as Record<string, unknown>;
      return dashboardsOf(withSettings(tenant, { settings: { ...current, dashboard: body } }));
    });
  }
};
