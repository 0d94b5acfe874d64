import { afterEach, describe, expect, it } from '@jest/globals';
import { errors } from 'undici';
import { KestraAmbiguousWriteError, KestraApiError, KestraConnectionError } from '../../../provider/client/index.js';
import { mockKestra, networkError, rejectionOf } from './mock-kestra.js';

const ROLE = { id: 'r1', name: 'viewer', permissions: { FLOW: ['READ'] } };
const BUSY = { message: 'Service Unavailable' };

describe('retries of idempotent calls', () => {
  let close: () => Promise<void> = async () => {};
  afterEach(() => close());

  it('retries a GET after 503 and returns the later success', async () => {
    const k = mockKestra();
    close = k.close;
    k.reply('GET', '/api/v1/main/roles/r1', 503, BUSY).times(2);
    k.reply('GET', '/api/v1/main/roles/r1', 200, ROLE);
    await expect(k.client.roles.get('r1')).resolves.toEqual(ROLE);
    expect(k.seen).toHaveLength(3);
    expect(k.logs.at(-1)?.fields).toMatchObject({ method: 'GET', status: 200, attempts: 3 });
  });

  it.each([429, 502, 504])('retries a GET after %i', async (status) => {
    const k = mockKestra();
    close = k.close;
    k.reply('GET', '/api/v1/main/roles/r1', status, BUSY);
    k.reply('GET', '/api/v1/main/roles/r1', 200, ROLE);
    await expect(k.client.roles.get('r1')).resolves.toEqual(ROLE);
    expect(k.seen).toHaveLength(2);
  });

  it('waits the Retry-After seconds the server asks for before the next attempt', async () => {
    const events: string[] = [];
    const k = mockKestra({
      logger: { debug: (_msg, fields) => events.push(fields?.delay_ms !== undefined ? `wait ${String(fields.delay_ms)}` : 'done') },
    });
    close = k.close;
    const path = '/api/v1/main/roles/r1';
    k.pool.intercept({ method: 'GET', path }).reply(() => {
      events.push('request 1');
      return { statusCode: 429, data: '{"message":"Too Many Requests"}', responseOptions: { headers: { 'retry-after': '1' } } };
    });
    k.pool.intercept({ method: 'GET', path }).reply(() => {
      events.push('request 2');
      return { statusCode: 200, data: JSON.stringify(ROLE) };
    });
    await expect(k.client.roles.get('r1')).resolves.toEqual(ROLE);
    // The backoff alone would wait about 1 ms; the server's 1 s is what the client chose.
    expect(events).toEqual(['request 1', 'wait 1000', 'request 2', 'done']);
  });

  it('gives up after maxAttempts with the last status', async () => {
    const k = mockKestra({ retry: { maxAttempts: 3, baseDelayMs: 1, maxDelayMs: 2 } });
    close = k.close;
    k.reply('GET', '/api/v1/main/roles/r1', 503, BUSY).times(3);
    const error = await rejectionOf(k.client.roles.get('r1'));
    expect(error).toBeInstanceOf(KestraApiError);
    expect(error).toMatchObject({ status: 503, method: 'GET', path: '/api/v1/main/roles/r1' });
    expect(error.message).toContain('after 3 attempts');
    expect(k.seen).toHaveLength(3);
    expect(k.logs.map((l) => l.fields?.status)).toEqual([503, 503, 503]); // two retries, then the outcome
  });

  it.each([
    ['a socket closed by the peer', () => new errors.SocketError('other side closed')],
    ['ECONNRESET', () => networkError('ECONNRESET', 'read ECONNRESET')],
  ])('retries a GET after %s', async (_case, makeError) => {
    const k = mockKestra();
    close = k.close;
    k.pool.intercept({ method: 'GET', path: '/api/v1/main/roles/r1' }).replyWithError(makeError());
    k.reply('GET', '/api/v1/main/roles/r1', 200, ROLE);
    await expect(k.client.roles.get('r1')).resolves.toEqual(ROLE);
    expect(k.logs[0]?.fields).toMatchObject({ attempt: 1, delay_ms: expect.any(Number) });
  });

  it('reports a connection that keeps dropping as KestraConnectionError', async () => {
    const k = mockKestra({ retry: { maxAttempts: 2, baseDelayMs: 1 } });
    close = k.close;
    k.pool.intercept({ method: 'GET', path: '/api/v1/main/roles/r1' }).replyWithError(new errors.SocketError('closed')).times(2);
    const error = await rejectionOf(k.client.roles.get('r1'));
    expect(error).toBeInstanceOf(KestraConnectionError);
    expect(error).toMatchObject({ networkCode: 'UND_ERR_SOCKET' });
    expect(error.message).toContain('after 2 attempts');
  });

  it('retries PUT, DELETE and the superadmin PATCH', async () => {
    const k = mockKestra();
    close = k.close;
    for (const [method, path] of [
      ['PUT', '/api/v1/main/roles/r1'],
      ['DELETE', '/api/v1/main/roles/r1'],
      ['PATCH', '/api/v1/service-accounts/sa1/superadmin'],
    ] as const) {
      k.reply(method, path, 503, BUSY);
      k.reply(method, path, method === 'PUT' ? 200 : 204, method === 'PUT' ? ROLE : undefined);
    }
    await k.client.roles.update('r1', { name: 'viewer', permissions: { FLOW: ['READ'] } });
    await k.client.roles.delete('r1');
    await k.client.serviceAccounts.setSuperAdmin('sa1', false);
    expect(k.seen.map((r) => r.method)).toEqual(['PUT', 'PUT', 'DELETE', 'DELETE', 'PATCH', 'PATCH']);
    expect(k.seen[1]?.body).toEqual({ name: 'viewer', permissions: { FLOW: ['READ'] } }); // body resent intact
  });

  it('does not retry a 404', async () => {
    const k = mockKestra();
    close = k.close;
    k.reply('GET', '/api/v1/main/roles/r1', 404, { message: 'Not Found' });
    await expect(k.client.roles.get('r1')).rejects.toMatchObject({ code: 'KESTRA_NOT_FOUND' });
    expect(k.seen).toHaveLength(1);
  });
});

