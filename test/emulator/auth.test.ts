import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { ADMIN, bind, createSaToken, createServiceAccount, startTestEmulator, uniqueName, type TestEmulator } from './support/emulator.js';

let t: TestEmulator;
beforeAll(async () => {
  t = await startTestEmulator();
});
afterAll(async () => t.close());

const UNAUTHORIZED = (href: string) => ({ message: 'Unauthorized', _links: { self: { href, templated: false } } });

async function advanceClock(duration: string): Promise<void> {
  const res = await t.api.post('/__emulator/clock', { advance: duration });
  expect(res.status).toBe(200);
}

describe('rejected credentials are 401 with the Micronaut body', () => {
  test.each([
    ['no Authorization header', 'none' as const],
    ['Basic with an empty user and password (what the official provider sends unconfigured)', { header: 'Basic Og==' }],
    ['a wrong password', { basic: [ADMIN[0], 'wrong'] as [string, string] }],
    ['an unknown user', { basic: ['nobody@example.com', ADMIN[1]] as [string, string] }],
    ['an unknown bearer token', { bearer: 'ABCDEF' + 'x'.repeat(42) }],
    ['a bearer value that is no token at all', { bearer: 'not-a-token' }],
    ['another scheme', { header: 'Digest username="admin"' }],
    ['a bare scheme', { header: 'Bearer' }],
  ])('%s', async (_label, auth) => {
    const res = await t.api.get('/api/v1/me', { auth });
    expect(res.status).toBe(401);
    expect(res.body).toEqual(UNAUTHORIZED('/api/v1/me'));
  });

  test('a service account cannot log in with Basic, whatever the password', async () => {
    const name = uniqueName();
    await t.api.post('/api/v1/main/service-accounts', { name });
    expect((await t.api.get('/api/v1/me', { auth: { basic: [name, ''] } })).status).toBe(401);
  });

  test('an unauthenticated write changes nothing', async () => {
    const name = uniqueName();
    const res = await t.api.post('/api/v1/main/service-accounts', { name }, { auth: 'none' });
    expect(res.status).toBe(401);
    const list = await t.api.get('/api/v1/main/service-accounts?size=1000');
    expect(list.body.results.map((r: { username: string }) => r.username)).not.toContain(name);
  });
});

describe('accepted credentials', () => {
  test('the bootstrap superadmin with Basic', async () => {
    const me = await t.api.get('/api/v1/me');
    expect(me.status).toBe(200);
    expect(me.body).toMatchObject({ superAdmin: true, profile: { username: ADMIN[0] } });
  });

  test('a service-account token, with lastUsed recorded', async () => {
    const sa = await createServiceAccount(t.api);
    const token = await createSaToken(t.api, sa);
    const before = (await t.api.get(`/api/v1/main/service-accounts/${sa}/api-tokens`)).body.results[0];
    expect(before.lastUsed).toBeUndefined();
    const me = await t.api.get('/api/v1/me', { auth: { bearer: token.fullToken } });
    expect(me.status).toBe(200);
    expect(me.body.id).toBe(sa);
    const after = (await t.api.get(`/api/v1/main/service-accounts/${sa}/api-tokens`)).body.results[0];
    expect(Date.parse(after.lastUsed)).toBeGreaterThanOrEqual(Date.parse(after.iat));
  });

  test('the scheme name is case-insensitive', async () => {
    const sa = await createServiceAccount(t.api);
    const token = await createSaToken(t.api, sa);
    expect((await t.api.get('/api/v1/me', { auth: { header: `bearer ${token.fullToken}` } })).status).toBe(200);
  });
});

