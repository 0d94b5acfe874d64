/** Groups beyond create, read, update and delete: finding them, a member's groups, and leaving a group. */
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { bind, createRole, createSaToken, createServiceAccount, startTestEmulator, uniqueName, type TestEmulator } from './support/emulator.js';

let t: TestEmulator;
beforeAll(async () => {
  t = await startTestEmulator();
});
afterAll(async () => t.close());

const group = async (name = uniqueName('group'), tenant = 'main'): Promise<{ id: string; name: string }> =>
  (await t.api.post(`/api/v1/${tenant}/groups`, { name, description: 'd' })).body;

describe('finding groups', () => {
  test('autocomplete: the matches of q, the ids asked for, only those with existingOnly', async () => {
    const stem = uniqueName('auto');
    const a = await group(`${stem}-ops`);
    const b = await group(`${stem}-dev`);
    const ids = async (body: object) => (await t.api.post('/api/v1/main/groups/autocomplete', body)).body.map((g: { id: string }) => g.id);
    expect(await ids({ q: `${stem}-op` })).toEqual([a.id]);
    expect(await ids({ q: `${stem}-op`, ids: [b.id] })).toEqual([a.id, b.id]);
    expect(await ids({ ids: [b.id, 'nope'], existingOnly: true })).toEqual([b.id]);
    expect((await t.api.post('/api/v1/main/groups/autocomplete', { q: `${stem}-op` })).body).toEqual([{ id: a.id, name: a.name }]);
  });

  test('ids: the groups of the tenant among the ids, others left out', async () => {
    const a = await group();
    const other = uniqueName('t');
    await t.api.post('/api/v1/tenants', { id: other, name: other });
    const elsewhere = await group(uniqueName('group'), other);
    const res = await t.api.post('/api/v1/main/groups/ids', { ids: [a.id, elsewhere.id, 'nope'] });
    expect(res.body).toEqual([{ id: a.id, name: a.name }]);
  });

  test('search by name with one call in 2.0, where summaries carry the description', async () => {
    const v2 = await startTestEmulator({ kestraVersion: '2.0' });
    try {
      const name = uniqueName('v2group');
      const id = (await v2.api.post('/api/v1/main/groups', { name, description: 'on call' })).body.id;
      await v2.api.post('/api/v1/main/groups', { name: `${name}-other` });
      const res = await v2.api.get(`/api/v1/main/groups/search?filters[name][EQUALS]=${name}`);
      expect(res.body).toEqual({ results: [{ id, name, description: 'on call' }], total: 1 });
    } finally {
      await v2.close();
    }
  });
});

describe('members', () => {
  test('list filtered by q and username', async () => {
    const g = await group();
    const a = await createServiceAccount(t.api, 'main', { name: uniqueName('apple') });
    const b = await createServiceAccount(t.api, 'main', { name: uniqueName('berry') });
    for (const m of [a, b]) await t.api.put(`/api/v1/main/groups/${g.id}/members/${m}`);
    const ids = async (query: string) => (await t.api.get(`/api/v1/main/groups/${g.id}/members?${query}`)).body.results.map((r: { id: string }) => r.id);
    expect(await ids('')).toEqual([a, b]);
    expect(await ids('q=berry')).toEqual([b]);
    expect(await ids('filters[username][STARTS_WITH]=apple')).toEqual([a]);
  });

  test('leaving the last group of a tenant revokes access to it, unless the account holds a binding there', async () => {
    const other = uniqueName('t');
    await t.api.post('/api/v1/tenants', { id: other, name: other });
    const g = await group(uniqueName('group'), other);
    const loner = await createServiceAccount(t.api);
    const bound = await createServiceAccount(t.api);
    await bind(t.api, { type: 'USER', externalId: bound, roleId: `viewer_${other}` }, other);
    for (const m of [loner, bound]) expect((await t.api.put(`/api/v1/${other}/groups/${g.id}/members/${m}`)).status).toBe(200);
    const tenantsOf = async (sa: string) => (await t.api.get(`/api/v1/service-accounts/${sa}`)).body.tenants.map((x: { id: string }) => x.id);
    expect(await tenantsOf(loner)).toEqual(['main', other]);
    for (const m of [loner, bound]) expect((await t.api.delete(`/api/v1/${other}/groups/${g.id}/members/${m}`)).status).toBe(200);
    expect(await tenantsOf(loner)).toEqual(['main']);
    expect(await tenantsOf(bound)).toEqual(['main', other]);
  });
});

describe('PUT /api/v1/{tenant}/users/{id}/groups', () => {
  test('makes the account’s groups in the tenant exactly these (204) and leaves other tenants alone', async () => {
    const other = uniqueName('t');
    await t.api.post('/api/v1/tenants', { id: other, name: other });
    const [a, b] = [await group(), await group()];
    const elsewhere = await group(uniqueName('group'), other);
    const email = `${uniqueName('u')}@example.com`;
    const user = (await t.api.post('/api/v1/users', { email, groups: [a.id, elsewhere.id] })).body.id;
    const res = await t.api.put(`/api/v1/main/users/${user}/groups`, { groupIds: [b.id] });
    expect(res.status).toBe(204);
    expect((await t.api.get(`/api/v1/users/${user}`)).body.groups).toEqual([
      { id: b.id, tenantId: 'main' },
      { id: elsewhere.id, tenantId: other },
    ]);
    expect((await t.api.put(`/api/v1/main/users/${user}/groups`, { groupIds: [elsewhere.id] })).status).toBe(404);
    expect((await t.api.put('/api/v1/main/users/nobody/groups', { groupIds: [] })).status).toBe(404);
  });

  test('a tenant admin cannot put an account into a group granting more than it holds (403)', async () => {
    const powerful = await group();
    await bind(t.api, { type: 'GROUP', externalId: powerful.id, roleId: 'admin_main' });
    const role = await createRole(t.api, { GROUP: ['READ', 'UPDATE'], GROUP_MEMBERSHIP: ['READ', 'CREATE', 'UPDATE', 'DELETE'] });
    const manager = await createServiceAccount(t.api);
    await bind(t.api, { type: 'USER', externalId: manager, roleId: role });
    const client = t.api.as({ bearer: (await createSaToken(t.api, manager)).fullToken });
    const target = await createServiceAccount(t.api);
    const res = await client.put(`/api/v1/main/users/${target}/groups`, { groupIds: [powerful.id] });
    expect(res.status).toBe(403);
    expect((await t.api.get(`/api/v1/main/service-accounts/${target}`)).body.groups).toEqual([]);
    const harmless = await group();
    expect((await client.put(`/api/v1/main/users/${target}/groups`, { groupIds: [harmless.id] })).status).toBe(204);
  });
});
