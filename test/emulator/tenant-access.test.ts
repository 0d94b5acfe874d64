/**
 * Tenant access: how an account gets into a second tenant without being a superadmin, what it holds there, and
 * how it leaves (with everything it held there).
 */
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { bind, createRole, createSaToken, createServiceAccount, startTestEmulator, uniqueName, type TestEmulator } from './support/emulator.js';

let t: TestEmulator;
let second: string;
beforeAll(async () => {
  t = await startTestEmulator();
  second = uniqueName('second');
  expect((await t.api.post('/api/v1/tenants', { id: second, name: 'Second' })).status).toBe(200);
});
afterAll(async () => t.close());

const email = () => `${uniqueName('user')}@example.com`;

async function user(address = email(), tenants: string[] = ['main']): Promise<string> {
  const res = await t.api.post('/api/v1/users', { email: address, tenants, password: 'pw-123456' });
  expect(res.status).toBe(201);
  return res.body.id;
}

describe('granting access', () => {
  test('by email (204) brings a user of main into the second tenant, once (409)', async () => {
    const address = email();
    const id = await user(address);
    const granted = await t.api.post(`/api/v1/${second}/tenant-access`, { email: address.toUpperCase() });
    expect(granted.status).toBe(204);
    expect(granted.text).toBe('');
    expect((await t.api.post(`/api/v1/${second}/tenant-access`, { email: address })).status).toBe(409);
    expect((await t.api.get(`/api/v1/users/${id}`)).body.tenants.map((x: { id: string }) => x.id)).toEqual(['main', second]);
    const listed = await t.api.get(`/api/v1/${second}/tenant-access?filters[username][EQUALS]=${encodeURIComponent(address)}`);
    expect(listed.body).toMatchObject({ total: 1, results: [{ id, username: address, groups: [] }] });
  });

  test('by email of nobody is 404', async () => {
    const res = await t.api.post(`/api/v1/${second}/tenant-access`, { email: email() });
    expect(res.status).toBe(404);
    expect(res.body.message).toBe('Not Found: User not found');
  });

  test('by id (201, again 201) works for service accounts too', async () => {
    const sa = await createServiceAccount(t.api);
    expect((await t.api.put(`/api/v1/${second}/tenant-access/${sa}`)).status).toBe(201);
    expect((await t.api.put(`/api/v1/${second}/tenant-access/${sa}`)).status).toBe(201);
    expect((await t.api.get(`/api/v1/service-accounts/${sa}`)).body.tenants.map((x: { id: string }) => x.id)).toEqual(['main', second]);
    expect((await t.api.put(`/api/v1/${second}/tenant-access/nobody`)).status).toBe(404);
  });

  test('grants nothing by itself: the account still needs a binding there', async () => {
    const sa = await createServiceAccount(t.api);
    const { fullToken } = await createSaToken(t.api, sa);
    await t.api.put(`/api/v1/${second}/tenant-access/${sa}`);
    const client = t.api.as({ bearer: fullToken });
    expect((await client.get(`/api/v1/${second}/groups/search`)).status).toBe(403);
    await bind(t.api, { type: 'USER', externalId: sa, roleId: `admin_${second}` }, second);
    expect((await client.get(`/api/v1/${second}/groups/search`)).status).toBe(200);
  });
});

describe('reading access', () => {
  test('shows the roles held in the tenant, bound directly or through a group', async () => {
    const sa = await createServiceAccount(t.api, second);
    const role = await createRole(t.api, { FLOW: ['READ', 'UPDATE'] }, second);
    const binding = await bind(t.api, { type: 'USER', externalId: sa, roleId: role, namespaceId: 'prod' }, second);
    const group = (await t.api.post(`/api/v1/${second}/groups`, { name: uniqueName('group'), membersId: [sa] })).body;
    await bind(t.api, { type: 'GROUP', externalId: group.id, roleId: `viewer_${second}` }, second);

    const res = await t.api.get(`/api/v1/${second}/tenant-access/${sa}`);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ tenantId: second, userId: sa, groups: [{ id: group.id, name: group.name, external: false }], superAdmin: false });
    expect(res.body.roles).toEqual([
      { id: role, name: expect.any(String), namespace: 'prod', origin: 'BINDING', sourceId: binding, permissions: [{ permission: 'FLOW', actions: ['READ', 'UPDATE'] }] },
      expect.objectContaining({ id: `viewer_${second}`, origin: 'GROUP', sourceId: group.id }),
    ]);
  });

  test('of an account without access to the tenant is 404', async () => {
    const sa = await createServiceAccount(t.api);
    const res = await t.api.get(`/api/v1/${second}/tenant-access/${sa}`);
    expect(res.status).toBe(404);
    expect((await t.api.get(`/api/v1/${second}/tenant-access/nobody`)).status).toBe(404);
  });

  test('the list takes the type of account (1.3 parameter and filter) and q', async () => {
    const tenant = uniqueName('typed');
    await t.api.post('/api/v1/tenants', { id: tenant, name: tenant });
    const sa = await createServiceAccount(t.api, tenant);
    const address = email();
    const id = await user(address, [tenant]);
    const ids = async (query: string) => (await t.api.get(`/api/v1/${tenant}/tenant-access?${query}`)).body.results.map((r: { id: string }) => r.id);
    expect(await ids('')).toEqual([sa, id]);
    expect(await ids('type=SERVICE_ACCOUNT')).toEqual([sa]);
    expect(await ids('filters[type][EQUALS]=STANDARD')).toEqual([id]);
    expect(await ids(`q=${encodeURIComponent(address.slice(0, 12))}`)).toEqual([id]);
    const bad = await t.api.get(`/api/v1/${tenant}/tenant-access?type=ROBOT`);
    expect(bad.status).toBe(422);
    expect(bad.body.message).toMatch(/^Internal server error: Failed to convert argument \[type\] for value \[ROBOT\]/);
  });
});

