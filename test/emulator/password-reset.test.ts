/** Password reset and the other operations of someone who is not signed in. */
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { startTestEmulator, uniqueName, type TestEmulator } from './support/emulator.js';

let t: TestEmulator;
let v2: TestEmulator;
beforeAll(async () => {
  [t, v2] = await Promise.all([startTestEmulator(), startTestEmulator({ kestraVersion: '2.0' })]);
});
afterAll(async () => Promise.all([t.close(), v2.close()]));

const anonymous = () => t.api.as('none');

async function user(e = t): Promise<string> {
  const address = `${uniqueName('forgetful')}@example.com`;
  expect((await e.api.post('/api/v1/users', { email: address, password: 'Forgotten-Pa55' })).status).toBe(201);
  return address;
}

async function resetToken(address: string, e = t): Promise<string> {
  const mails = (await e.api.get('/__emulator/outbox')).body.mails as Array<{ to: string; link: string }>;
  const link = mails.filter((m) => m.to === address).at(-1)?.link;
  if (!link) throw new Error(`no reset mail to ${address}`);
  return new URL(link).searchParams.get('token')!;
}

describe('a forgotten password (1.3)', () => {
  test('is answered 200 whether the user exists or not, and a mail goes only to one who does', async () => {
    const address = await user();
    const before = (await t.api.get('/__emulator/outbox')).body.mails.length;
    expect((await anonymous().get(`/api/v1/forgotten-password?username=${encodeURIComponent(address)}`)).body).toEqual({});
    expect((await anonymous().get('/api/v1/forgotten-password?username=nobody%40example.com')).body).toEqual({});
    expect((await t.api.get('/__emulator/outbox')).body.mails.length).toBe(before + 1);
    expect((await anonymous().get('/api/v1/forgotten-password')).status).toBe(400);
  });

  test('is reset once with the mailed token; a password the policy refuses leaves the token usable', async () => {
    const address = await user();
    await anonymous().get(`/api/v1/forgotten-password?username=${encodeURIComponent(address)}`);
    const token = await resetToken(address);
    const weak = await anonymous().post('/api/v1/reset-password', { token, password: 'short' });
    expect(weak.status).toBe(422);
    expect(weak.body.message).toBe('Invalid entity: resetPassword.request.password: must be at least 8 characters long');
    expect((await anonymous().post('/api/v1/reset-password', { token, password: 'Remembered-Pa55' })).status).toBe(200);
    expect((await t.api.as({ basic: [address, 'Forgotten-Pa55'] }).get('/api/v1/me')).status).toBe(401);
    expect((await t.api.as({ basic: [address, 'Remembered-Pa55'] }).get('/api/v1/me')).status).toBe(200);
    expect((await anonymous().post('/api/v1/reset-password', { token, password: 'Again-Pa55word' })).status).toBe(404);
  });

  test('a new request replaces the previous token; a token nobody was given is 404', async () => {
    const address = await user();
    await anonymous().get(`/api/v1/forgotten-password?username=${encodeURIComponent(address)}`);
    const first = await resetToken(address);
    await anonymous().get(`/api/v1/forgotten-password?username=${encodeURIComponent(address)}`);
    expect((await anonymous().post('/api/v1/reset-password', { token: first, password: 'Remembered-Pa55' })).status).toBe(404);
    expect((await anonymous().post('/api/v1/reset-password', { token: 'made-up', password: 'Remembered-Pa55' })).status).toBe(404);
  });
});

describe('a forgotten password (2.0)', () => {
  test('is a POST with the username in the body; the token expires after an hour', async () => {
    const address = await user(v2);
    expect((await v2.api.as('none').post('/api/v1/forgotten-password', { username: address })).body).toEqual({});
    const token = await resetToken(address, v2);
    await v2.api.post('/__emulator/clock', { advance: 'PT61M' });
    expect((await v2.api.as('none').post('/api/v1/reset-password', { token, password: 'Remembered-Pa55' })).status).toBe(404);
    expect((await v2.api.as('none').get(`/api/v1/forgotten-password?username=${address}`)).status).toBe(401);
  });

  test('validate-password checks a text/plain password against the policy', async () => {
    const plain = { headers: { 'content-type': 'text/plain' } };
    expect((await v2.api.as('none').call('POST', '/api/v1/validate-password', { rawBody: 'Long-enough-1', ...plain })).status).toBe(200);
    const short = await v2.api.as('none').call('POST', '/api/v1/validate-password', { rawBody: 'short', ...plain });
    expect(short.status).toBe(422);
    expect(short.body.message).toBe('Invalid entity: validatePassword.password: must be at least 8 characters long');
    expect((await v2.api.as('none').post('/api/v1/validate-password', 'Long-enough-1')).status).toBe(415);
  });
});

describe('sign-in methods', () => {
  test('password only, with mails enabled (they go to the outbox); a login code is never sent', async () => {
    expect((await anonymous().get('/api/v1/auths')).body).toEqual({ loginPassword: true, mailsEnabled: true, passwordless: false, oauths: [] });
    const before = (await t.api.get('/__emulator/outbox')).body.mails.length;
    expect((await anonymous().get(`/api/v1/request-code/${encodeURIComponent(await user())}`)).body).toEqual({});
    expect((await t.api.get('/__emulator/outbox')).body.mails.length).toBe(before);
  });
});
