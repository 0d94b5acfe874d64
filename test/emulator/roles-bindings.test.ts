import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { bind, createRole, createServiceAccount, startTestEmulator, uniqueName, type TestEmulator } from './support/emulator.js';

let t: TestEmulator;
beforeAll(async () => {
  t = await startTestEmulator();
});
afterAll(async () => t.close());

describe('roles (Kestra 1.3 vocabulary)', () => {
  test('create, get, update and delete', async () => {
    const created = await t.api.post('/api/v1/main/roles', {
      name: 'Deployer',
      description: 'deploys flows',
      permissions: { FLOW: ['READ', 'UPDATE'], NAMESPACE: ['READ'] },
      isDefault: false,
      namespaceId: '',
    });
    expect(created.status).toBe(200);
    expect(created.body).toEqual({
      id: expect.any(String),
      name: 'Deployer',
      description: 'deploys flows',
      permissions: { FLOW: ['READ', 'UPDATE'], NAMESPACE: ['READ'] },
      isDefault: false,
      isManaged: false,
    });
    const id = created.body.id;
    expect((await t.api.get(`/api/v1/main/roles/${id}`)).body).toEqual(created.body);

    const updated = await t.api.put(`/api/v1/main/roles/${id}`, { id, name: 'Deployer', permissions: { EXECUTION: ['DELETE', 'READ'] } });
    expect(updated.status).toBe(200);
    expect(updated.body.permissions).toEqual({ EXECUTION: ['DELETE', 'READ'] });
    expect(updated.body.description).toBeUndefined();

    const deleted = await t.api.delete(`/api/v1/main/roles/${id}`);
    expect(deleted.status).toBe(204);
    expect((await t.api.get(`/api/v1/main/roles/${id}`)).status).toBe(404);
    expect((await t.api.delete(`/api/v1/main/roles/${id}`)).status).toBe(404);
  });

  test('action lists keep the order they were sent in', async () => {
    const id = await createRole(t.api, { FLOW: ['UPDATE', 'READ', 'DELETE'] });
    expect((await t.api.get(`/api/v1/main/roles/${id}`)).body.permissions.FLOW).toEqual(['UPDATE', 'READ', 'DELETE']);
  });

  test.each([
    ['an unknown permission type', { NOT_A_TYPE: ['READ'] }, 'Cannot deserialize Map key'],
    ['a 2.0 permission type', { TRIGGER: ['READ'] }, 'Cannot deserialize Map key'],
    ['an unknown action', { FLOW: ['FLY'] }, 'not one of the values accepted'],
    ['a 2.0 action', { FLOW: ['VIEW'] }, 'not one of the values accepted'],
    ['a list that is a string', { FLOW: 'READ' }, 'Cannot deserialize value'],
  ])('%s is 422 Invalid json mapping', async (_label, permissions, detail) => {
    const res = await t.api.post('/api/v1/main/roles', { name: uniqueName('role'), permissions });
    expect(res.status).toBe(422);
    expect(res.body.message).toBe('Invalid json mapping');
    expect(res.body._embedded.errors[0].message).toContain(detail);
  });

  test('name and permissions are required', async () => {
    const res = await t.api.post('/api/v1/main/roles', {});
    expect(res.status).toBe(422);
    expect(res.body.message).toMatch(/^Invalid entity: /);
    expect(res.body._embedded.errors.map((e: { path: string }) => e.path).sort()).toEqual(['createRole.role.name', 'createRole.role.permissions']);
  });

  test('only one role is the default', async () => {
    const a = (await t.api.post('/api/v1/main/roles', { name: uniqueName('role'), permissions: {}, isDefault: true })).body.id;
    const b = (await t.api.post('/api/v1/main/roles', { name: uniqueName('role'), permissions: {}, isDefault: true })).body.id;
    expect((await t.api.get(`/api/v1/main/roles/${a}`)).body.isDefault).toBe(false);
    expect((await t.api.get(`/api/v1/main/roles/${b}`)).body.isDefault).toBe(true);
  });

  test('managed roles exist in every tenant and cannot be changed', async () => {
    const admin = await t.api.get('/api/v1/main/roles/admin_main');
    expect(admin.body).toMatchObject({ id: 'admin_main', name: 'Admin', isManaged: true });
    expect(admin.body.permissions.SERVICE_ACCOUNT).toEqual(['READ', 'CREATE', 'UPDATE', 'DELETE']);
    expect((await t.api.get('/api/v1/main/roles/launcher_main')).status).toBe(200);
    expect((await t.api.put('/api/v1/main/roles/admin_main', { name: 'Admin', permissions: {} })).status).toBe(409);
    expect((await t.api.delete('/api/v1/main/roles/admin_main')).status).toBe(409);
  });

  test('search filters by name with q and pages', async () => {
    const tenant = uniqueName('tenant');
    await t.api.post('/api/v1/tenants', { id: tenant, name: tenant });
    for (const name of ['alpha-reader', 'beta-reader', 'gamma-writer']) {
      await t.api.post(`/api/v1/${tenant}/roles`, { name, permissions: { FLOW: ['READ'] } });
    }
    const readers = await t.api.get(`/api/v1/${tenant}/roles/search?q=READER`);
    expect(readers.body.total).toBe(2);
    expect(readers.body.results.map((r: { name: string }) => r.name)).toEqual(['alpha-reader', 'beta-reader']);
    expect(Object.keys(readers.body.results[0]).sort()).toEqual(['id', 'isDefault', 'isManaged', 'name']);

    const all = await t.api.get(`/api/v1/${tenant}/roles/search?size=3&page=2`);
    expect(all.body.total).toBe(8); // five managed roles plus three
    expect(all.body.results.map((r: { name: string }) => r.name)).toEqual(['Launcher', 'Viewer', 'alpha-reader']);
  });
});

