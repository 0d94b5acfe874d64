/** The instance-level user operations beyond create, read, replace and delete; and finding a user by email. */
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { bind, startTestEmulator, uniqueName, type TestEmulator } from './support/emulator.js';

let t: TestEmulator;
beforeAll(async () => {
  t = await startTestEmulator();
});
afterAll(async () => t.close());

const PASSWORD = 'Start-Pa55word';

async function user(extra: Record<string, unknown> = {}): Promise<{ id: string; email: string }> {
  const email = `${uniqueName('u')}@example.com`;
  const res = await t.api.post('/api/v1/users', { email, password: PASSWORD, tenants: ['main'], ...extra });
  expect(res.status).toBe(201);
  return { id: res.body.id, email };
}

describe('PATCH /api/v1/users/{id}', () => {
  test('changes the given details and keeps the rest', async () => {
    const { id, email } = await user({ firstName: 'Grace', lastName: 'Hopper' });
    const res = await t.api.patch(`/api/v1/users/${id}`, { lastName: 'Murray' });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ id, username: email, email, firstName: 'Grace', lastName: 'Murray', displayName: 'Grace Murray' });
    expect((await t.api.patch('/api/v1/users/nobody', { lastName: 'x' })).status).toBe(404);
  });
});

describe('PATCH /api/v1/users/{id}/restricted', () => {
  test('makes a demo user (200, no body), which /me reports', async () => {
    const { id, email } = await user();
    const res = await t.api.patch(`/api/v1/users/${id}/restricted`, { restricted: true });
    expect(res.status).toBe(200);
    expect(res.text).toBe('');
    expect((await t.api.as({ basic: [email, PASSWORD] }).get('/api/v1/me')).body.restricted).toBe(true);
    expect((await t.api.patch(`/api/v1/users/${id}/restricted`, {})).status).toBe(422);
  });
});

describe('DELETE /api/v1/users/{id}/auths/{auth}', () => {
  test('removes the password or one token, and the user can no longer sign in with it', async () => {
    const { id, email } = await user();
    const token = (await t.api.post(`/api/v1/users/${id}/api-tokens`, { name: 'cli' })).body;
    const auths = (await t.api.get(`/api/v1/users/${id}`)).body.auths as Array<{ id: string; type: string }>;
    expect(auths.map((a) => a.type)).toEqual(['BasicAuth', 'ApiTokenAuth']);

    const withoutToken = await t.api.delete(`/api/v1/users/${id}/auths/${token.id}`);
    expect(withoutToken.status).toBe(200);
    expect(withoutToken.body.auths.map((a: { type: string }) => a.type)).toEqual(['BasicAuth']);
    expect((await t.api.as({ bearer: token.fullToken }).get('/api/v1/me')).status).toBe(401);

    const password = auths.find((a) => a.type === 'BasicAuth')!.id;
    expect((await t.api.delete(`/api/v1/users/${id}/auths/${password}`)).body.auths).toEqual([]);
    expect((await t.api.as({ basic: [email, PASSWORD] }).get('/api/v1/me')).status).toBe(401);
    expect((await t.api.delete(`/api/v1/users/${id}/auths/${password}`)).status).toBe(404);
  });
});

describe('impersonation and refresh tokens', () => {
  test('are answered for an existing user, 404 for nobody', async () => {
    const { id } = await user();
    expect((await t.api.post(`/api/v1/users/${id}/impersonate`)).status).toBe(200);
    expect((await t.api.post('/api/v1/users/nobody/impersonate')).status).toBe(404);
    expect((await t.api.delete(`/api/v1/users/${id}/refresh-token`)).status).toBe(204);
    expect((await t.api.delete('/api/v1/users/nobody/refresh-token')).status).toBe(404);
  });
});

describe('PUT /api/v1/users/{id}', () => {
  test('keeps tenants and groups it does not list', async () => {
    const group = (await t.api.post('/api/v1/main/groups', { name: uniqueName('group') })).body.id;
    const { id, email } = await user({ groups: [group] });
    const res = await t.api.put(`/api/v1/users/${id}`, { email, firstName: 'Kept' });
    expect(res.body.tenants.map((x: { id: string }) => x.id)).toEqual(['main']);
    expect(res.body.groups).toEqual([{ id: group, tenantId: 'main' }]);
  });

  test('a tenants list that leaves one out revokes it with what the user held there', async () => {
    const other = uniqueName('t');
    await t.api.post('/api/v1/tenants', { id: other, name: other });
    const { id, email } = await user({ tenants: ['main', other] });
    await bind(t.api, { type: 'USER', externalId: id, roleId: `admin_${other}` }, other);
    await bind(t.api, { type: 'USER', externalId: id, roleId: 'viewer_main' });
    const res = await t.api.put(`/api/v1/users/${id}`, { email, tenants: ['main'] });
    expect(res.body.tenants.map((x: { id: string }) => x.id)).toEqual(['main']);
    expect((await t.api.get(`/api/v1/${other}/bindings/search?id=${id}`)).body.total).toBe(0);
    expect((await t.api.get(`/api/v1/main/bindings/search?id=${id}`)).body.total).toBe(1);
  });
});

describe('the password policy', () => {
  test('refuses a password shorter than 8 characters wherever one is set', async () => {
    const email = `${uniqueName('p')}@example.com`;
    const created = await t.api.post('/api/v1/users', { email, password: 'short' });
    expect(created.status).toBe(422);
    expect(created.body.message).toBe('Invalid entity: createUser.request.password: must be at least 8 characters long');
    const { id } = await user();
    expect((await t.api.patch(`/api/v1/users/${id}/password`, { password: '1234567' })).status).toBe(422);
    expect((await t.api.put(`/api/v1/users/${id}`, { email, password: 'x' })).status).toBe(422);
  });
});

describe('finding a user by email with one call', () => {
  test('through q, the 1.3 username filter, ignoring case', async () => {
    const { id, email } = await user();
    for (const query of [`filters[q][EQUALS]=${email}`, `q=${email.toUpperCase()}`, `filters[username][EQUALS]=${email.toUpperCase()}`]) {
      const res = await t.api.get(`/api/v1/users?${query.replace('@', '%40')}`);
      expect(res.body).toMatchObject({ total: 1, results: [{ id, username: email }] });
    }
    expect((await t.api.get(`/api/v1/users?filters[email][EQUALS]=${email}`)).status).toBe(400);
  });

  test('through the 2.0 email filter', async () => {
    const v2 = await startTestEmulator({ kestraVersion: '2.0' });
    try {
      const email = `${uniqueName('v2')}@example.com`;
      const id = (await v2.api.post('/api/v1/users', { email })).body.id;
      const res = await v2.api.get(`/api/v1/users?filters[email][EQUALS]=${encodeURIComponent(email.toUpperCase())}`);
      expect(res.body).toMatchObject({ total: 1, results: [{ id }] });
      expect((await v2.api.get(`/api/v1/users?q=nothing-matches-this`)).body.total).toBeGreaterThan(0);
    } finally {
      await v2.close();
    }
  });
});
