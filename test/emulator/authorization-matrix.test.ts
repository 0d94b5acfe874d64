/**
 * Every API route against every kind of caller, with the status each must get. The route list is the app's
 * own route table: a route added without a row, or a row left for a route that is gone, fails the matrix.
 * Requests go through fastify's inject(), one fresh set of objects per state-changing call.
 */
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import type { FastifyInstance, HTTPMethods } from 'fastify';
import { buildEmulator, DEFAULT_ADMIN_PASSWORD, DEFAULT_ADMIN_USER } from '../../emulator/index.js';

const CALLERS = ['anonymous', 'encodedPath', 'noBinding', 'namespaceScoped', 'tenantAdmin', 'otherTenantAdmin', 'superadmin'] as const;
type Caller = (typeof CALLERS)[number];
type Row = Record<Caller, number>;

/** The usual rows: `ok` is the route's success status. */
const row = (statuses: number[]): Row => Object.fromEntries(CALLERS.map((c, i) => [c, statuses[i]])) as Row;
const anyone = (ok: number) => row([ok, ok, ok, ok, ok, ok, ok]);
const authenticated = (ok: number) => row([401, 401, ok, ok, ok, ok, ok]);
const superadminOnly = (ok: number) => row([401, 401, 403, 403, 403, 403, ok]);
const tenantIam = (ok: number) => row([401, 401, 403, 403, ok, 403, ok]);
/** Namespaced searches: a namespace binding lets a search without a namespace through (filtered on the real server). */
const tenantNamespaced = (ok: number) => row([401, 401, 403, ok, ok, 403, ok]);

const MATRIX: Record<string, Row> = {
  'GET /api/v1/auths': anyone(200),
  'GET /api/v1/me': authenticated(200),
  'GET /api/v1/configs': authenticated(200),
  'GET /api/v1/me/api-tokens': authenticated(200),
  'POST /api/v1/me/api-tokens': authenticated(200),
  'DELETE /api/v1/me/api-tokens/:tokenId': authenticated(200),

  'GET /api/v1/:tenant/service-accounts': tenantIam(200),
  'POST /api/v1/:tenant/service-accounts': tenantIam(200),
  'GET /api/v1/:tenant/service-accounts/:id': tenantIam(200),
  'PUT /api/v1/:tenant/service-accounts/:id': tenantIam(200),
  'DELETE /api/v1/:tenant/service-accounts/:id': tenantIam(200),
  'GET /api/v1/:tenant/service-accounts/:id/api-tokens': tenantIam(200),
  'POST /api/v1/:tenant/service-accounts/:id/api-tokens': tenantIam(200),
  'DELETE /api/v1/:tenant/service-accounts/:id/api-tokens/:tokenId': tenantIam(200),

  'GET /api/v1/service-accounts': superadminOnly(200),
  'POST /api/v1/service-accounts': superadminOnly(200),
  'GET /api/v1/service-accounts/:id': superadminOnly(200),
  'PATCH /api/v1/service-accounts/:id': superadminOnly(200),
  'DELETE /api/v1/service-accounts/:id': superadminOnly(204),
  'PATCH /api/v1/service-accounts/:id/superadmin': superadminOnly(200),
  'GET /api/v1/service-accounts/:id/api-tokens': superadminOnly(200),
  'POST /api/v1/service-accounts/:id/api-tokens': superadminOnly(200),
  'DELETE /api/v1/service-accounts/:id/api-tokens/:tokenId': superadminOnly(200),

  'GET /api/v1/users': superadminOnly(200),
  'POST /api/v1/users': superadminOnly(201),
  'GET /api/v1/users/:id': superadminOnly(200),
  'PUT /api/v1/users/:id': superadminOnly(200),
  'DELETE /api/v1/users/:id': superadminOnly(204),
  'PATCH /api/v1/users/:id/password': superadminOnly(200),
  'PATCH /api/v1/users/:id/superadmin': superadminOnly(200),
  'GET /api/v1/users/:id/api-tokens': superadminOnly(200),
  'POST /api/v1/users/:id/api-tokens': superadminOnly(201),
  'DELETE /api/v1/users/:id/api-tokens/:tokenId': superadminOnly(204),

  'GET /api/v1/:tenant/groups/search': tenantIam(200),
  'POST /api/v1/:tenant/groups': tenantIam(200),
  'GET /api/v1/:tenant/groups/:id': tenantIam(200),
  'PUT /api/v1/:tenant/groups/:id': tenantIam(200),
  'DELETE /api/v1/:tenant/groups/:id': tenantIam(200),
  'GET /api/v1/:tenant/groups/:id/members': tenantIam(200),
  'PUT /api/v1/:tenant/groups/:id/members/:userId': tenantIam(200),
  'PUT /api/v1/:tenant/groups/:id/members/membership/:userId': tenantIam(200),
  'DELETE /api/v1/:tenant/groups/:id/members/:userId': tenantIam(200),

  'GET /api/v1/:tenant/roles/search': tenantIam(200),
  'POST /api/v1/:tenant/roles': tenantIam(200),
  'GET /api/v1/:tenant/roles/:id': tenantIam(200),
  'PUT /api/v1/:tenant/roles/:id': tenantIam(200),
  'DELETE /api/v1/:tenant/roles/:id': tenantIam(204),

  'POST /api/v1/:tenant/bindings': tenantIam(200),
  'POST /api/v1/:tenant/bindings/bulk': tenantIam(200),
  'GET /api/v1/:tenant/bindings/search': tenantIam(200),
  'GET /api/v1/:tenant/bindings/:id': tenantIam(200),
  'DELETE /api/v1/:tenant/bindings/:id': tenantIam(204),

  'GET /api/v1/tenants/search': superadminOnly(200),
  'POST /api/v1/tenants': superadminOnly(200),
  'GET /api/v1/tenants/:id': superadminOnly(200),
  'PUT /api/v1/tenants/:id': superadminOnly(200),
  'DELETE /api/v1/tenants/:id': superadminOnly(204),

  'GET /api/v1/:tenant/flows/search': tenantNamespaced(200),
  'GET /api/v1/:tenant/executions/search': tenantNamespaced(200),
};

