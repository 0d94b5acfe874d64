/**
 * Tenant routes as an adversary inside a shared sandbox would use them: a tenant admin reaching for superadmin
 * accounts, another tenant's accounts, or more rights than it holds.
 */
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import type { ApiClient } from './support/emulator.js';
import { bind, createRole, createSaToken, createServiceAccount, startTestEmulator, uniqueName, type TestEmulator } from './support/emulator.js';

let t: TestEmulator;
let other: string;
beforeAll(async () => {
  t = await startTestEmulator();
  other = uniqueName('tb');
  expect((await t.api.post('/api/v1/tenants', { id: other, name: other })).status).toBe(200);
});
afterAll(async () => t.close());

/** A service account of `tenant` bound there to `roleId` (tenant-wide unless a namespace is given), and its client. */
async function caller(roleId: string, tenant = 'main', namespaceId?: string): Promise<{ id: string; client: ApiClient }> {
  const id = await createServiceAccount(t.api, tenant);
  await bind(t.api, { type: 'USER', externalId: id, roleId, ...(namespaceId ? { namespaceId } : {}) }, tenant);
  const { fullToken } = await createSaToken(t.api, id, {}, tenant);
  return { id, client: t.api.as({ bearer: fullToken }) };
}

/** A superadmin service account created at instance level with access to the given tenants. */
async function superadminAccount(tenants: string[]): Promise<string> {
  const res = await t.api.post('/api/v1/service-accounts', { name: uniqueName('root'), superAdmin: true, tenants });
  expect(res.status).toBe(200);
  return res.body.id;
}

const tokensOf = async (sa: string): Promise<number> => (await t.api.get(`/api/v1/service-accounts/${sa}/api-tokens`)).body.total;

describe('(10) tenant routes never act on superadmin accounts for a caller who is not one', () => {
  test('a tenant admin does not see them in the tenant list', async () => {
    const root = await superadminAccount(['main']);
    const { client } = await caller('admin_main');
    const listed = (await client.get('/api/v1/main/service-accounts?size=1000')).body.results.map((r: { id: string }) => r.id);
    expect(listed).not.toContain(root);
    expect((await t.api.get('/api/v1/main/service-accounts?size=1000')).body.results.map((r: { id: string }) => r.id)).toContain(root);
  });

  test('nor reads, renames, deletes or mints a token for one', async () => {
    const root = await superadminAccount(['main']);
    const { client } = await caller('admin_main');
    const before = (await t.api.get(`/api/v1/service-accounts/${root}`)).body;
    const attempts = [
      await client.get(`/api/v1/main/service-accounts/${root}`),
      await client.put(`/api/v1/main/service-accounts/${root}`, { name: 'taken-over' }),
      await client.post(`/api/v1/main/service-accounts/${root}/api-tokens`, { name: 'stolen' }),
      await client.get(`/api/v1/main/service-accounts/${root}/api-tokens`),
      await client.delete(`/api/v1/main/service-accounts/${root}`),
    ];
    for (const res of attempts) {
      expect(res.status).toBe(403);
      expect(res.body.message).toBe('Forbidden: only a superadmin can manage a superadmin account');
    }
    expect((await t.api.get(`/api/v1/service-accounts/${root}`)).body).toEqual(before);
    expect(await tokensOf(root)).toBe(0);
  });

  test('nor binds one or adds one to a group', async () => {
    const root = await superadminAccount(['main']);
    const { client } = await caller('admin_main');
    const group = (await t.api.post('/api/v1/main/groups', { name: uniqueName('group') })).body.id;
    expect((await client.post('/api/v1/main/bindings', { type: 'USER', externalId: root, roleId: 'viewer_main' })).status).toBe(403);
    expect((await client.put(`/api/v1/main/groups/${group}/members/${root}`)).status).toBe(403);
    expect((await t.api.get(`/api/v1/main/bindings/search?id=${root}`)).body.total).toBe(0);
  });

  test('a token is never more than the caller could grant: minting one for an admin needs the admin rights', async () => {
    const { client } = await caller(await createRole(t.api, { SERVICE_ACCOUNT: ['READ', 'CREATE'], FLOW: ['READ'] }));
    const admin = (await caller('admin_main')).id;
    const refused = await client.post(`/api/v1/main/service-accounts/${admin}/api-tokens`, { name: 'admin-token' });
    expect(refused.status).toBe(403);
    expect(refused.body.message).toBe('Forbidden: Insufficient privileges to create an API token for this account');
    expect(await tokensOf(admin)).toBe(1);

    const reader = await createServiceAccount(t.api);
    await bind(t.api, { type: 'USER', externalId: reader, roleId: await createRole(t.api, { FLOW: ['READ'] }) });
    expect((await client.post(`/api/v1/main/service-accounts/${reader}/api-tokens`, { name: 'reader-token' })).status).toBe(200);
  });

  test('a superadmin still acts on superadmin accounts through tenant routes', async () => {
    const root = await superadminAccount(['main']);
    expect((await t.api.get(`/api/v1/main/service-accounts/${root}`)).status).toBe(200);
    expect((await t.api.post(`/api/v1/main/service-accounts/${root}/api-tokens`, { name: 'ok' })).status).toBe(200);
  });
});