describe('bindings', () => {
  test('a service account binds as USER; the response nests role, user and namespace', async () => {
    const sa = await createServiceAccount(t.api);
    const saName = (await t.api.get(`/api/v1/main/service-accounts/${sa}`)).body.name;
    const created = await t.api.post('/api/v1/main/bindings', { type: 'USER', externalId: sa, roleId: 'launcher_main', namespaceId: 'prod' });
    expect(created.status).toBe(200);
    expect(created.body).toEqual({
      id: expect.any(String),
      type: 'USER',
      namespace: 'prod',
      role: { id: 'launcher_main', name: 'Launcher' },
      user: { id: sa, username: saName, displayName: saName, type: 'SERVICE_ACCOUNT' },
    });
    expect((await t.api.get(`/api/v1/main/bindings/${created.body.id}`)).body).toEqual(created.body);
    expect((await t.api.delete(`/api/v1/main/bindings/${created.body.id}`)).status).toBe(204);
    expect((await t.api.get(`/api/v1/main/bindings/${created.body.id}`)).status).toBe(404);
  });

  test('a group binding nests the group and has no namespace when tenant-wide', async () => {
    const group = (await t.api.post('/api/v1/main/groups', { name: uniqueName('group') })).body;
    const created = await t.api.post('/api/v1/main/bindings', { type: 'GROUP', externalId: group.id, roleId: 'viewer_main', namespaceId: null });
    expect(created.body).toEqual({
      id: expect.any(String),
      type: 'GROUP',
      role: { id: 'viewer_main', name: 'Viewer' },
      group: { id: group.id, name: group.name },
    });
  });

  test('bindings are immutable: there is no update route', async () => {
    const sa = await createServiceAccount(t.api);
    const id = await bind(t.api, { type: 'USER', externalId: sa, roleId: 'viewer_main' });
    expect((await t.api.put(`/api/v1/main/bindings/${id}`, { type: 'USER', externalId: sa, roleId: 'admin_main' })).status).toBe(404);
    expect((await t.api.get(`/api/v1/main/bindings/${id}`)).body.role.id).toBe('viewer_main');
  });

  test.each([
    ['an unknown role', (sa: string) => ({ type: 'USER', externalId: sa, roleId: 'no-role' }), 404],
    ['an unknown user', () => ({ type: 'USER', externalId: 'no-user', roleId: 'viewer_main' }), 404],
    ['an unknown group', () => ({ type: 'GROUP', externalId: 'no-group', roleId: 'viewer_main' }), 404],
    ['an unknown type', (sa: string) => ({ type: 'ROBOT', externalId: sa, roleId: 'viewer_main' }), 422],
    ['a missing roleId', (sa: string) => ({ type: 'USER', externalId: sa }), 422],
    ['an empty namespace', (sa: string) => ({ type: 'USER', externalId: sa, roleId: 'viewer_main', namespaceId: '' }), 422],
  ])('%s is refused', async (_label, body, status) => {
    const sa = await createServiceAccount(t.api);
    const res = await t.api.post('/api/v1/main/bindings', body(sa));
    expect(res.status).toBe(status);
    expect((await t.api.get(`/api/v1/main/bindings/search?id=${sa}`)).body.total).toBe(0);
  });

  test('search filters by type, subject id and namespace, and pages', async () => {
    const tenant = uniqueName('tenant');
    await t.api.post('/api/v1/tenants', { id: tenant, name: tenant });
    const sa = await createServiceAccount(t.api, tenant);
    const group = (await t.api.post(`/api/v1/${tenant}/groups`, { name: 'ops' })).body.id;
    const b1 = await bind(t.api, { type: 'USER', externalId: sa, roleId: `viewer_${tenant}` }, tenant);
    const b2 = await bind(t.api, { type: 'USER', externalId: sa, roleId: `admin_${tenant}`, namespaceId: 'team' }, tenant);
    const b3 = await bind(t.api, { type: 'GROUP', externalId: group, roleId: `viewer_${tenant}` }, tenant);

    const ids = async (query: string) =>
      (await t.api.get(`/api/v1/${tenant}/bindings/search${query}`)).body.results.map((r: { id: string }) => r.id);
    expect(await ids('')).toEqual([b1, b2, b3]);
    expect(await ids('?type=GROUP')).toEqual([b3]);
    expect(await ids(`?id=${sa}`)).toEqual([b1, b2]);
    expect(await ids('?namespace=team')).toEqual([b2]);
    expect(await ids('?q=admin')).toEqual([b2]);
    expect(await ids('?size=2&page=2')).toEqual([b3]);
    expect((await t.api.get(`/api/v1/${tenant}/bindings/search?size=2`)).body.total).toBe(3);
  });

  test('bulk creation is all or nothing', async () => {
    const sa = await createServiceAccount(t.api);
    const ok = await t.api.post('/api/v1/main/bindings/bulk', [
      { type: 'USER', externalId: sa, roleId: 'viewer_main' },
      { type: 'USER', externalId: sa, roleId: 'launcher_main' },
    ]);
    expect(ok.status).toBe(200);
    expect(ok.body.map((b: { role: { id: string } }) => b.role.id)).toEqual(['viewer_main', 'launcher_main']);
    const partial = await t.api.post('/api/v1/main/bindings/bulk', [
      { type: 'USER', externalId: sa, roleId: 'admin_main' },
      { type: 'USER', externalId: sa, roleId: 'missing' },
    ]);
    expect(partial.status).toBe(404);
    expect((await t.api.get(`/api/v1/main/bindings/search?id=${sa}`)).body.total).toBe(2);
  });
});