/** HEAD is served for every GET route, with the GET route's answer. */
const expectedFor = (route: string): Row | undefined => MATRIX[route.replace(/^HEAD /, 'GET ')];

let app: FastifyInstance;
const routeTable: string[] = [];
let serial = 0;
const unique = (prefix: string) => `${prefix}-${++serial}`;

const ADMIN_AUTH = `Basic ${Buffer.from(`${DEFAULT_ADMIN_USER}:${DEFAULT_ADMIN_PASSWORD}`).toString('base64')}`;
const authorization: Partial<Record<Caller, string>> = { superadmin: ADMIN_AUTH };

async function asAdmin(method: HTTPMethods, url: string, payload?: object): Promise<any> {
  const res = await app.inject({ method, url, headers: { authorization: ADMIN_AUTH }, ...(payload ? { payload } : {}) });
  if (res.statusCode >= 300) throw new Error(`${method} ${url}: ${res.statusCode} ${res.body}`);
  return res.body === '' ? undefined : res.json();
}

/** A service account of a tenant, bound there to a role, and the Authorization header of a token for it. */
async function tokenCaller(tenant: string, roleId?: string, namespaceId?: string): Promise<string> {
  const sa = (await asAdmin('POST', `/api/v1/${tenant}/service-accounts`, { name: unique('caller') })).id;
  if (roleId) await asAdmin('POST', `/api/v1/${tenant}/bindings`, { type: 'USER', externalId: sa, roleId, ...(namespaceId ? { namespaceId } : {}) });
  const token = (await asAdmin('POST', `/api/v1/${tenant}/service-accounts/${sa}/api-tokens`, { name: 'caller' })).fullToken;
  return `Bearer ${token}`;
}

/** The objects a call may name, made fresh (by the superadmin) so that a previous call cannot have used them up. */
async function objects() {
  const targetName = unique('target');
  const target = (await asAdmin('POST', '/api/v1/main/service-accounts', { name: targetName })).id;
  const targetToken = (await asAdmin('POST', `/api/v1/main/service-accounts/${target}/api-tokens`, { name: 'tok' })).id;
  const member = (await asAdmin('POST', '/api/v1/main/service-accounts', { name: unique('member') })).id;
  const group = (await asAdmin('POST', '/api/v1/main/groups', { name: unique('group'), membersId: [member] })).id;
  const role = (await asAdmin('POST', '/api/v1/main/roles', { name: unique('role'), permissions: { FLOW: ['READ'] } })).id;
  const binding = (await asAdmin('POST', '/api/v1/main/bindings', { type: 'USER', externalId: target, roleId: role })).id;
  const email = `${unique('user')}@example.com`;
  const user = (await asAdmin('POST', '/api/v1/users', { email, tenants: ['main'] })).id;
  const userToken = (await asAdmin('POST', `/api/v1/users/${user}/api-tokens`, { name: 'tok' })).id;
  const tenant = unique('tenant');
  await asAdmin('POST', '/api/v1/tenants', { id: tenant, name: tenant });
  return { target, targetName, targetToken, member, group, role, binding, user, email, userToken, tenant };
}
type Objects = Awaited<ReturnType<typeof objects>>;

