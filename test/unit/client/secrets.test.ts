import { afterEach, describe, expect, it } from '@jest/globals';
import { errors } from 'undici';
import { mockKestra, PASSWORD, rejectionOf, USERNAME, type LogLine } from './mock-kestra.js';

const BASIC = Buffer.from(`${USERNAME}:${PASSWORD}`).toString('base64');
const TOKEN = 'kestra-token-9f8e7d6c5b4a';
const FULL_TOKEN = 'KTOKEN_Zx81-very-secret-value-Qw3';

function everything(error: Error, logs: LogLine[]): string {
  return [error.message, String(error.cause ?? ''), ...logs.map((l) => `${l.msg} ${JSON.stringify(l.fields)}`)].join('\n');
}

describe('secrets stay out of errors and logs', () => {
  let close: () => Promise<void> = async () => {};
  afterEach(() => close());

  it('redacts the password and Basic credentials even when the server echoes them', async () => {
    const k = mockKestra();
    close = k.close;
    const echo = { message: `Unauthorized: bad header "Authorization: Basic ${BASIC}" for password ${PASSWORD}` };
    k.reply('GET', '/api/v1/me', 401, echo);
    const error = await rejectionOf(k.client.users.getMe());
    const text = everything(error, k.logs);
    expect(text).not.toContain(PASSWORD);
    expect(text).not.toContain(BASIC);
    expect(error.message).toContain('Basic [redacted]');
  });

  it('redacts the bearer token from raw error text', async () => {
    const k = mockKestra({ auth: { kind: 'bearer', token: TOKEN } });
    close = k.close;
    k.reply('GET', '/api/v1/main/roles/r1', 500, `<pre>rejected Authorization: Bearer ${TOKEN}</pre>`);
    const error = await rejectionOf(k.client.roles.get('r1'));
    expect(everything(error, k.logs)).not.toContain(TOKEN);
  });

  it('redacts sensitive extra header values', async () => {
    const secret = 'cf-access-secret-123';
    const k = mockKestra({ extraHeaders: { 'CF-Access-Client-Secret': secret, Authorization: `Bearer ${TOKEN}` } });
    close = k.close;
    k.reply('GET', '/api/v1/me', 403, { message: `denied for ${secret} and ${TOKEN}` });
    const error = await rejectionOf(k.client.users.getMe());
    const text = everything(error, k.logs);
    expect(text).not.toContain(secret);
    expect(text).not.toContain(TOKEN);
  });

  it('logs method, path, status and duration only, never headers or bodies', async () => {
    const k = mockKestra();
    close = k.close;
    k.reply('POST', '/api/v1/users', 201, { id: 'u1', email: 'a@b.c' });
    await k.client.users.create({ email: 'a@b.c', password: 'User-Pa55word!' });
    expect(k.logs).toEqual([
      { msg: expect.stringMatching(/^POST \/api\/v1\/users 201 \d+ms$/), fields: { method: 'POST', path: '/api/v1/users', status: 201, duration_ms: expect.any(Number) } },
    ]);
    expect(JSON.stringify(k.logs)).not.toMatch(/Pa55word|a@b\.c|Basic/);
  });

  it('redacts a new user’s password when the server quotes it back', async () => {
    const k = mockKestra();
    close = k.close;
    k.reply('POST', '/api/v1/users', 422, { message: 'Invalid entity: password User-Pa55word! is too weak' });
    const error = await rejectionOf(k.client.users.create({ email: 'a@b.c', password: 'User-Pa55word!' }));
    expect(error.message).not.toContain('User-Pa55word!');
  });

  it('returns a new token to the caller but never logs it', async () => {
    const k = mockKestra();
    close = k.close;
    k.reply('POST', '/api/v1/main/service-accounts/sa1/api-tokens', 200, { id: 't1', name: 'ci', fullToken: FULL_TOKEN });
    const created = await k.client.apiTokens.ofServiceAccount('sa1').create({ name: 'ci', maxAge: 'PT1H' });
    expect(created).toEqual({ id: 't1', name: 'ci', fullToken: FULL_TOKEN });
    expect(JSON.stringify(k.logs)).not.toContain(FULL_TOKEN);
  });

  it('a token created in one operation is redacted from the errors of the client and of every later operation', async () => {
    const k = mockKestra();
    close = k.close;
    k.reply('POST', '/api/v1/main/service-accounts/sa1/api-tokens', 200, { id: 't1', name: 'ci', fullToken: FULL_TOKEN });
    await k.client.operation().apiTokens.ofServiceAccount('sa1').create({ name: 'ci', maxAge: 'PT1H' });
    const quoting = { message: `Forbidden: token ${FULL_TOKEN} may not do this` };
    k.reply('GET', '/api/v1/main/roles/r1', 403, quoting);
    k.reply('GET', '/api/v1/main/roles/r2', 403, quoting);
    const errors = [await rejectionOf(k.client.roles.get('r1')), await rejectionOf(k.client.operation().roles.get('r2'))];
    for (const error of errors) {
      expect(error.message).toContain('Forbidden');
      expect(everything(error, k.logs)).not.toContain(FULL_TOKEN);
    }
  });

  it('never quotes a token-create answer of an unexpected shape', async () => {
    const k = mockKestra();
    close = k.close;
    k.reply('POST', '/api/v1/users/u1/api-tokens', 201, { token: FULL_TOKEN });
    const error = await rejectionOf(k.client.apiTokens.ofUser('u1').create({ name: 'ci' }));
    // The token may exist: the outcome is unknown, and the answer it cannot read is never quoted.
    expect(error).toMatchObject({ code: 'KESTRA_AMBIGUOUS_WRITE', answered: true, cause: { code: 'KESTRA_BAD_RESPONSE', status: 201 } });
    expect(everything(error, k.logs)).not.toContain(FULL_TOKEN);
  });

  it('keeps only the structured message of a failed token creation, never its raw body', async () => {
    const k = mockKestra();
    close = k.close;
    k.reply('POST', '/api/v1/users/u1/api-tokens', 404, { message: 'Not Found: User not found' });
    k.reply('POST', '/api/v1/users/u2/api-tokens', 500, `partial answer ${FULL_TOKEN}`);
    const notFound = await rejectionOf(k.client.apiTokens.ofUser('u1').create({ name: 'ci' }));
    expect(notFound.message).toContain('User not found');
    const broken = await rejectionOf(k.client.apiTokens.ofUser('u2').create({ name: 'ci' }));
    expect(broken).toMatchObject({ code: 'KESTRA_AMBIGUOUS_WRITE', cause: { status: 500, serverMessage: undefined } });
    expect(everything(broken, k.logs)).not.toContain(FULL_TOKEN);
  });

  it('keeps request bodies out of connection errors', async () => {
    const k = mockKestra();
    close = k.close;
    k.pool.intercept({ method: 'POST', path: '/api/v1/users' }).replyWithError(new errors.SocketError('other side closed'));
    const error = await rejectionOf(k.client.users.create({ email: 'a@b.c', password: 'User-Pa55word!' }));
    expect(error).toMatchObject({ code: 'KESTRA_AMBIGUOUS_WRITE' });
    expect(everything(error, k.logs)).not.toMatch(/Pa55word|Basic/);
  });
});
