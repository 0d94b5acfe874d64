import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { createServiceAccount, startTestEmulator, uniqueName, type TestEmulator } from './support/emulator.js';

let t: TestEmulator;
beforeAll(async () => {
  t = await startTestEmulator();
});
afterAll(async () => t.close());

const email = () => `${uniqueName('user')}@example.com`;

describe('users (superadmin)', () => {
  test('create is 201, get, update, delete is 204', async () => {
    const group = (await t.api.post('/api/v1/main/groups', { name: uniqueName('group') })).body.id;
    const address = email();
    const created = await t.api.post('/api/v1/users', {
      email: address,
      firstName: 'Ada',
      lastName: 'Lovelace',
      password: 'pw-123456',
      groups: [group],
      tenants: ['main'],
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      username: address,
      email: address,
      displayName: 'Ada Lovelace',
      tenants: [{ id: 'main', name: 'main' }],
      groups: [{ id: group, tenantId: 'main' }],
      superAdmin: false,
      restricted: false,
    });
    expect(JSON.stringify(created.body)).not.toContain('pw-123456');
    const id = created.body.id;
    expect((await t.api.get(`/api/v1/users/${id}`)).body).toEqual(created.body);

    const updated = await t.api.put(`/api/v1/users/${id}`, { email: address, firstName: 'Ada', groups: [] });
    expect(updated.status).toBe(200);
    expect(updated.body.groups).toEqual([]);
    expect(updated.body.lastName).toBeUndefined();
    // The password was not part of the update, so it still works.
    expect((await t.api.get('/api/v1/me', { auth: { basic: [address, 'pw-123456'] } })).status).toBe(200);

    expect((await t.api.delete(`/api/v1/users/${id}`)).status).toBe(204);
    expect((await t.api.get(`/api/v1/users/${id}`)).status).toBe(404);
    expect((await t.api.get('/api/v1/me', { auth: { basic: [address, 'pw-123456'] } })).status).toBe(401);
  });

  test('password and superadmin patches', async () => {
    const address = email();
    const id = (await t.api.post('/api/v1/users', { email: address })).body.id;
    expect((await t.api.get('/api/v1/me', { auth: { basic: [address, 'new-password'] } })).status).toBe(401);
    const patched = await t.api.patch(`/api/v1/users/${id}/password`, { password: 'new-password' });
    expect(patched.status).toBe(200);
    expect(patched.body.auths).toEqual([{ id: expect.any(String), name: 'password', type: 'BasicAuth' }]);
    const asUser = t.api.as({ basic: [address, 'new-password'] });
    expect((await asUser.get('/api/v1/users')).status).toBe(403);
    expect((await t.api.patch(`/api/v1/users/${id}/superadmin`, { superAdmin: true })).status).toBe(200);
    expect((await asUser.get('/api/v1/users')).status).toBe(200);
  });

  test('email is required and unique', async () => {
    expect((await t.api.post('/api/v1/users', { firstName: 'x' })).status).toBe(422);
    const address = email();
    expect((await t.api.post('/api/v1/users', { email: address })).status).toBe(201);
    expect((await t.api.post('/api/v1/users', { email: address })).status).toBe(409);
  });

  test('the list finds users by q or filters[q][EQUALS] and leaves service accounts out', async () => {
    const address = email();
    await t.api.post('/api/v1/users', { email: address });
    const byQ = await t.api.get(`/api/v1/users?q=${encodeURIComponent(address)}`);
    expect(byQ.body.results.map((u: { username: string }) => u.username)).toEqual([address]);
    const byFilter = await t.api.get(`/api/v1/users?filters[q][EQUALS]=${encodeURIComponent(address)}&size=100`);
    expect(byFilter.body.results.map((u: { username: string }) => u.username)).toEqual([address]);
    const saName = (await t.api.get(`/api/v1/main/service-accounts/${await createServiceAccount(t.api)}`)).body.name;
    expect((await t.api.get(`/api/v1/users?q=${saName}`)).body.total).toBe(0);
  });
});

describe('/api/v1/me', () => {
  test('describes the caller', async () => {
    const me = await t.api.get('/api/v1/me');
    expect(me.status).toBe(200);
    expect(me.body).toMatchObject({ superAdmin: true, restricted: false, profile: { email: 'admin@kestra.io' } });
    expect(me.body.tenants).toContainEqual({ id: 'main', name: 'main' });
  });
});

