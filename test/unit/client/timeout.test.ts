import { afterEach, describe, expect, it } from '@jest/globals';
import { errors } from 'undici';
import { KestraAmbiguousWriteError, KestraTimeoutError } from '../../../provider/client/index.js';
import { mockKestra, rejectionOf } from './mock-kestra.js';

describe('the whole-call timeout', () => {
  let close: () => Promise<void> = async () => {};
  afterEach(() => close());

  it('fails a GET the server is slow to answer with KestraTimeoutError naming method and path', async () => {
    const k = mockKestra({ timeoutMs: 50 });
    close = k.close;
    k.hold('GET', '/api/v1/main/roles/r1', 200, { id: 'r1' }); // answered only once the test is over
    const error = await rejectionOf(k.client.roles.get('r1'));
    expect(error).toBeInstanceOf(KestraTimeoutError);
    expect(error).toMatchObject({ code: 'KESTRA_TIMEOUT', method: 'GET', path: '/api/v1/main/roles/r1', timeoutMs: 50 });
    expect(error.message).toContain('GET /api/v1/main/roles/r1');
    expect(k.logs.at(-1)?.fields).toMatchObject({ status: 'timeout' });
  });

  it('bounds the retries too: it stops rather than start a backoff that would end past the deadline', async () => {
    // Backoffs are 600 ms each and the call may take 1 s: one retry fits, a second does not.
    const k = mockKestra({ timeoutMs: 1_000, retry: { baseDelayMs: 1_200, maxDelayMs: 1_200, random: () => 0 } });
    close = k.close;
    k.pool.intercept({ method: 'GET', path: '/api/v1/main/roles/r1' }).replyWithError(new errors.SocketError('closed')).times(3);
    const error = await rejectionOf(k.client.roles.get('r1'));
    expect(error).toMatchObject({ code: 'KESTRA_CONNECTION', networkCode: 'UND_ERR_SOCKET' });
    expect(error.message).toContain('after 2 attempts');
  });

  it('does not start a Retry-After wait that would outlast the timeout; the 429 is reported at once', async () => {
    const k = mockKestra({ timeoutMs: 2_000 });
    close = k.close;
    k.reply('GET', '/api/v1/main/roles/r1', 429, { message: 'Too Many Requests' }, { 'retry-after': '30' });
    const error = await rejectionOf(k.client.roles.get('r1'));
    expect(error).toMatchObject({ code: 'KESTRA_API_ERROR', status: 429 });
    expect(k.logs.filter((l) => l.fields?.delay_ms !== undefined)).toEqual([]);
  });

  it('turns a POST timeout into an ambiguous write whose cause is the timeout', async () => {
    const k = mockKestra({ timeoutMs: 50 });
    close = k.close;
    k.hold('POST', '/api/v1/main/bindings', 200, { id: 'b1' }); // answered only once the test is over
    const error = await rejectionOf(k.client.bindings.create({ type: 'USER', externalId: 'sa1', roleId: 'r1' }));
    expect(error).toBeInstanceOf(KestraAmbiguousWriteError);
    expect(error.cause).toBeInstanceOf(KestraTimeoutError);
    expect(k.seen).toHaveLength(1);
  });

  it('an operation’s calls share one timeout: once it has run out, no further call is sent, and a create not sent is not ambiguous', async () => {
    const k = mockKestra({ timeoutMs: 100 });
    close = k.close;
    k.hold('GET', '/api/v1/main/roles/r1', 200, { id: 'r1' }); // answered only once the test is over
    k.reply('GET', '/api/v1/main/roles/r2', 200, { id: 'r2', name: 'b', permissions: {} });
    const operation = k.client.operation();
    const first = await rejectionOf(operation.roles.get('r1'));
    const second = await rejectionOf(operation.roles.get('r2'));
    const create = await rejectionOf(operation.roles.create({ name: 'c', permissions: {} }));
    expect(first).toMatchObject({ code: 'KESTRA_TIMEOUT' });
    expect(second).toMatchObject({ code: 'KESTRA_TIMEOUT', path: '/api/v1/main/roles/r2' });
    expect(create).toMatchObject({ code: 'KESTRA_TIMEOUT', method: 'POST' });
    expect(k.seen.map((r) => r.path)).toEqual(['/api/v1/main/roles/r1']);
    expect(operation.remainingMs()).toBeLessThanOrEqual(0);
    // Outside the operation, a call gets the whole timeout again; so does the next operation.
    await expect(k.client.roles.get('r2')).resolves.toMatchObject({ id: 'r2' });
    k.reply('GET', '/api/v1/main/roles/r2', 200, { id: 'r2', name: 'b', permissions: {} });
    await expect(k.client.operation().roles.get('r2')).resolves.toMatchObject({ id: 'r2' });
    expect(k.client.remainingMs()).toBeGreaterThan(90);
  });
});
