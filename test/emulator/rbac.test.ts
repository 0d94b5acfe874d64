import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { bind, createRole, createSaToken, createServiceAccount, startTestEmulator, uniqueName, type ApiClient, type TestEmulator } from './support/emulator.js';

/** A fresh service account in `main` and a client authenticated with its token. */
async function tokenClient(api: ApiClient): Promise<{ sa: string; client: ApiClient }> {
  const sa = await createServiceAccount(api);
  const { fullToken } = await createSaToken(api, sa);
  return { sa, client: api.as({ bearer: fullToken }) };
}

describe('Kestra 1.3 permissions', () => {
  let t: TestEmulator;
  beforeAll(async () => {
    t = await startTestEmulator();
  });
  afterAll(async () => t.close());

  test('a valid token without any binding gets 403 on every tenant route, never data', async () => {
    const { sa, client } = await tokenClient(t.api);
    const calls: Array<[string, string, unknown?]> = [
      ['GET', '/api/v1/main/service-accounts'],
      ['GET', `/api/v1/main/service-accounts/${sa}`],
      ['POST', '/api/v1/main/service-accounts', { name: uniqueName() }],
      ['GET', `/api/v1/main/service-accounts/${sa}/api-tokens`],
      ['GET', '/api/v1/main/roles/search'],
      ['GET', '/api/v1/main/roles/admin_main'],
      ['GET', '/api/v1/main/bindings/search'],
      ['POST', '/api/v1/main/bindings', { type: 'USER', externalId: sa, roleId: 'admin_main' }],
      ['GET', '/api/v1/main/groups/search'],
      ['GET', '/api/v1/main/flows/search'],
      ['GET', '/api/v1/main/executions/search'],
    ];
    for (const [method, path, body] of calls) {
      const res = await client.call(method, path, { body });
      expect({ path, status: res.status }).toEqual({ path, status: 403 });
      expect(res.body.message).toMatch(/^Forbidden/);
      expect(res.body.results).toBeUndefined();
    }
    // The escalation attempt above must not have created a binding.
    const bindings = await t.api.get(`/api/v1/main/bindings/search?id=${sa}`);
    expect(bindings.body.total).toBe(0);
  });

  test('instance-level routes are superadmin-only', async () => {
    const { client } = await tokenClient(t.api);
    await bind(t.api, { type: 'USER', externalId: (await client.get('/api/v1/me')).body.id, roleId: 'admin_main' });
    for (const path of ['/api/v1/service-accounts', '/api/v1/users', '/api/v1/tenants/search']) {
      expect((await client.get(path)).status).toBe(403);
    }
    expect((await client.post('/api/v1/service-accounts', { name: uniqueName() })).status).toBe(403);
  });

  test('a binding grants exactly the permission and action of its role', async () => {
    const { sa, client } = await tokenClient(t.api);
    const role = await createRole(t.api, { FLOW: ['READ'], SERVICE_ACCOUNT: ['READ'] });
    await bind(t.api, { type: 'USER', externalId: sa, roleId: role });

    expect((await client.get('/api/v1/main/flows/search')).body).toEqual({ results: [], total: 0 });
    expect((await client.get('/api/v1/main/service-accounts')).status).toBe(200);
    expect((await client.get(`/api/v1/main/service-accounts/${sa}`)).status).toBe(200);
    expect((await client.get('/api/v1/main/executions/search')).status).toBe(403);
    expect((await client.post('/api/v1/main/service-accounts', { name: uniqueName() })).status).toBe(403);
    expect((await client.delete(`/api/v1/main/service-accounts/${sa}`)).status).toBe(403);
    expect((await client.get('/api/v1/main/roles/search')).status).toBe(403);
  });

  test('a binding of a group grants its members', async () => {
    const { sa, client } = await tokenClient(t.api);
    const group = (await t.api.post('/api/v1/main/groups', { name: uniqueName('group') })).body.id;
    const role = await createRole(t.api, { EXECUTION: ['READ'] });
    await bind(t.api, { type: 'GROUP', externalId: group, roleId: role });
    expect((await client.get('/api/v1/main/executions/search')).status).toBe(403);

    expect((await t.api.put(`/api/v1/main/groups/${group}/members/${sa}`)).status).toBe(200);
    expect((await client.get('/api/v1/main/executions/search')).status).toBe(200);
    expect((await t.api.delete(`/api/v1/main/groups/${group}/members/${sa}`)).status).toBe(200);
    expect((await client.get('/api/v1/main/executions/search')).status).toBe(403);
  });

  test('access ends when the binding is deleted, and when its role is deleted', async () => {
    const { sa, client } = await tokenClient(t.api);
    const role = await createRole(t.api, { FLOW: ['READ'] });
    const binding = await bind(t.api, { type: 'USER', externalId: sa, roleId: role });
    expect((await client.get('/api/v1/main/flows/search')).status).toBe(200);
    expect((await t.api.delete(`/api/v1/main/bindings/${binding}`)).status).toBe(204);
    expect((await client.get('/api/v1/main/flows/search')).status).toBe(403);

    const binding2 = await bind(t.api, { type: 'USER', externalId: sa, roleId: role });
    expect((await client.get('/api/v1/main/flows/search')).status).toBe(200);
    expect((await t.api.delete(`/api/v1/main/roles/${role}`)).status).toBe(204);
    expect((await t.api.get(`/api/v1/main/bindings/${binding2}`)).status).toBe(404);
    expect((await client.get('/api/v1/main/flows/search')).status).toBe(403);
  });

  test('a namespace-scoped binding grants only inside its namespace', async () => {
    const { sa, client } = await tokenClient(t.api);
    const role = await createRole(t.api, { FLOW: ['READ'], SERVICE_ACCOUNT: ['READ'] });
    await bind(t.api, { type: 'USER', externalId: sa, roleId: role, namespaceId: 'prod' });

    expect((await client.get('/api/v1/main/flows/search?namespace=prod')).status).toBe(200);
    expect((await client.get('/api/v1/main/flows/search?namespace=prod.team')).status).toBe(200);
    expect((await client.get('/api/v1/main/flows/search?namespace=production')).status).toBe(403);
    expect((await client.get('/api/v1/main/flows/search?namespace=dev')).status).toBe(403);
    // Tenant-wide IAM routes are never granted by a namespace binding.
    expect((await client.get('/api/v1/main/service-accounts')).status).toBe(403);
  });

  test('a binding in one tenant grants nothing in another', async () => {
    const tenant = uniqueName('tenant');
    await t.api.post('/api/v1/tenants', { id: tenant, name: tenant });
    const { sa, client } = await tokenClient(t.api);
    await bind(t.api, { type: 'USER', externalId: sa, roleId: `admin_${tenant}` }, tenant);
    expect((await client.get(`/api/v1/${tenant}/flows/search`)).status).toBe(200);
    expect((await client.get('/api/v1/main/flows/search')).status).toBe(403);
  });

  test('a caller cannot create a role granting more than it holds', async () => {
    const { sa, client } = await tokenClient(t.api);
    const role = await createRole(t.api, { ROLE: ['READ', 'CREATE'], FLOW: ['READ'] });
    await bind(t.api, { type: 'USER', externalId: sa, roleId: role });
    expect((await client.post('/api/v1/main/roles', { name: 'ok', permissions: { FLOW: ['READ'] } })).status).toBe(200);
    const res = await client.post('/api/v1/main/roles', { name: 'too-much', permissions: { FLOW: ['DELETE'] } });
    expect(res.status).toBe(403);
    expect(res.body.message).toBe('Forbidden: Insufficient privileges to create the role');
  });

  test('only a superadmin can make a service account superadmin', async () => {
    const { sa, client } = await tokenClient(t.api);
    await bind(t.api, { type: 'USER', externalId: sa, roleId: 'admin_main' });
    expect((await client.post('/api/v1/main/service-accounts', { name: uniqueName(), superAdmin: true })).status).toBe(403);
    const self = (await client.get(`/api/v1/main/service-accounts/${sa}`)).body;
    expect((await client.put(`/api/v1/main/service-accounts/${sa}`, { name: self.name, superAdmin: true })).status).toBe(403);
    expect((await client.post('/api/v1/main/service-accounts', { name: uniqueName() })).status).toBe(200);
  });

  test('a superadmin service account passes every check, including instance routes', async () => {
    const sa = (await t.api.post('/api/v1/service-accounts', { name: uniqueName(), superAdmin: true })).body.id;
    const token = (await t.api.post(`/api/v1/service-accounts/${sa}/api-tokens`, { name: 'root' })).body.fullToken;
    const client = t.api.as({ bearer: token });
    expect((await client.get('/api/v1/users')).status).toBe(200);
    expect((await client.get('/api/v1/main/service-accounts')).status).toBe(200);
    expect((await client.get('/api/v1/main/flows/search')).status).toBe(200);
  });

  test('a superadmin calling a tenant that does not exist gets 404', async () => {
    expect((await t.api.get('/api/v1/no-such-tenant/service-accounts')).status).toBe(404);
  });
});