describe('(11) a tenant route never acts on an account without access to that tenant', () => {
  /** An account of the other tenant, bound to its admin role there. */
  const foreignAccount = async () => (await caller(`admin_${other}`, other)).id;

  test("main's admin can neither bind, group, mint for nor delete an account of another tenant", async () => {
    const foreign = await foreignAccount();
    const { client } = await caller('admin_main');
    const group = (await t.api.post('/api/v1/main/groups', { name: uniqueName('group') })).body.id;
    const attempts = [
      await client.post('/api/v1/main/bindings', { type: 'USER', externalId: foreign, roleId: 'viewer_main' }),
      await client.post('/api/v1/main/bindings/bulk', [{ type: 'USER', externalId: foreign, roleId: 'viewer_main' }]),
      await client.put(`/api/v1/main/groups/${group}/members/${foreign}`),
      await client.post('/api/v1/main/groups', { name: uniqueName('group'), membersId: [foreign] }),
      await client.post(`/api/v1/main/service-accounts/${foreign}/api-tokens`, { name: 'stolen' }),
      await client.delete(`/api/v1/main/service-accounts/${foreign}`),
    ];
    for (const res of attempts) expect(res.status).toBe(404);
    expect((await t.api.get(`/api/v1/service-accounts/${foreign}`)).body.tenants).toEqual([{ id: other, name: other }]);
    expect((await t.api.get(`/api/v1/main/bindings/search?id=${foreign}`)).body.total).toBe(0);
    expect(await tokensOf(foreign)).toBe(1);
  });

  test('an account shared with another tenant is deleted or changed through main only by who holds the right there too', async () => {
    const shared = (await t.api.post('/api/v1/service-accounts', { name: uniqueName(), tenants: ['main', other] })).body.id;
    const { client } = await caller('admin_main');
    expect((await client.get(`/api/v1/main/service-accounts/${shared}`)).status).toBe(200);
    const deleted = await client.delete(`/api/v1/main/service-accounts/${shared}`);
    expect(deleted.status).toBe(403);
    expect(deleted.body.message).toContain(`also has access to tenant ${other}`);
    expect((await client.post(`/api/v1/main/service-accounts/${shared}/api-tokens`, { name: 'x' })).status).toBe(403);
    expect((await t.api.get(`/api/v1/service-accounts/${shared}`)).status).toBe(200);

    const mainOnly = (await t.api.post('/api/v1/service-accounts', { name: uniqueName(), tenants: ['main'] })).body.id;
    expect((await client.delete(`/api/v1/main/service-accounts/${mainOnly}`)).status).toBe(200);
  });

  test('an instance-level account without tenants is reachable through a tenant by superadmins only (issue 13)', async () => {
    const name = uniqueName();
    const free = (await t.api.post('/api/v1/service-accounts', { name })).body.id;
    const updated = await t.api.put(`/api/v1/main/service-accounts/${free}`, { name, description: 'set through main' });
    expect(updated.status).toBe(200);
    expect(updated.body).toMatchObject({ id: free, description: 'set through main' });
    expect((await t.api.get(`/api/v1/main/service-accounts/${free}`)).status).toBe(200);

    const { client } = await caller('admin_main');
    expect((await client.get(`/api/v1/main/service-accounts/${free}`)).status).toBe(404);
    expect((await client.post('/api/v1/main/bindings', { type: 'USER', externalId: free, roleId: 'viewer_main' })).status).toBe(404);
  });

  test('an account confined to another tenant stays out of reach of a superadmin through this tenant', async () => {
    const foreign = await foreignAccount();
    expect((await t.api.get(`/api/v1/main/service-accounts/${foreign}`)).status).toBe(404);
    // A superadmin may still bring it in, which gives it access to main (Kestra 1.3 creates tenant access).
    expect((await t.api.post('/api/v1/main/bindings', { type: 'USER', externalId: foreign, roleId: 'viewer_main' })).status).toBe(200);
    expect((await t.api.get(`/api/v1/main/service-accounts/${foreign}`)).status).toBe(200);
  });
});