describe('token lifecycle', () => {
  test('a deleted (revoked) token is refused', async () => {
    const sa = await createServiceAccount(t.api);
    const token = await createSaToken(t.api, sa);
    expect((await t.api.get('/api/v1/me', { auth: { bearer: token.fullToken } })).status).toBe(200);
    await t.api.delete(`/api/v1/main/service-accounts/${sa}/api-tokens/${token.id}`);
    expect((await t.api.get('/api/v1/me', { auth: { bearer: token.fullToken } })).status).toBe(401);
  });

  test('deleting the service account revokes its tokens and removes its bindings', async () => {
    const sa = await createServiceAccount(t.api);
    const token = await createSaToken(t.api, sa);
    const binding = await bind(t.api, { type: 'USER', externalId: sa, roleId: 'viewer_main' });
    await t.api.delete(`/api/v1/main/service-accounts/${sa}`);
    expect((await t.api.get('/api/v1/me', { auth: { bearer: token.fullToken } })).status).toBe(401);
    expect((await t.api.get(`/api/v1/main/bindings/${binding}`)).status).toBe(404);
  });

  test('deleting a user revokes its tokens and removes its bindings', async () => {
    const user = (await t.api.post('/api/v1/users', { email: `${uniqueName('u')}@example.com` })).body.id;
    const token = (await t.api.post(`/api/v1/users/${user}/api-tokens`, { name: 'cli' })).body.fullToken;
    const binding = await bind(t.api, { type: 'USER', externalId: user, roleId: 'viewer_main' });
    expect((await t.api.delete(`/api/v1/users/${user}`)).status).toBe(204);
    expect((await t.api.get('/api/v1/me', { auth: { bearer: token } })).status).toBe(401);
    expect((await t.api.get(`/api/v1/main/bindings/${binding}`)).status).toBe(404);
  });

  test('a token expires maxAge after creation', async () => {
    const sa = await createServiceAccount(t.api);
    const token = await createSaToken(t.api, sa, { maxAge: 'PT1H' });
    await advanceClock('PT59M');
    expect((await t.api.get('/api/v1/me', { auth: { bearer: token.fullToken } })).status).toBe(200);
    await advanceClock('PT2M');
    const res = await t.api.get('/api/v1/me', { auth: { bearer: token.fullToken } });
    expect(res.status).toBe(401);
    expect(res.body).toEqual(UNAUTHORIZED('/api/v1/me'));
    const listed = (await t.api.get(`/api/v1/main/service-accounts/${sa}/api-tokens`)).body.results[0];
    expect(listed.expired).toBe(true);
  });

  test('an extended token stays valid while it is used within maxAge, then expires', async () => {
    const sa = await createServiceAccount(t.api);
    const token = await createSaToken(t.api, sa, { maxAge: 'PT1H', extended: true });
    for (let i = 0; i < 3; i++) {
      await advanceClock('PT50M');
      expect((await t.api.get('/api/v1/me', { auth: { bearer: token.fullToken } })).status).toBe(200);
    }
    const listed = (await t.api.get(`/api/v1/main/service-accounts/${sa}/api-tokens`)).body.results[0];
    expect(Date.parse(listed.exp) - Date.parse(listed.lastUsed)).toBe(3_600_000);
    expect(listed.expired).toBe(false);
    await advanceClock('PT61M');
    expect((await t.api.get('/api/v1/me', { auth: { bearer: token.fullToken } })).status).toBe(401);
  });

  test('a token that is not extended is not renewed by use', async () => {
    const sa = await createServiceAccount(t.api);
    const token = await createSaToken(t.api, sa, { maxAge: 'PT1H' });
    await advanceClock('PT50M');
    expect((await t.api.get('/api/v1/me', { auth: { bearer: token.fullToken } })).status).toBe(200);
    await advanceClock('PT20M');
    expect((await t.api.get('/api/v1/me', { auth: { bearer: token.fullToken } })).status).toBe(401);
  });

  test('a token without maxAge outlives any clock move', async () => {
    const sa = await createServiceAccount(t.api);
    const token = await createSaToken(t.api, sa);
    await advanceClock('P3650D');
    expect((await t.api.get('/api/v1/me', { auth: { bearer: token.fullToken } })).status).toBe(200);
  });
});
