import { afterEach, describe, expect, it } from '@jest/globals';
import { mockKestra } from './mock-kestra.js';

const ROLE = { id: 'r1', name: 'viewer', permissions: { FLOW: ['READ'] } };

describe('stopping (Terraform StopProvider)', () => {
  let close: () => Promise<void> = async () => {};
  afterEach(() => close());

  it('starts no call once stopped', async () => {
    const stop = new AbortController();
    const k = mockKestra({ stopSignal: stop.signal });
    close = k.close;
    k.reply('GET', '/api/v1/main/roles/r1', 200, ROLE);
    stop.abort();
    await expect(k.client.roles.get('r1')).rejects.toMatchObject({ code: 'KESTRA_STOPPED' });
    expect(k.seen).toHaveLength(0);
  });

  it('cuts a retry backoff short instead of retrying', async () => {
    const stop = new AbortController();
    // A long backoff: without the stop, the call would wait a minute before its second attempt.
    const k = mockKestra({ stopSignal: stop.signal, timeoutMs: 120_000, retry: { baseDelayMs: 60_000, maxDelayMs: 60_000, random: () => 0.5 } });
    close = k.close;
    k.reply('GET', '/api/v1/main/roles/r1', 503, { message: 'Service Unavailable' });
    k.reply('GET', '/api/v1/main/roles/r1', 200, ROLE);
    const call = k.client.roles.get('r1');
    // The client says it is waiting before the second attempt: stop it then.
    await k.logged(/attempt 1 failed \(503\), retrying in \d+ ms/);
    stop.abort();
    await expect(call).rejects.toMatchObject({ code: 'KESTRA_STOPPED' });
    expect(k.seen).toHaveLength(1);
  });

  it('lets a request already sent finish', async () => {
    const stop = new AbortController();
    const k = mockKestra({ stopSignal: stop.signal });
    close = k.close;
    const create = k.hold('POST', '/api/v1/main/roles', 200, ROLE);
    const call = k.client.roles.create({ name: 'viewer', permissions: { FLOW: ['READ'] } });
    // The request has reached the server, which has not answered yet: stop now, then let the answer come.
    await create.arrived;
    stop.abort();
    create.release();
    await expect(call).resolves.toEqual(ROLE);
  });
});
