import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { createSaToken, createServiceAccount, startTestEmulator, uniqueName, type TestEmulator } from './support/emulator.js';

let t: TestEmulator;
beforeAll(async () => {
  t = await startTestEmulator();
});
afterAll(async () => t.close());

const TOKEN_SHAPE = /^[A-Z0-9]{6}[0-9A-Za-z]{42}$/;

describe('service-account tokens (tenant-scoped)', () => {
  test('create returns the secret once; list shows metadata only; delete removes it', async () => {
    const sa = await createServiceAccount(t.api);
    const created = await t.api.post(`/api/v1/main/service-accounts/${sa}/api-tokens`, {
      name: 'deploy',
      description: 'CI deploys',
      maxAge: 'PT1H',
      extended: false,
    });
    expect(created.status).toBe(200);
    expect(Object.keys(created.body).sort()).toEqual(['fullToken', 'id', 'name']);
    expect(created.body.fullToken).toMatch(TOKEN_SHAPE);

    const list = await t.api.get(`/api/v1/main/service-accounts/${sa}/api-tokens`);
    expect(list.status).toBe(200);
    expect(list.body.total).toBe(1);
    const [token] = list.body.results;
    expect(token).toEqual({
      id: created.body.id,
      name: 'deploy',
      description: 'CI deploys',
      prefix: created.body.fullToken.slice(0, 6),
      iat: expect.any(String),
      exp: expect.any(String),
      extended: false,
      expired: false,
    });
    expect(Date.parse(token.exp) - Date.parse(token.iat)).toBe(3_600_000);
    expect(list.text).not.toContain(created.body.fullToken);

    const deleted = await t.api.delete(`/api/v1/main/service-accounts/${sa}/api-tokens/${created.body.id}`);
    expect(deleted.status).toBe(200);
    expect((await t.api.get(`/api/v1/main/service-accounts/${sa}/api-tokens`)).body).toEqual({ results: [], total: 0 });
    expect((await t.api.delete(`/api/v1/main/service-accounts/${sa}/api-tokens/${created.body.id}`)).status).toBe(404);
  });

  test('a token without maxAge never expires and has no exp; description defaults to an empty string', async () => {
    const sa = await createServiceAccount(t.api);
    await t.api.post(`/api/v1/main/service-accounts/${sa}/api-tokens`, { name: 'forever' });
    await t.api.post(`/api/v1/main/service-accounts/${sa}/api-tokens`, { name: 'blank', maxAge: '' });
    const { results } = (await t.api.get(`/api/v1/main/service-accounts/${sa}/api-tokens`)).body;
    for (const token of results) {
      expect(token.exp).toBeUndefined();
      expect(token.expired).toBe(false);
      expect(token.description).toBe('');
    }
  });

  test.each(['1h', 'P1M', 'P1Y', 'P1W', 'PT', 'forever'])('an unparseable maxAge %p is a 422 mapping error', async (maxAge) => {
    const sa = await createServiceAccount(t.api);
    const res = await t.api.post(`/api/v1/main/service-accounts/${sa}/api-tokens`, { name: 'bad-age', maxAge });
    expect(res.status).toBe(422);
    expect(res.body.message).toBe('Invalid json mapping');
    expect(res.body._embedded.errors[0].path).toContain('maxAge');
  });

  test('token names follow the DNS rule', async () => {
    const sa = await createServiceAccount(t.api);
    const bad = await t.api.post(`/api/v1/main/service-accounts/${sa}/api-tokens`, { name: 'Not_Valid' });
    expect(bad.status).toBe(422);
    expect(bad.body._embedded.errors[0].path).toBe('createApiTokensForServiceAccountWithTenant.request.name');
    expect((await t.api.get(`/api/v1/main/service-accounts/${sa}/api-tokens`)).body.total).toBe(0);
  });

  test('a name may repeat: a replacement token lives beside the old one, each with its own id and secret', async () => {
    const sa = await createServiceAccount(t.api);
    const old = await createSaToken(t.api, sa, { name: 'rotating' });
    const replacement = await createSaToken(t.api, sa, { name: 'rotating' });
    expect(replacement.id).not.toBe(old.id);
    expect(replacement.fullToken).not.toBe(old.fullToken);
    expect((await t.api.get(`/api/v1/main/service-accounts/${sa}/api-tokens`)).body.total).toBe(2);
    await t.api.delete(`/api/v1/main/service-accounts/${sa}/api-tokens/${old.id}`);
    expect((await t.api.get('/api/v1/me', { auth: { bearer: old.fullToken } })).status).toBe(401);
    expect((await t.api.get('/api/v1/me', { auth: { bearer: replacement.fullToken } })).status).toBe(200);
  });

  test('a token id of another service account is 404', async () => {
    const a = await createServiceAccount(t.api);
    const b = await createServiceAccount(t.api);
    const token = await createSaToken(t.api, a);
    expect((await t.api.delete(`/api/v1/main/service-accounts/${b}/api-tokens/${token.id}`)).status).toBe(404);
    expect((await t.api.get(`/api/v1/main/service-accounts/${a}/api-tokens`)).body.total).toBe(1);
  });

  test('an unknown service account is 404 on every token route', async () => {
    expect((await t.api.get('/api/v1/main/service-accounts/nope/api-tokens')).status).toBe(404);
    expect((await t.api.post('/api/v1/main/service-accounts/nope/api-tokens', { name: 'x' })).status).toBe(404);
    expect((await t.api.delete('/api/v1/main/service-accounts/nope/api-tokens/nope')).status).toBe(404);
  });
});