describe('creates (POST) are retried only when the server provably did not process them', () => {
  let close: () => Promise<void> = async () => {};
  afterEach(() => close());
  const create = (k: ReturnType<typeof mockKestra>) => k.client.serviceAccounts.create({ name: 'ci-bot' });
  const CREATED = { id: 'sa1', name: 'ci-bot' };

  it.each([429, 503])('sends the create again after %i, which the server answers without processing', async (status) => {
    const k = mockKestra();
    close = k.close;
    k.reply('POST', '/api/v1/main/service-accounts', status, BUSY);
    k.reply('POST', '/api/v1/main/service-accounts', 200, CREATED);
    await expect(create(k)).resolves.toEqual(CREATED);
    expect(k.seen).toHaveLength(2);
  });

  it.each([429, 503])('reports %i as a definite rejection once the attempts are spent', async (status) => {
    const k = mockKestra();
    close = k.close;
    k.reply('POST', '/api/v1/main/service-accounts', status, BUSY).times(6);
    const error = await rejectionOf(create(k));
    expect(error).toBeInstanceOf(KestraApiError);
    expect(error).toMatchObject({ status });
    expect(k.seen).toHaveLength(6);
  });

  it.each([502, 504])('reports %i as an ambiguous write, after one attempt', async (status) => {
    const k = mockKestra();
    close = k.close;
    k.reply('POST', '/api/v1/main/service-accounts', status, '<html>Gateway error</html>');
    const error = await rejectionOf(create(k));
    expect(error).toBeInstanceOf(KestraAmbiguousWriteError);
    expect(error).toMatchObject({ code: 'KESTRA_AMBIGUOUS_WRITE', method: 'POST', path: '/api/v1/main/service-accounts' });
    expect(error.cause).toMatchObject({ status });
    expect(error.message).toContain('look the object up');
    expect(k.seen).toHaveLength(1);
  });

  it('reports a dropped connection as an ambiguous write, after one attempt', async () => {
    const k = mockKestra();
    close = k.close;
    k.pool.intercept({ method: 'POST', path: '/api/v1/main/service-accounts' }).replyWithError(new errors.SocketError('other side closed'));
    k.reply('POST', '/api/v1/main/service-accounts', 200, CREATED);
    const error = await rejectionOf(create(k));
    expect(error).toBeInstanceOf(KestraAmbiguousWriteError);
    expect(error.cause).toBeInstanceOf(KestraConnectionError);
  });

  it('sends the create again after a refused connection: nothing was sent', async () => {
    const k = mockKestra();
    close = k.close;
    k.pool.intercept({ method: 'POST', path: '/api/v1/main/service-accounts' }).replyWithError(networkError('ECONNREFUSED'));
    k.reply('POST', '/api/v1/main/service-accounts', 200, CREATED);
    await expect(create(k)).resolves.toEqual(CREATED);
  });

  it('reports a connection refused on every attempt as a definite failure', async () => {
    const k = mockKestra();
    close = k.close;
    k.pool.intercept({ method: 'POST', path: '/api/v1/main/service-accounts' }).replyWithError(networkError('ECONNREFUSED')).times(6);
    const error = await rejectionOf(create(k));
    expect(error).toBeInstanceOf(KestraConnectionError);
    expect(error).toMatchObject({ networkCode: 'ECONNREFUSED' });
  });

  it('never sends a token creation twice after an ambiguous failure', async () => {
    const k = mockKestra();
    close = k.close;
    k.reply('POST', '/api/v1/main/service-accounts/sa1/api-tokens', 504, BUSY);
    await expect(k.client.apiTokens.ofServiceAccount('sa1').create({ name: 't1' })).rejects.toMatchObject({ code: 'KESTRA_AMBIGUOUS_WRITE' });
    expect(k.seen).toHaveLength(1);
  });
});