describe('Kestra 2.0 permissions', () => {
  let t: TestEmulator;
  beforeAll(async () => {
    t = await startTestEmulator({ kestraVersion: '2.0' });
  });
  afterAll(async () => t.close());

  test('reads need VIEW for one item and LIST for searches', async () => {
    const { sa, client } = await tokenClient(t.api);
    const viewOnly = await createRole(t.api, { SERVICE_ACCOUNT: ['VIEW'] });
    const binding = await bind(t.api, { type: 'USER', externalId: sa, roleId: viewOnly });
    expect((await client.get(`/api/v1/main/service-accounts/${sa}`)).status).toBe(200);
    expect((await client.get('/api/v1/main/service-accounts')).status).toBe(403);

    await t.api.delete(`/api/v1/main/bindings/${binding}`);
    await bind(t.api, { type: 'USER', externalId: sa, roleId: await createRole(t.api, { SERVICE_ACCOUNT: ['LIST'], FLOW: ['LIST'] }) });
    expect((await client.get('/api/v1/main/service-accounts')).status).toBe(200);
    expect((await client.get('/api/v1/main/flows/search')).status).toBe(200);
    expect((await client.get(`/api/v1/main/service-accounts/${sa}`)).status).toBe(403);
  });

  test('group membership changes need GROUP MANAGE_MEMBERS', async () => {
    const { sa, client } = await tokenClient(t.api);
    const group = (await t.api.post('/api/v1/main/groups', { name: uniqueName('group') })).body.id;
    const other = await createServiceAccount(t.api);
    await bind(t.api, { type: 'USER', externalId: sa, roleId: await createRole(t.api, { GROUP: ['VIEW', 'LIST'] }) });
    expect((await client.put(`/api/v1/main/groups/${group}/members/${other}`)).status).toBe(403);
    await bind(t.api, { type: 'USER', externalId: sa, roleId: await createRole(t.api, { GROUP: ['MANAGE_MEMBERS'] }) });
    expect((await client.put(`/api/v1/main/groups/${group}/members/${other}`)).status).toBe(200);
  });
});