describe('service-account tokens (instance-level)', () => {
  test('create, list and delete', async () => {
    const sa = (await t.api.post('/api/v1/service-accounts', { name: uniqueName() })).body.id;
    const created = await t.api.post(`/api/v1/service-accounts/${sa}/api-tokens`, { name: 'ops', maxAge: 'P30D', extended: true });
    expect(created.status).toBe(200);
    const list = await t.api.get(`/api/v1/service-accounts/${sa}/api-tokens`);
    expect(list.body.results[0]).toMatchObject({ id: created.body.id, name: 'ops', extended: true });
    expect((await t.api.delete(`/api/v1/service-accounts/${sa}/api-tokens/${created.body.id}`)).status).toBe(200);
  });
});

describe('user tokens', () => {
  test('create is 201, delete is 204, unknown user is 404', async () => {
    const user = await t.api.post('/api/v1/users', { email: `${uniqueName('u')}@example.com`, password: 'pw-123456' });
    expect(user.status).toBe(201);
    const created = await t.api.post(`/api/v1/users/${user.body.id}/api-tokens`, { name: 'laptop', description: 'd', maxAge: 'PT1H' });
    expect(created.status).toBe(201);
    expect(created.body.fullToken).toMatch(TOKEN_SHAPE);
    const list = await t.api.get(`/api/v1/users/${user.body.id}/api-tokens`);
    expect(list.body.results.map((r: { id: string }) => r.id)).toEqual([created.body.id]);
    const deleted = await t.api.delete(`/api/v1/users/${user.body.id}/api-tokens/${created.body.id}`);
    expect(deleted.status).toBe(204);
    expect(deleted.text).toBe('');
    expect((await t.api.post('/api/v1/users/nobody/api-tokens', { name: 'x' })).status).toBe(404);
    expect((await t.api.get('/api/v1/users/nobody/api-tokens')).status).toBe(404);
    expect((await t.api.delete(`/api/v1/users/${user.body.id}/api-tokens/nothing`)).status).toBe(404);
  });

  test('the caller manages its own tokens through /me', async () => {
    const email = `${uniqueName('me')}@example.com`;
    await t.api.post('/api/v1/users', { email, password: 'secret-pw' });
    const me = t.api.as({ basic: [email, 'secret-pw'] });
    const created = await me.post('/api/v1/me/api-tokens', { name: 'mine' });
    expect(created.status).toBe(200);
    const viaToken = me.as({ bearer: created.body.fullToken });
    expect((await viaToken.get('/api/v1/me')).body.profile.email).toBe(email);
    expect((await viaToken.get('/api/v1/me/api-tokens')).body.results[0].name).toBe('mine');
    expect((await me.delete(`/api/v1/me/api-tokens/${created.body.id}`)).status).toBe(200);
    expect((await viaToken.get('/api/v1/me')).status).toBe(401);
  });
});