describe('groups', () => {
  test('create, get, update, delete (200) and the name clash (409)', async () => {
    const name = uniqueName('group');
    const created = await t.api.post('/api/v1/main/groups', { name, description: 'on call', id: 'ignored', namespaceId: 'x' });
    expect(created.status).toBe(200);
    expect(created.body).toEqual({ id: expect.any(String), name, description: 'on call' });
    expect(created.body.id).not.toBe('ignored');
    const id = created.body.id;
    expect((await t.api.post('/api/v1/main/groups', { name })).status).toBe(409);

    const other = (await t.api.post('/api/v1/main/groups', { name: uniqueName('group') })).body;
    expect((await t.api.put(`/api/v1/main/groups/${other.id}`, { name })).status).toBe(409);
    const updated = await t.api.put(`/api/v1/main/groups/${id}`, { name: `${name}-2` });
    expect(updated.body).toEqual({ id, name: `${name}-2` });

    const deleted = await t.api.delete(`/api/v1/main/groups/${id}`);
    expect(deleted.status).toBe(200);
    expect(deleted.text).toBe('');
    expect((await t.api.get(`/api/v1/main/groups/${id}`)).status).toBe(404);
  });

  test('membership: add (409 when already a member), list, change, remove (409 when not a member)', async () => {
    const group = (await t.api.post('/api/v1/main/groups', { name: uniqueName('group') })).body;
    const sa = await createServiceAccount(t.api);
    const added = await t.api.put(`/api/v1/main/groups/${group.id}/members/${sa}`);
    expect(added.status).toBe(200);
    expect(added.body.groups).toEqual([{ id: group.id, name: group.name, external: false, membership: 'MEMBER' }]);
    expect((await t.api.put(`/api/v1/main/groups/${group.id}/members/${sa}`)).status).toBe(409);

    const owner = await t.api.put(`/api/v1/main/groups/${group.id}/members/membership/${sa}?membership=OWNER`);
    expect(owner.body.groups[0].membership).toBe('OWNER');
    expect((await t.api.put(`/api/v1/main/groups/${group.id}/members/membership/${sa}?membership=BOSS`)).status).toBe(422);
    expect((await t.api.put(`/api/v1/main/groups/${group.id}/members/membership/${sa}`)).status).toBe(400);

    const members = await t.api.get(`/api/v1/main/groups/${group.id}/members?page=1&size=200`);
    expect(members.body.results.map((m: { id: string }) => m.id)).toEqual([sa]);
    expect((await t.api.get(`/api/v1/main/service-accounts/${sa}`)).body.groups).toEqual([{ id: group.id }]);

    expect((await t.api.delete(`/api/v1/main/groups/${group.id}/members/${sa}`)).status).toBe(200);
    expect((await t.api.delete(`/api/v1/main/groups/${group.id}/members/${sa}`)).status).toBe(409);
    expect((await t.api.put(`/api/v1/main/groups/${group.id}/members/nobody`)).status).toBe(404);
    expect((await t.api.put(`/api/v1/main/groups/nogroup/members/${sa}`)).status).toBe(404);
  });

  test('membersId on creation adds members; search filters by name', async () => {
    const sa = await createServiceAccount(t.api);
    const name = uniqueName('searchable');
    const group = (await t.api.post('/api/v1/main/groups', { name, membersId: [sa] })).body;
    expect((await t.api.get(`/api/v1/main/groups/${group.id}/members`)).body.total).toBe(1);
    const found = await t.api.get(`/api/v1/main/groups/search?q=${name}`);
    expect(found.body).toEqual({ results: [{ id: group.id, name }], total: 1 });
  });
});

describe('tenants (superadmin)', () => {
  test('main exists from the start', async () => {
    expect((await t.api.get('/api/v1/tenants/main')).body).toMatchObject({ id: 'main', deleted: false });
  });

  test('create (409 on a taken id), get, update, search, delete (204)', async () => {
    const id = uniqueName('tenant');
    const created = await t.api.post('/api/v1/tenants', { id, name: 'Unit Test', requireExistingNamespace: true, unknown: 1 });
    expect(created.status).toBe(200);
    expect(created.body).toEqual({ id, name: 'Unit Test', deleted: false, requireExistingNamespace: true });
    expect((await t.api.post('/api/v1/tenants', { id, name: 'again' })).status).toBe(409);
    expect((await t.api.post('/api/v1/tenants', { id: 'Bad Id', name: 'x' })).status).toBe(422);
    expect((await t.api.put(`/api/v1/tenants/${id}`, { id, name: 'Renamed' })).body).toEqual({ id, name: 'Renamed', deleted: false });
    const found = await t.api.get(`/api/v1/tenants/search?q=${id}`);
    expect(found.body.results.map((r: { id: string }) => r.id)).toEqual([id]);

    const sa = await createServiceAccount(t.api, id);
    expect((await t.api.delete(`/api/v1/tenants/${id}`)).status).toBe(204);
    expect((await t.api.get(`/api/v1/tenants/${id}`)).status).toBe(404);
    expect((await t.api.get(`/api/v1/${id}/roles/search`)).status).toBe(404);
    expect((await t.api.get(`/api/v1/service-accounts/${sa}`)).body.tenants).toEqual([]);
  });
});
