import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { createServiceAccount, startTestEmulator, uniqueName, type TestEmulator } from './support/emulator.js';

let t: TestEmulator;
beforeAll(async () => {
  t = await startTestEmulator();
});
afterAll(async () => t.close());

const NAME_RULE = '^(?=.{1,63}$)[a-z0-9]+(?:-[a-z0-9]+)*$';

describe('tenant-scoped service accounts', () => {
  test('create, read, update and delete with the documented status codes', async () => {
    const name = uniqueName();
    const created = await t.api.post('/api/v1/main/service-accounts', { name, description: 'CI pipeline', superAdmin: false });
    expect(created.status).toBe(200);
    expect(created.body).toEqual({ id: expect.any(String), name, description: 'CI pipeline', groups: [], superAdmin: false });
    expect(created.body.id).toMatch(/^[0-9A-Za-z]{1,22}$/);

    const id = created.body.id;
    const read = await t.api.get(`/api/v1/main/service-accounts/${id}`);
    expect(read.status).toBe(200);
    expect(read.body).toEqual(created.body);

    const updated = await t.api.put(`/api/v1/main/service-accounts/${id}`, { id, name: `${name}-v2`, description: 'renamed' });
    expect(updated.status).toBe(200);
    expect(updated.body).toMatchObject({ id, name: `${name}-v2`, description: 'renamed' });

    const deleted = await t.api.delete(`/api/v1/main/service-accounts/${id}`);
    expect(deleted.status).toBe(200);
    expect(deleted.text).toBe('');
    expect((await t.api.get(`/api/v1/main/service-accounts/${id}`)).status).toBe(404);
    expect((await t.api.get(`/api/v1/service-accounts/${id}`)).status).toBe(404);
  });

  test.each(['MY_SERVICE_ACCOUNT', 'myServiceAccount', 'my-service-account-', '-x', 'a--b', '', 'a'.repeat(64)])(
    'rejects the name %p with 422 and the Micronaut validation body',
    async (name) => {
      const res = await t.api.post('/api/v1/main/service-accounts', { name });
      expect(res.status).toBe(422);
      expect(res.body.message).toBe(`Invalid entity: createServiceAccountForTenant.request.name: must match "${NAME_RULE}"`);
      expect(res.body._links.self.href).toBe('/api/v1/main/service-accounts');
      expect(res.body._embedded.errors).toEqual([{ message: `must match "${NAME_RULE}"`, path: 'createServiceAccountForTenant.request.name' }]);
    },
  );

  test('accepts names at the limits of the rule', async () => {
    for (const name of ['a', `x${'0'.repeat(62)}`, 'my-service-account']) {
      const suffix = name === 'my-service-account' ? `${name}-${process.pid}` : name;
      expect((await t.api.post('/api/v1/main/service-accounts', { name: suffix })).status).toBe(200);
    }
  });

  test('a missing name is a constraint violation', async () => {
    const res = await t.api.post('/api/v1/main/service-accounts', { description: 'no name' });
    expect(res.status).toBe(422);
    expect(res.body._embedded.errors).toEqual([{ message: 'must not be null', path: 'createServiceAccountForTenant.request.name' }]);
  });

  test('a second service account with the same name is refused with 409', async () => {
    const name = uniqueName();
    expect((await t.api.post('/api/v1/main/service-accounts', { name })).status).toBe(200);
    const again = await t.api.post('/api/v1/main/service-accounts', { name });
    expect(again.status).toBe(409);
    expect(again.body.message).toContain(name);
  });

  test('groups are assigned on create and replaced by update', async () => {
    const g1 = (await t.api.post('/api/v1/main/groups', { name: uniqueName('group') })).body.id;
    const g2 = (await t.api.post('/api/v1/main/groups', { name: uniqueName('group') })).body.id;
    const created = await t.api.post('/api/v1/main/service-accounts', { name: uniqueName(), groups: [{ id: g1 }] });
    expect(created.body.groups).toEqual([{ id: g1 }]);
    const id = created.body.id;

    const swapped = await t.api.put(`/api/v1/main/service-accounts/${id}`, { name: created.body.name, groups: [{ id: g2 }] });
    expect(swapped.body.groups).toEqual([{ id: g2 }]);
    const cleared = await t.api.put(`/api/v1/main/service-accounts/${id}`, { name: created.body.name, groups: null });
    expect(cleared.body.groups).toEqual([]);
  });

  test('an unknown group is 404 and creates nothing', async () => {
    const name = uniqueName();
    const res = await t.api.post('/api/v1/main/service-accounts', { name, groups: [{ id: 'no-such-group' }] });
    expect(res.status).toBe(404);
    const list = await t.api.get('/api/v1/main/service-accounts?size=1000');
    expect(list.body.results.map((r: { username: string }) => r.username)).not.toContain(name);
  });

  test('the list pages with page and size and reports the total', async () => {
    const tenant = uniqueName('tenant');
    expect((await t.api.post('/api/v1/tenants', { id: tenant, name: tenant })).status).toBe(200);
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) ids.push(await createServiceAccount(t.api, tenant));

    const first = await t.api.get(`/api/v1/${tenant}/service-accounts?page=1&size=2`);
    const third = await t.api.get(`/api/v1/${tenant}/service-accounts?page=3&size=2`);
    const beyond = await t.api.get(`/api/v1/${tenant}/service-accounts?page=4&size=2`);
    expect(first.body.total).toBe(5);
    expect(first.body.results.map((r: { id: string }) => r.id)).toEqual(ids.slice(0, 2));
    expect(third.body.results.map((r: { id: string }) => r.id)).toEqual(ids.slice(4));
    expect(beyond.body).toEqual({ results: [], total: 5 });
    const defaults = await t.api.get(`/api/v1/${tenant}/service-accounts`);
    expect(defaults.body.results).toHaveLength(5);
  });

  test('a service account of another tenant is not visible through this tenant', async () => {
    const tenant = uniqueName('tenant');
    await t.api.post('/api/v1/tenants', { id: tenant, name: tenant });
    const id = await createServiceAccount(t.api, tenant);
    expect((await t.api.get(`/api/v1/main/service-accounts/${id}`)).status).toBe(404);
    expect((await t.api.delete(`/api/v1/main/service-accounts/${id}`)).status).toBe(404);
    expect((await t.api.get(`/api/v1/${tenant}/service-accounts/${id}`)).status).toBe(200);
  });
});