describe('binding search', () => {
  test('q looks into the role, user and group names; a type of no member is 422', async () => {
    const tenant = uniqueName('bs');
    await t.api.post('/api/v1/tenants', { id: tenant, name: tenant });
    const sa = await createServiceAccount(t.api, tenant, { name: uniqueName('robot') });
    const group = (await t.api.post(`/api/v1/${tenant}/groups`, { name: 'night-shift' })).body.id;
    const byUser = await bind(t.api, { type: 'USER', externalId: sa, roleId: `viewer_${tenant}` }, tenant);
    const byGroup = await bind(t.api, { type: 'GROUP', externalId: group, roleId: `launcher_${tenant}` }, tenant);
    const ids = async (query: string) => (await t.api.get(`/api/v1/${tenant}/bindings/search?${query}`)).body.results.map((r: { id: string }) => r.id);
    expect(await ids('q=robot')).toEqual([byUser]);
    expect(await ids('q=NIGHT')).toEqual([byGroup]);
    expect(await ids('q=launch')).toEqual([byGroup]);
    expect(await ids('sort=type:asc')).toEqual([byGroup, byUser]);
    const bad = await t.api.get(`/api/v1/${tenant}/bindings/search?type=ROBOT`);
    expect(bad.status).toBe(422);
    expect(bad.body.message).toMatch(/^Internal server error: Failed to convert argument \[type\] for value \[ROBOT\]/);
  });

  test('in 2.0, filters on the type and namespace beside the type, id and namespace parameters', async () => {
    const v2 = await startTestEmulator({ kestraVersion: '2.0' });
    try {
      const sa = await createServiceAccount(v2.api);
      const wide = await bind(v2.api, { type: 'USER', externalId: sa, roleId: 'viewer_main' });
      const scoped = await bind(v2.api, { type: 'USER', externalId: sa, roleId: 'viewer_main', namespaceId: 'prod' });
      const ids = async (query: string) => (await v2.api.get(`/api/v1/main/bindings/search?id=${sa}&${query}`)).body.results.map((r: { id: string }) => r.id);
      expect(await ids('')).toEqual([wide, scoped]);
      expect(await ids('filters[namespace][EQUALS]=prod')).toEqual([scoped]);
      expect(await ids('filters[namespace][NOT_EQUALS]=prod')).toEqual([wide]);
      expect(await ids('filters[type][EQUALS]=GROUP')).toEqual([]);
      // 2.0 has no `q` parameter (filters[q] is its free text): a `q` is ignored.
      expect(await ids('q=nothing')).toEqual([wide, scoped]);
      expect(await ids('filters[q][EQUALS]=nothing')).toEqual([]);
    } finally {
      await v2.close();
    }
  });
});

