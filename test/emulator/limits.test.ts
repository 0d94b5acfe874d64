/**
 * Inputs at and past the limits of what Kestra can hold: durations, ids, nesting, a shared data directory, and
 * fault rules written to make the server work for ever.
 */
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'undici';
import { startEmulator } from '../../emulator/index.js';
import { ADMIN, ApiClient } from './support/emulator.js';
import { removeEntryPoint, spawnEmulator, type EmulatorProcess } from './support/child.js';
import { createSaToken, createServiceAccount, startTestEmulator, uniqueName, type TestEmulator } from './support/emulator.js';

let t: TestEmulator;
let dataRoot: string;
beforeAll(async () => {
  t = await startTestEmulator();
  dataRoot = mkdtempSync(join(tmpdir(), 'kestra-emulator-limits-'));
});
afterAll(async () => {
  await t.close();
  rmSync(dataRoot, { recursive: true, force: true });
  removeEntryPoint();
});

describe('(13) token lifetimes Kestra cannot represent', () => {
  test.each(['P1000000000D', '-P1000000000D', 'P100001D', 'PT8640000001S'])('maxAge %s is refused with 422 and the owner stays listable', async (maxAge) => {
    const sa = await createServiceAccount(t.api);
    const res = await t.api.post(`/api/v1/main/service-accounts/${sa}/api-tokens`, { name: 'forever', maxAge });
    expect(res.status).toBe(422);
    expect(res.body.message).toBe('Invalid entity: createApiTokensForServiceAccountWithTenant.request.maxAge: must not be longer than P100000D');
    expect(res.body._embedded.errors).toEqual([
      { message: 'must not be longer than P100000D', path: 'createApiTokensForServiceAccountWithTenant.request.maxAge' },
    ]);
    const list = await t.api.get(`/api/v1/main/service-accounts/${sa}/api-tokens`);
    expect(list.status).toBe(200);
    expect(list.body.total).toBe(0);
  });

  test('the longest lifetime accepted gives an expiry that is a date-time', async () => {
    const sa = await createServiceAccount(t.api);
    expect((await t.api.post(`/api/v1/main/service-accounts/${sa}/api-tokens`, { name: 'long', maxAge: 'P100000D' })).status).toBe(200);
    const [token] = (await t.api.get(`/api/v1/main/service-accounts/${sa}/api-tokens`)).body.results;
    expect(token.exp).toMatch(/^\d{4}-\d\d-\d\dT/);
    expect(Date.parse(token.exp) - Date.parse(token.iat)).toBe(100_000 * 86_400_000);
  });

  test('every token route applies the bound', async () => {
    const user = (await t.api.post('/api/v1/users', { email: `${uniqueName('u')}@example.com` })).body.id;
    const sa = await createServiceAccount(t.api);
    for (const path of [`/api/v1/service-accounts/${sa}/api-tokens`, `/api/v1/users/${user}/api-tokens`, '/api/v1/me/api-tokens']) {
      expect((await t.api.post(path, { name: 'forever', maxAge: 'P1000000000D' })).status).toBe(422);
    }
  });

  test('a token stored with an expiry beyond any date-time (before the bound existed) still lists', async () => {
    const dir = mkdtempSync(join(dataRoot, 'legacy-'));
    const first = await startTestEmulator({ dataDir: dir });
    const sa = await createServiceAccount(first.api);
    await createSaToken(first.api, sa, { maxAge: 'P1D' });
    await first.close();
    const db = new Database(join(dir, 'kestra-emulator.sqlite'));
    db.prepare('UPDATE api_tokens SET max_age_ms = ?, expires_at = issued_at + ?').run(86_400_000_000_000_000, 86_400_000_000_000_000);
    db.close();

    const again = await startTestEmulator({ dataDir: dir });
    try {
      const list = await again.api.get(`/api/v1/main/service-accounts/${sa}/api-tokens`);
      expect(list.status).toBe(200);
      expect(list.body.results[0]).toMatchObject({ exp: '9999-12-31T23:59:59.999Z', expired: false });
    } finally {
      await again.close();
    }
  });

  test('the control clock cannot be moved where expiries stop being date-times', async () => {
    const before = (await t.api.get('/__emulator/clock')).body.now;
    for (const move of [{ advance: 'P1000000000D' }, { set: '9500-01-01T00:00:00Z' }, { set: '1960-01-01T00:00:00Z' }, { advance: '-P100000D' }]) {
      const res = await t.api.post('/__emulator/clock', move);
      expect(res.status).toBe(400);
      expect(res.body.message).toBe('Bad Request: the clock stays between 1970-01-01T00:00:00Z and 9000-01-01T00:00:00Z');
    }
    expect(Date.parse((await t.api.get('/__emulator/clock')).body.now) - Date.parse(before)).toBeLessThan(60_000);
  });
});

describe('(14) patterns match the whole value', () => {
  test.each(['a/b', 'a b', 'x$(id)', 'ok\n', 'semi;colon', 'aB', '-lead', 'dot.ted', ''])('tenant id %j is refused with 422', async (id) => {
    const res = await t.api.post('/api/v1/tenants', { id, name: 'x' });
    expect(res.status).toBe(422);
    expect(res.body.message).toMatch(/^Invalid entity: create\.tenant\.id: /);
    expect((await t.api.get(`/api/v1/tenants/search?q=${encodeURIComponent(id)}&size=100`)).body.results.map((r: { id: string }) => r.id)).not.toContain(id);
  });

  test('a tenant id the pattern allows is stored', async () => {
    const id = `team_a-${process.pid}`;
    expect((await t.api.post('/api/v1/tenants', { id, name: 'x' })).status).toBe(200);
  });

  test.each(['ci\nbot', 'ci-bot\n', 'a'.repeat(64), 'Ci-bot'])('service-account name %j is refused with 422', async (name) => {
    expect((await t.api.post('/api/v1/main/service-accounts', { name })).status).toBe(422);
  });
});

