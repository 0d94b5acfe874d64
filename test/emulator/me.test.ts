/** The caller itself: its profile, its password and the tokens a regular user makes for itself. */
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { createSaToken, createServiceAccount, startTestEmulator, uniqueName, type TestEmulator } from './support/emulator.js';

let t: TestEmulator;
beforeAll(async () => {
  t = await startTestEmulator();
});
afterAll(async () => t.close());

const PASSWORD = 'Start-Pa55word';

async function regularUser(extra: Record<string, unknown> = {}): Promise<{ id: string; email: string }> {
  const email = `${uniqueName('me')}@example.com`;
  const res = await t.api.post('/api/v1/users', { email, password: PASSWORD, tenants: ['main'], firstName: 'Ada', lastName: 'Lovelace', ...extra });
  expect(res.status).toBe(201);
  return { id: res.body.id, email };
}

describe('PATCH /api/v1/me', () => {
  test('changes the given details, keeps the others, and the new email is the new login', async () => {
    const { email } = await regularUser();
    const me = t.api.as({ basic: [email, PASSWORD] });
    const renamed = await me.patch('/api/v1/me', { firstName: 'Augusta' });
    expect(renamed.status).toBe(200);
    expect(renamed.body.profile).toEqual({ email, username: email, firstName: 'Augusta', lastName: 'Lovelace' });

    const moved = `${uniqueName('moved')}@example.com`;
    expect((await me.patch('/api/v1/me', { email: moved })).body.profile.email).toBe(moved);
    expect((await me.get('/api/v1/me')).status).toBe(401);
    expect((await t.api.as({ basic: [moved, PASSWORD] }).get('/api/v1/me')).body.profile).toMatchObject({ username: moved, firstName: 'Augusta' });
  });

  test('refuses an email another user has (409, ignoring case) and a blank one (422)', async () => {
    const { email } = await regularUser();
    const other = await regularUser();
    const me = t.api.as({ basic: [email, PASSWORD] });
    expect((await me.patch('/api/v1/me', { email: other.email.toUpperCase() })).status).toBe(409);
    const blank = await me.patch('/api/v1/me', { email: ' ' });
    expect(blank.status).toBe(422);
    expect(blank.body.message).toBe('Invalid entity: patchCurrentUser.request.email: must not be blank');
  });

  test('is refused to a service account and to a restricted user (403)', async () => {
    const sa = await createServiceAccount(t.api);
    const { fullToken } = await createSaToken(t.api, sa);
    expect((await t.api.as({ bearer: fullToken }).patch('/api/v1/me', { firstName: 'x' })).status).toBe(403);
    const { email } = await regularUser({ restricted: true });
    expect((await t.api.as({ basic: [email, PASSWORD] }).patch('/api/v1/me', { firstName: 'x' })).status).toBe(403);
  });
});

describe('PUT /api/v1/me/password', () => {
  test('needs the current password and a new one the policy accepts', async () => {
    const { email } = await regularUser();
    const me = t.api.as({ basic: [email, PASSWORD] });
    const wrong = await me.put('/api/v1/me/password', { oldPassword: 'not-the-one', newPassword: 'Next-Pa55word' });
    expect(wrong.status).toBe(422);
    expect(wrong.body.message).toBe('Illegal argument: The old password is not the current password');
    const short = await me.put('/api/v1/me/password', { oldPassword: PASSWORD, newPassword: 'short' });
    expect(short.status).toBe(422);
    expect(short.body.message).toBe('Invalid entity: updateCurrentUserPassword.request.newPassword: must be at least 8 characters long');
    expect((await me.put('/api/v1/me/password', { oldPassword: PASSWORD })).status).toBe(422);

    expect((await me.put('/api/v1/me/password', { oldPassword: PASSWORD, newPassword: 'Next-Pa55word' })).status).toBe(200);
    expect((await me.get('/api/v1/me')).status).toBe(401);
    expect((await t.api.as({ basic: [email, 'Next-Pa55word'] }).get('/api/v1/me')).status).toBe(200);
  });

  test('a service account has no password to change (403)', async () => {
    const sa = await createServiceAccount(t.api);
    const { fullToken } = await createSaToken(t.api, sa);
    const res = await t.api.as({ bearer: fullToken }).put('/api/v1/me/password', { oldPassword: 'x', newPassword: 'Next-Pa55word' });
    expect(res.status).toBe(403);
  });
});

describe('/api/v1/me/api-tokens for a regular user', () => {
  test('a user who is not a superadmin makes, uses, lists and revokes a token of its own', async () => {
    const { id, email } = await regularUser();
    await t.api.post('/api/v1/main/bindings', { type: 'USER', externalId: id, roleId: 'viewer_main' });
    const me = t.api.as({ basic: [email, PASSWORD] });
    const created = await me.post('/api/v1/me/api-tokens', { name: 'laptop', maxAge: 'P1D' });
    expect(created.status).toBe(200);
    const asToken = t.api.as({ bearer: created.body.fullToken });
    expect((await asToken.get('/api/v1/me')).body.id).toBe(id);
    expect((await asToken.get('/api/v1/main/flows/search')).status).toBe(200);
    expect((await asToken.get('/api/v1/main/roles/search')).status).toBe(403);
    expect((await me.get('/api/v1/me/api-tokens')).body.results.map((r: { id: string }) => r.id)).toEqual([created.body.id]);
    expect((await t.api.get(`/api/v1/users/${id}/api-tokens`)).body.total).toBe(1);
    expect((await me.delete(`/api/v1/me/api-tokens/${created.body.id}`)).status).toBe(200);
    expect((await asToken.get('/api/v1/me')).status).toBe(401);
  });
});