describe('finding roles', () => {
  test('autocomplete answers summaries of the matches of q and of the ids asked for', async () => {
    const tenant = uniqueName('ra');
    await t.api.post('/api/v1/tenants', { id: tenant, name: tenant });
    const deployer = (await t.api.post(`/api/v1/${tenant}/roles`, { name: 'Deployer', permissions: { FLOW: ['READ'] } })).body.id;
    const res = await t.api.post(`/api/v1/${tenant}/roles/autocomplete`, { q: 'deploy', ids: [`viewer_${tenant}`] });
    expect(res.body).toEqual([
      { id: deployer, name: 'Deployer', isDefault: false, isManaged: false },
      { id: `viewer_${tenant}`, name: 'Viewer', isDefault: false, isManaged: true },
    ]);
    const only = await t.api.post(`/api/v1/${tenant}/roles/autocomplete`, { ids: [deployer], existingOnly: true });
    expect(only.body.map((r: { id: string }) => r.id)).toEqual([deployer]);
  });

  test('ids answers the stored roles of the tenant among the ids', async () => {
    const id = (await t.api.post('/api/v1/main/roles', { name: uniqueName('role'), permissions: { FLOW: ['READ'] } })).body;
    const res = await t.api.post('/api/v1/main/roles/ids', { ids: [id.id, 'nope'] });
    expect(res.body).toEqual([{ ...id, deleted: false }]);
    expect((await t.api.post('/api/v1/main/roles/ids', { ids: 'x' })).status).toBe(422);
  });
});