describe('(14) JSON nesting is limited', () => {
  const nested = (depth: number) => '{"a":'.repeat(depth) + '1' + '}'.repeat(depth);

  test.each([
    ['POST', '/api/v1/tenants', (deep: string) => `{"id":"deep-${process.pid}","name":"x","storageConfiguration":${deep}}`],
    ['POST', '/api/v1/main/service-accounts', (deep: string) => `{"name":"deep","description":${deep}}`],
    ['POST', '/__emulator/faults', (deep: string) => `{"path":"x","status":500,"extra":${deep}}`],
  ])('%s %s with 5000 levels is 400, and nothing is created', async (method, path, body) => {
    const res = await t.api.call(method, path, { rawBody: body(nested(5000)) });
    expect(res.status).toBe(400);
    expect(res.body.message).toBe(
      'Invalid JSON: Document nesting depth (1001) exceeds the maximum allowed (1000, from `StreamReadConstraints.getMaxNestingDepth()`)',
    );
    expect((await t.api.get(`/api/v1/tenants/deep-${process.pid}`)).status).toBe(404);
    expect((await t.api.get('/__emulator/faults')).body.faults).toEqual([]);
  });

  test('1000 levels are accepted, stored and read back', async () => {
    const id = `deep-ok-${process.pid}`;
    const res = await t.api.call('POST', '/api/v1/tenants', { rawBody: `{"id":"${id}","name":"x","storageConfiguration":${nested(999)}}` });
    expect(res.status).toBe(200);
    expect((await t.api.get(`/api/v1/tenants/${id}`)).status).toBe(200);
    expect((await t.api.get('/api/v1/tenants/search?size=1000')).status).toBe(200);
  });

  test('brackets inside strings do not count', async () => {
    const res = await t.api.post('/api/v1/main/service-accounts', { name: uniqueName(), description: '['.repeat(5000) });
    expect(res.status).toBe(200);
  });
});

/** Kills a child emulator and waits until its pipes are closed too, so that nothing of it outlives the test file. */
async function stop(child: EmulatorProcess | undefined): Promise<void> {
  if (!child || child.child.stdout?.closed) return;
  const closed = new Promise((resolve) => child.child.once('close', resolve));
  child.child.kill('SIGKILL');
  await closed;
}

describe('(14) one emulator per data directory', () => {
  let first: EmulatorProcess | undefined;
  afterAll(() => stop(first));

  test('a second emulator on the same --data exits with a clear message and changes nothing', async () => {
    const dir = mkdtempSync(join(dataRoot, 'shared-'));
    first = await spawnEmulator(['--data', dir]);
    const api = new ApiClient(first.url);
    const sa = await createServiceAccount(api);

    const second = spawnEmulator(['--data', dir, '--admin-password', 'hijacked']);
    await expect(second).rejects.toThrow(/exited \(1\).*the data directory .* is in use by another kestra-emulator/s);

    expect((await api.get(`/api/v1/main/service-accounts/${sa}`)).status).toBe(200);
    expect((await api.get('/api/v1/me', { auth: { basic: [ADMIN[0], 'hijacked'] } })).status).toBe(401);
    expect((await api.post('/api/v1/main/service-accounts', { name: uniqueName() })).status).toBe(200);

    await stop(first);
    first = await spawnEmulator(['--data', dir]);
    expect((await new ApiClient(first.url).get(`/api/v1/main/service-accounts/${sa}`)).status).toBe(200);
  });

  test('in one process too: the second start is refused, and the directory is free again once the first closes', async () => {
    const dir = mkdtempSync(join(dataRoot, 'in-process-'));
    const running = await startEmulator({ dataDir: dir });
    await expect(startEmulator({ dataDir: dir })).rejects.toThrow(/is in use by another kestra-emulator/);
    await running.close();
    await (await startEmulator({ dataDir: dir })).close();
  });
});

describe('(14) fault rules cannot make the server backtrack', () => {
  let child: EmulatorProcess | undefined;
  afterAll(() => stop(child));

  test.each(['(a)\\1', 'x(?=y)', 'x(?!y)', '(?<=x)y', 'a{1001}', '('])('%s is refused: it is not RE2', async (path) => {
    const res = await t.api.post('/__emulator/faults', { path, status: 500 });
    expect(res.status).toBe(400);
    expect(res.body.message).toBe('Bad Request: body/path must match format "re2"');
  });

  test('an exponential pattern against an adversarial path answers at once, in a child emulator', async () => {
    child = await spawnEmulator(['--enable-control']);
    // Its own connection, closed at the end, so nothing of it outlives the test.
    const http = new Client(child.url, { headersTimeout: 20_000 });
    try {
      const rule = await http.request({
        method: 'POST',
        path: '/__emulator/faults',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ path: '^/(a+)+$', status: 503, count: 10 }),
      });
      await rule.body.dump();
      expect(rule.statusCode).toBe(201);
      // A backtracking engine needs about 2^40 steps to give up on this path; RE2 needs one pass.
      const adversarial = await http.request({ method: 'GET', path: `/${'a'.repeat(40)}!` });
      await adversarial.body.dump();
      expect(adversarial.statusCode).toBe(401);
      const matching = await http.request({ method: 'GET', path: '/aaaa' });
      await matching.body.dump();
      expect(matching.statusCode).toBe(503);
    } finally {
      await http.close();
    }
  });
});