describe('(12) a caller grants no more than it holds', () => {
  test('BINDING: CREATE alone does not let an account bind itself to the admin role', async () => {
    const { id, client } = await caller(await createRole(t.api, { BINDING: ['CREATE'] }));
    const res = await client.post('/api/v1/main/bindings', { type: 'USER', externalId: id, roleId: 'admin_main' });
    expect(res.status).toBe(403);
    expect(res.body.message).toBe('Forbidden: Insufficient privileges to create the binding');
    expect((await client.post('/api/v1/main/bindings/bulk', [{ type: 'USER', externalId: id, roleId: 'admin_main' }])).status).toBe(403);
    expect((await t.api.get(`/api/v1/main/bindings/search?id=${id}`)).body.total).toBe(1);
    expect((await client.get('/api/v1/main/roles/search')).status).toBe(403);
  });

  test('GROUP_MEMBERSHIP: CREATE alone does not let an account join a group bound to the admin role', async () => {
    const { id, client } = await caller(await createRole(t.api, { GROUP_MEMBERSHIP: ['CREATE'] }));
    const group = (await t.api.post('/api/v1/main/groups', { name: uniqueName('admins') })).body.id;
    await bind(t.api, { type: 'GROUP', externalId: group, roleId: 'admin_main' });
    const res = await client.put(`/api/v1/main/groups/${group}/members/${id}`);
    expect(res.status).toBe(403);
    expect(res.body.message).toBe('Forbidden: Insufficient privileges to add a member to the group');
    expect((await t.api.get(`/api/v1/main/groups/${group}/members`)).body.total).toBe(0);
  });

  test('SERVICE_ACCOUNT: UPDATE alone does not let an account put itself into such a group', async () => {
    const { id, client } = await caller(await createRole(t.api, { SERVICE_ACCOUNT: ['READ', 'UPDATE'] }));
    const group = (await t.api.post('/api/v1/main/groups', { name: uniqueName('admins') })).body.id;
    await bind(t.api, { type: 'GROUP', externalId: group, roleId: 'admin_main' });
    const self = (await client.get(`/api/v1/main/service-accounts/${id}`)).body;
    expect((await client.put(`/api/v1/main/service-accounts/${id}`, { name: self.name, groups: [{ id: group }] })).status).toBe(403);
    expect((await t.api.get(`/api/v1/main/service-accounts/${id}`)).body.groups).toEqual([]);
  });

  test('what the caller holds, it may hand out', async () => {
    const { client } = await caller(await createRole(t.api, { BINDING: ['CREATE'], GROUP_MEMBERSHIP: ['CREATE'], FLOW: ['READ'] }));
    const reader = await createRole(t.api, { FLOW: ['READ'] });
    const target = await createServiceAccount(t.api);
    expect((await client.post('/api/v1/main/bindings', { type: 'USER', externalId: target, roleId: reader })).status).toBe(200);
    const group = (await t.api.post('/api/v1/main/groups', { name: uniqueName('readers') })).body.id;
    await bind(t.api, { type: 'GROUP', externalId: group, roleId: reader });
    expect((await client.put(`/api/v1/main/groups/${group}/members/${await createServiceAccount(t.api)}`)).status).toBe(200);
  });

  test('a right held inside a namespace is handed out inside it only, and never as a tenant-wide role', async () => {
    const { client } = await caller(await createRole(t.api, { BINDING: ['CREATE'], ROLE: ['CREATE'] }));
    const self = (await client.get('/api/v1/me')).body.id;
    await bind(t.api, { type: 'USER', externalId: self, roleId: await createRole(t.api, { FLOW: ['READ', 'DELETE'] }), namespaceId: 'prod' });
    const reader = await createRole(t.api, { FLOW: ['READ'] });
    const target = await createServiceAccount(t.api);
    expect((await client.post('/api/v1/main/bindings', { type: 'USER', externalId: target, roleId: reader, namespaceId: 'prod.team' })).status).toBe(200);
    expect((await client.post('/api/v1/main/bindings', { type: 'USER', externalId: target, roleId: reader, namespaceId: 'dev' })).status).toBe(403);
    expect((await client.post('/api/v1/main/bindings', { type: 'USER', externalId: target, roleId: reader })).status).toBe(403);
    const role = await client.post('/api/v1/main/roles', { name: 'deleter', permissions: { FLOW: ['DELETE'] } });
    expect(role.status).toBe(403);
    expect(role.body.message).toBe('Forbidden: Insufficient privileges to create the role');
  });
});

describe('(12) on Kestra 2.0', () => {
  let t2: TestEmulator;
  beforeAll(async () => {
    t2 = await startTestEmulator({ kestraVersion: '2.0' });
  });
  afterAll(async () => t2.close());

  test('GROUP: MANAGE_MEMBERS alone does not let an account join a group bound to the admin role', async () => {
    const id = await createServiceAccount(t2.api);
    await bind(t2.api, { type: 'USER', externalId: id, roleId: await createRole(t2.api, { GROUP: ['MANAGE_MEMBERS'] }) });
    const client = t2.api.as({ bearer: (await createSaToken(t2.api, id)).fullToken });
    const group = (await t2.api.post('/api/v1/main/groups', { name: uniqueName('admins') })).body.id;
    await bind(t2.api, { type: 'GROUP', externalId: group, roleId: 'admin_main' });
    expect((await client.put(`/api/v1/main/groups/${group}/members/${id}`)).status).toBe(403);
    const plain = (await t2.api.post('/api/v1/main/groups', { name: uniqueName('plain') })).body.id;
    expect((await client.put(`/api/v1/main/groups/${plain}/members/${id}`)).status).toBe(200);
  });
});