describe('instance-level service accounts (superadmin)', () => {
  test('create with tenants, get, patch, promote and delete', async () => {
    const name = uniqueName();
    const created = await t.api.post('/api/v1/service-accounts', { name, description: 'ops', tenants: ['main'] });
    expect(created.status).toBe(200);
    expect(created.body).toEqual({ id: expect.any(String), name, description: 'ops', tenants: [{ id: 'main', name: 'main' }], superAdmin: false });
    const id = created.body.id;

    const patched = await t.api.patch(`/api/v1/service-accounts/${id}`, { name: `${name}-b` });
    expect(patched.status).toBe(200);
    expect(patched.body).toMatchObject({ name: `${name}-b`, description: 'ops' });

    const promoted = await t.api.patch(`/api/v1/service-accounts/${id}/superadmin`, { superAdmin: true });
    expect(promoted.status).toBe(200);
    expect((await t.api.get(`/api/v1/service-accounts/${id}`)).body.superAdmin).toBe(true);
    expect((await t.api.get(`/api/v1/main/service-accounts/${id}`)).body.superAdmin).toBe(true);

    const deleted = await t.api.delete(`/api/v1/service-accounts/${id}`);
    expect(deleted.status).toBe(204);
    expect((await t.api.get(`/api/v1/service-accounts/${id}`)).status).toBe(404);
    expect((await t.api.delete(`/api/v1/service-accounts/${id}`)).status).toBe(404);
  });

  test('an unknown tenant is 404', async () => {
    const res = await t.api.post('/api/v1/service-accounts', { name: uniqueName(), tenants: ['nowhere'] });
    expect(res.status).toBe(404);
  });

  test('the superadmin patch requires its flag', async () => {
    const id = (await t.api.post('/api/v1/service-accounts', { name: uniqueName() })).body.id;
    const res = await t.api.patch(`/api/v1/service-accounts/${id}/superadmin`, {});
    expect(res.status).toBe(422);
    expect(res.body._embedded.errors[0]).toEqual({ message: 'must not be null', path: 'patchServiceAccountSuperAdmin.request.superAdmin' });
  });

  test('the 1.3 list filters on q and pages', async () => {
    const marker = uniqueName('marker');
    for (let i = 0; i < 3; i++) await t.api.post('/api/v1/service-accounts', { name: `${marker}-${i}` });
    const page = await t.api.get(`/api/v1/service-accounts?q=${marker}&size=2&page=2`);
    expect(page.status).toBe(200);
    expect(page.body.total).toBe(3);
    expect(page.body.results.map((r: { name: string }) => r.name)).toEqual([`${marker}-2`]);
  });
});