/** The concrete request for a route: its path parameters filled in from the objects, and a valid body. */
function requestFor(route: string, o: Objects, ownToken: string): { url: string; payload?: unknown } {
  const [method, template] = route.split(' ') as [string, string];
  const family = template.startsWith('/api/v1/users') ? 'user' : template.startsWith('/api/v1/tenants') ? 'tenant' : template.split('/')[4];
  const id: Record<string, string> = { user: o.user, tenant: o.tenant, groups: o.group, roles: o.role, bindings: o.binding };
  const tokenId = template.startsWith('/api/v1/me') ? ownToken : family === 'user' ? o.userToken : o.targetToken;
  const userId = method === 'PUT' && !template.includes('membership') ? o.target : o.member;
  let url = template
    .replace(':tenant', 'main')
    .replace(':tokenId', tokenId)
    .replace(':userId', userId)
    .replace(':id', id[family ?? ''] ?? o.target);
  if (template.endsWith('/membership/:userId')) url += '?membership=OWNER';

  const bodies: Record<string, unknown> = {
    'POST /api/v1/me/api-tokens': { name: 'tok' },
    'POST /api/v1/:tenant/service-accounts': { name: unique('new') },
    'PUT /api/v1/:tenant/service-accounts/:id': { name: o.targetName, description: 'changed' },
    'POST /api/v1/:tenant/service-accounts/:id/api-tokens': { name: 'tok' },
    'POST /api/v1/service-accounts': { name: unique('new') },
    'PATCH /api/v1/service-accounts/:id': { name: o.targetName },
    'PATCH /api/v1/service-accounts/:id/superadmin': { superAdmin: false },
    'POST /api/v1/service-accounts/:id/api-tokens': { name: 'tok' },
    'POST /api/v1/users': { email: `${unique('new')}@example.com` },
    'PUT /api/v1/users/:id': { email: o.email },
    'PATCH /api/v1/users/:id/password': { password: 'An0ther-one' },
    'PATCH /api/v1/users/:id/superadmin': { superAdmin: false },
    'POST /api/v1/users/:id/api-tokens': { name: 'tok' },
    'POST /api/v1/:tenant/groups': { name: unique('group') },
    'PUT /api/v1/:tenant/groups/:id': { name: unique('group') },
    'POST /api/v1/:tenant/roles': { name: 'r', permissions: { FLOW: ['READ'] } },
    'PUT /api/v1/:tenant/roles/:id': { name: 'r', permissions: { FLOW: ['READ'] } },
    'POST /api/v1/:tenant/bindings': { type: 'USER', externalId: o.target, roleId: o.role },
    'POST /api/v1/:tenant/bindings/bulk': [{ type: 'USER', externalId: o.target, roleId: o.role }],
    'POST /api/v1/tenants': { id: unique('tenant'), name: 'x' },
    'PUT /api/v1/tenants/:id': { id: o.tenant, name: 'renamed' },
  };
  const payload = bodies[route];
  return payload === undefined ? { url } : { url, payload };
}

beforeAll(async () => {
  app = buildEmulator();
  app.addHook('onRoute', (route) => {
    for (const method of [route.method].flat()) routeTable.push(`${method} ${route.url}`);
  });
  await app.ready();
  await asAdmin('POST', '/api/v1/tenants', { id: 'other', name: 'other' });
  authorization.noBinding = await tokenCaller('main');
  authorization.namespaceScoped = await tokenCaller('main', 'admin_main', 'prod');
  authorization.tenantAdmin = await tokenCaller('main', 'admin_main');
  authorization.otherTenantAdmin = await tokenCaller('other', 'admin_other');
});
afterAll(async () => app.close());

test('every route of the app has a row, and every row a route', () => {
  const withoutRow = routeTable.filter((route) => expectedFor(route) === undefined);
  const withoutRoute = Object.keys(MATRIX).filter((route) => !routeTable.includes(route));
  expect({ withoutRow, withoutRoute }).toEqual({ withoutRow: [], withoutRoute: [] });
});

describe.each(CALLERS)('caller: %s', (caller) => {
  test('gets the expected status on every route', async () => {
    const observed: Record<string, number> = {};
    const expected: Record<string, number> = {};
    let shared: Objects | undefined;
    for (const route of routeTable) {
      const row = expectedFor(route);
      if (!row) continue;
      const method = route.split(' ')[0] as HTTPMethods;
      const readOnly = method === 'GET' || method === 'HEAD';
      const o = readOnly ? (shared ??= await objects()) : await objects();
      const header = authorization[caller];
      const ownToken = header !== undefined && route.endsWith('/me/api-tokens/:tokenId') ? await ownTokenOf(header) : 'none';
      const { url, payload } = requestFor(route, o, ownToken);
      const res = await app.inject({
        method,
        url: caller === 'encodedPath' ? url.replace('/api/', '/%61pi/') : url,
        headers: header === undefined ? {} : { authorization: header },
        ...(payload === undefined ? {} : { payload: payload as object }),
      });
      observed[route] = res.statusCode;
      expected[route] = row[caller];
    }
    expect(observed).toEqual(expected);
  });
});

/** A token of the caller itself, for the route that deletes one of the caller's own tokens. */
async function ownTokenOf(header: string): Promise<string> {
  const res = await app.inject({ method: 'POST', url: '/api/v1/me/api-tokens', headers: { authorization: header }, payload: { name: 'own' } });
  return res.json().id;
}
