/**
 * The failures a client must survive, one control-API option each: what the client observes, and what the
 * server did meanwhile. Clients here are plain undici, so damaged answers reach the test as they are.
 */
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { setTimeout as sleep } from 'node:timers/promises';
import { request } from 'undici';
import { ADMIN } from './support/emulator.js';
import { startTestEmulator, uniqueName, type TestEmulator } from './support/emulator.js';

let t: TestEmulator;
beforeAll(async () => {
  t = await startTestEmulator();
});
afterAll(async () => t.close());

const authorization = `Basic ${Buffer.from(`${ADMIN[0]}:${ADMIN[1]}`).toString('base64')}`;
const CREATE = '/api/v1/main/service-accounts';

async function addFault(rule: Record<string, unknown>): Promise<void> {
  const res = await t.api.post('/__emulator/faults', { method: 'POST', path: `^${CREATE}$`, ...rule });
  expect(res.status).toBe(201);
}

function create(name: string, signal?: AbortSignal) {
  return request(`${t.url}${CREATE}`, {
    method: 'POST',
    headers: { authorization, 'content-type': 'application/json' },
    body: JSON.stringify({ name }),
    ...(signal ? { signal } : {}),
  });
}

async function existsOnServer(name: string): Promise<boolean> {
  const list = await t.api.get(`${CREATE}?size=1000`);
  return list.body.results.some((r: { username: string }) => r.username === name);
}

/** Resolves once the emulator has logged a line containing `text` (the log is how the server says what it did). */
async function logged(text: string): Promise<void> {
  while (!t.logLines.some((line) => line.includes(text))) await sleep(5);
}

/** Resolves once `name` exists on the server; the work may finish after its client has gone. */
async function createdOnServer(name: string): Promise<void> {
  while (!(await existsOnServer(name))) await sleep(20);
}

describe('a slow server finishes the work after the client has gone (phase: during)', () => {
  test('the client gives up; the account appears on the server afterwards', async () => {
    const name = uniqueName();
    await addFault({ phase: 'during', latencyMs: 1500 });
    const client = new AbortController();
    const pending = create(name, client.signal);
    await logged(`POST ${CREATE} work held 1500ms`);
    client.abort();
    await expect(pending).rejects.toThrow();
    // Logged once the delay is over, when the server finds the client gone and starts the work anyway.
    await logged(`POST ${CREATE} client left during the injected delay, work done anyway`);
    await createdOnServer(name);
  });

  test('with a status, the work is done slowly and then answered with the error', async () => {
    const name = uniqueName();
    await addFault({ phase: 'during', latencyMs: 50, status: 500 });
    const res = await create(name);
    expect(res.statusCode).toBe(500);
    expect(await res.body.json()).toMatchObject({ message: 'Internal Server Error' });
    expect(await existsOnServer(name)).toBe(true);
  });

  test('in front of the server (phase: before), a request whose client has gone is not processed', async () => {
    const name = uniqueName();
    await addFault({ latencyMs: 1500 });
    const client = new AbortController();
    const pending = create(name, client.signal);
    await logged(`POST ${CREATE} delayed 1500ms`);
    client.abort();
    await expect(pending).rejects.toThrow();
    await logged(`POST ${CREATE} client left during the injected delay, request not processed`);
    expect(await existsOnServer(name)).toBe(false);
  });
});

describe('answers lost or damaged after the work (phase: after)', () => {
  test('5xx after the work: the client sees a server error, the account exists', async () => {
    const name = uniqueName();
    await addFault({ phase: 'after', status: 500 });
    const res = await create(name);
    expect(res.statusCode).toBe(500);
    expect(await res.body.json()).toEqual({ message: 'Internal Server Error', _links: { self: { href: CREATE, templated: false } } });
    expect(await existsOnServer(name)).toBe(true);
  });

  test('a 2xx with a truncated body: a complete answer whose JSON does not parse; the account exists', async () => {
    const name = uniqueName();
    await addFault({ phase: 'after', body: 'truncated' });
    const res = await create(name);
    expect(res.statusCode).toBe(200);
    const text = await res.body.text();
    expect(Number(res.headers['content-length'])).toBe(Buffer.byteLength(text));
    expect(text.startsWith('{"id":')).toBe(true);
    expect(() => JSON.parse(text)).toThrow(SyntaxError);
    expect(await existsOnServer(name)).toBe(true);
  });

  test('a 2xx interrupted mid-body: the headers announce more than arrives, reading fails; the account exists', async () => {
    const name = uniqueName();
    await addFault({ phase: 'after', body: 'interrupted' });
    const res = await create(name);
    expect(res.statusCode).toBe(200);
    expect(Number(res.headers['content-length'])).toBeGreaterThan(0);
    await expect(res.body.text()).rejects.toThrow();
    expect(await existsOnServer(name)).toBe(true);
  });

  test('a 200 without id: the body is valid JSON with every field but id; the account exists', async () => {
    const name = uniqueName();
    await addFault({ phase: 'after', body: 'without-id' });
    const res = await create(name);
    expect(res.statusCode).toBe(200);
    expect(await res.body.json()).toEqual({ name, groups: [], superAdmin: false });
    expect(await existsOnServer(name)).toBe(true);
  });

  test('a damaged body applies to the next matching answer only', async () => {
    await addFault({ phase: 'after', body: 'without-id' });
    await (await create(uniqueName())).body.dump();
    const res = await create(uniqueName());
    expect(await res.body.json()).toHaveProperty('id');
  });

  test('a delay after the work: the client may time out, the work is already done', async () => {
    const name = uniqueName();
    await addFault({ phase: 'after', latencyMs: 2_000 });
    await expect(create(name, AbortSignal.timeout(200))).rejects.toThrow();
    await createdOnServer(name);
  });
});

describe('rules are checked by the control API schema', () => {
  test.each([
    [{ path: 'x', body: 'truncated' }, "body must have required property 'phase'"],
    [{ path: 'x', body: 'truncated', phase: 'before' }, 'body/phase'],
    [{ path: 'x', body: 'truncated', phase: 'after', status: 500 }, 'must NOT be valid'],
    [{ path: 'x', body: 'gzip', phase: 'after' }, 'body/body must be equal to one of the allowed values'],
    [{ path: 'x', phase: 'sometimes', status: 500 }, 'body/phase must be equal to one of the allowed values'],
    [{ path: 'x', status: 500, latency: 10 }, 'must NOT have additional properties'],
    [{ path: 'x', status: '500' }, 'body/status must be integer'],
    [{ path: 'x', latencyMs: 600_001 }, 'body/latencyMs must be <= 600000'],
    [{ path: 'x' }, 'must match a schema in anyOf'],
  ])('%j is 400 (%s)', async (rule, complaint) => {
    const res = await t.api.post('/__emulator/faults', rule);
    expect(res.status).toBe(400);
    expect(res.body.message).toContain(complaint);
  });

  test('an accepted rule is listed as given, with its remaining count', async () => {
    const res = await t.api.post('/__emulator/faults', { path: '^/never$', phase: 'during', latencyMs: 10, body: 'without-id', count: 3 });
    expect(res.status).toBe(201);
    expect(res.body).toEqual({ id: expect.any(Number), path: '^/never$', phase: 'during', latencyMs: 10, body: 'without-id', count: 3, remaining: 3 });
    expect((await t.api.get('/__emulator/faults')).body.faults).toEqual([res.body]);
    expect((await t.api.delete('/__emulator/faults')).status).toBe(204);
  });
});