describe('removing access', () => {
  test('takes away the bindings and group memberships of that tenant, and nothing elsewhere', async () => {
    const sa = await createServiceAccount(t.api);
    const { fullToken } = await createSaToken(t.api, sa);
    await t.api.put(`/api/v1/${second}/tenant-access/${sa}`);
    await bind(t.api, { type: 'USER', externalId: sa, roleId: `admin_${second}` }, second);
    await bind(t.api, { type: 'USER', externalId: sa, roleId: 'viewer_main' });
    const group = (await t.api.post(`/api/v1/${second}/groups`, { name: uniqueName('group'), membersId: [sa] })).body.id;
    const client = t.api.as({ bearer: fullToken });
    expect((await client.get(`/api/v1/${second}/groups/search`)).status).toBe(200);

    expect((await t.api.delete(`/api/v1/${second}/tenant-access/${sa}`)).status).toBe(204);
    expect((await client.get(`/api/v1/${second}/groups/search`)).status).toBe(403);
    expect((await t.api.get(`/api/v1/${second}/tenant-access/${sa}`)).status).toBe(404);
    expect((await t.api.get(`/api/v1/${second}/groups/${group}/members`)).body.total).toBe(0);
    expect((await t.api.get(`/api/v1/${second}/bindings/search?id=${sa}`)).body.total).toBe(0);
    expect((await t.api.get(`/api/v1/main/bindings/search?id=${sa}`)).body.total).toBe(1);
    expect((await t.api.delete(`/api/v1/${second}/tenant-access/${sa}`)).status).toBe(404);
  });
});

describe('a tenant admin who is not a superadmin', () => {
  async function tenantAdmin() {
    const sa = await createServiceAccount(t.api, second);
    await bind(t.api, { type: 'USER', externalId: sa, roleId: `admin_${second}` }, second);
    return t.api.as({ bearer: (await createSaToken(t.api, sa, {}, second)).fullToken });
  }

  test('grants and removes access of ordinary accounts', async () => {
    const admin = await tenantAdmin();
    const address = email();
    const id = await user(address);
    expect((await admin.post(`/api/v1/${second}/tenant-access`, { email: address })).status).toBe(204);
    expect((await admin.delete(`/api/v1/${second}/tenant-access/${id}`)).status).toBe(204);
  });

  test('never reaches a superadmin (403), nor sees one in the list', async () => {
    const admin = await tenantAdmin();
    const address = email();
    const root = (await t.api.post('/api/v1/users', { email: address, superAdmin: true, tenants: [second] })).body.id;
    const attempts = [
      await admin.post(`/api/v1/${second}/tenant-access`, { email: address }),
      await admin.put(`/api/v1/${second}/tenant-access/${root}`),
      await admin.get(`/api/v1/${second}/tenant-access/${root}`),
      await admin.delete(`/api/v1/${second}/tenant-access/${root}`),
    ];
    expect(attempts.map((r) => r.status)).toEqual([403, 403, 403, 403]);
    const listed = (await admin.get(`/api/v1/${second}/tenant-access?size=1000`)).body;
    expect(listed.results.map((r: { id: string }) => r.id)).not.toContain(root);
    expect(listed.total).toBe(listed.results.length);
    expect((await t.api.get(`/api/v1/${second}/tenant-access/${root}`)).body.superAdmin).toBe(true);
  });
});

describe('autocomplete', () => {
  test('answers the matches of q, then the ids asked for; only those with existingOnly', async () => {
    const tenant = uniqueName('auto');
    await t.api.post('/api/v1/tenants', { id: tenant, name: tenant });
    const a = await createServiceAccount(t.api, tenant, { name: `${tenant}-apple` });
    const b = await createServiceAccount(t.api, tenant, { name: `${tenant}-banana` });
    const outside = await createServiceAccount(t.api);
    const ids = async (body: object) =>
      (await t.api.post(`/api/v1/${tenant}/tenant-access/autocomplete`, body)).body.map((r: { id: string }) => r.id);
    expect(await ids({ q: 'apple' })).toEqual([a]);
    expect(await ids({ q: 'apple', ids: [b, outside] })).toEqual([a, b]);
    expect(await ids({ q: 'apple', ids: [b], existingOnly: true })).toEqual([b]);
    expect(await ids({ username: 'banana' })).toEqual([b]);
  });
});

describe('Kestra 2.0', () => {
  let v2: TestEmulator;
  beforeAll(async () => {
    v2 = await startTestEmulator({ kestraVersion: '2.0' });
  });
  afterAll(async () => v2.close());

  test('names a permission `resource` and lists by email filter', async () => {
    const address = `${uniqueName('v2')}@example.com`;
    const id = (await v2.api.post('/api/v1/users', { email: address, tenants: ['main'] })).body.id;
    await v2.api.post('/api/v1/main/bindings', { type: 'USER', externalId: id, roleId: 'viewer_main' });
    const detail = (await v2.api.get(`/api/v1/main/tenant-access/${id}`)).body;
    expect(detail.roles[0].permissions[0]).toEqual({ resource: expect.any(String), actions: expect.arrayContaining(['VIEW']) });
    const listed = await v2.api.get(`/api/v1/main/tenant-access?filters[email][EQUALS]=${encodeURIComponent(address)}`);
    expect(listed.body).toMatchObject({ total: 1, results: [{ id }] });
    expect((await v2.api.get('/api/v1/main/tenant-access?type=SERVICE_ACCOUNT&size=1000')).body.results.map((r: { id: string }) => r.id)).toContain(id);
  });
});
