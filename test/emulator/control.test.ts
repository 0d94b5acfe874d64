import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { startTestEmulator, uniqueName, type TestEmulator } from './support/emulator.js';

let t: TestEmulator;
beforeAll(async () => {
  t = await startTestEmulator();
});
afterAll(async () => t.close());

async function addFault(rule: Record<string, unknown>): Promise<void> {
  const res = await t.api.post('/__emulator/faults', rule);
  expect(res.status).toBe(201);
}

describe('fault injection', () => {
  test('the next N matching requests get the status, then service resumes', async () => {
    await addFault({ method: 'GET', path: '^/api/v1/main/roles/search$', count: 2, status: 503 });
    const first = await t.api.get('/api/v1/main/roles/search');
    expect(first.status).toBe(503);
    expect(first.body.message).toBe('Service Unavailable');
    expect((await t.api.get('/api/v1/main/roles/search')).status).toBe(503);
    expect((await t.api.get('/api/v1/main/roles/search')).status).toBe(200);
  });

  test('429 carries Retry-After', async () => {
    await addFault({ path: '^/api/v1/me$', status: 429, retryAfter: 7 });
    const res = await t.api.get('/api/v1/me');
    expect(res.status).toBe(429);
    expect(res.headers['retry-after']).toBe('7');
    expect((await t.api.get('/api/v1/me')).status).toBe(200);
  });

  test('a faulted write is not performed', async () => {
    const name = uniqueName();
    await addFault({ method: 'POST', path: '/service-accounts$', status: 500 });
    expect((await t.api.post('/api/v1/main/service-accounts', { name })).status).toBe(500);
    const list = await t.api.get('/api/v1/main/service-accounts?size=1000');
    expect(list.body.results.map((r: { username: string }) => r.username)).not.toContain(name);
  });

  test('the method filter leaves other methods alone', async () => {
    await addFault({ method: 'DELETE', path: '^/api/v1/main/groups', count: 1, status: 502 });
    expect((await t.api.get('/api/v1/main/groups/search')).status).toBe(200);
    const group = (await t.api.post('/api/v1/main/groups', { name: uniqueName('group') })).body.id;
    expect((await t.api.delete(`/api/v1/main/groups/${group}`)).status).toBe(502);
    expect((await t.api.delete(`/api/v1/main/groups/${group}`)).status).toBe(200);
  });

  test('a dropped connection gets no answer at all', async () => {
    await addFault({ path: '^/api/v1/tenants/main$', drop: true });
    await expect(t.api.get('/api/v1/tenants/main')).rejects.toThrow();
    expect((await t.api.get('/api/v1/tenants/main')).status).toBe(200);
  });

  test('an after-phase fault performs the write, then loses the answer', async () => {
    const name = uniqueName();
    await addFault({ method: 'POST', path: '/service-accounts$', status: 504, phase: 'after' });
    expect((await t.api.post('/api/v1/main/service-accounts', { name })).status).toBe(504);
    const dropped = uniqueName();
    await addFault({ method: 'POST', path: '/service-accounts$', drop: true, phase: 'after' });
    await expect(t.api.post('/api/v1/main/service-accounts', { name: dropped })).rejects.toThrow();
    const list = await t.api.get('/api/v1/main/service-accounts?size=1000');
    expect(list.body.results.map((r: { username: string }) => r.username)).toEqual(expect.arrayContaining([name, dropped]));
  });

  test('a rate hits only about that share of the matching requests', async () => {
    await addFault({ path: '^/api/v1/tenants/main$', status: 503, rate: 0.25, count: 1000 });
    let failed = 0;
    for (let i = 0; i < 200; i++) if ((await t.api.get('/api/v1/tenants/main')).status === 503) failed++;
    await t.api.delete('/__emulator/faults');
    // 200 draws at 25%: far outside 20..80 only with negligible probability.
    expect(failed).toBeGreaterThan(20);
    expect(failed).toBeLessThan(80);
  });

  test('rate and phase are checked', async () => {
    expect((await t.api.post('/__emulator/faults', { path: 'x', status: 503, rate: 1.5 })).status).toBe(400);
    expect((await t.api.post('/__emulator/faults', { path: 'x', status: 503, phase: 'later' })).status).toBe(400);
  });

  test('latency alone delays but lets the request through', async () => {
    await addFault({ path: '^/api/v1/tenants/main$', latencyMs: 50 });
    expect((await t.api.get('/api/v1/tenants/main')).status).toBe(200);
    expect((await t.api.get('/__emulator/faults')).body.faults).toEqual([]);
  });

  test('faults apply before authentication, like a failing proxy', async () => {
    await addFault({ path: '^/api/v1/me$', status: 502 });
    expect((await t.api.get('/api/v1/me', { auth: 'none' })).status).toBe(502);
  });

  test('rules are listed with their remaining count and cleared with DELETE', async () => {
    await addFault({ path: '^/api/v1/users$', count: 5, status: 500 });
    expect((await t.api.get('/api/v1/users')).status).toBe(500);
    const listed = (await t.api.get('/__emulator/faults')).body.faults;
    expect(listed).toEqual([expect.objectContaining({ path: '^/api/v1/users$', remaining: 4, status: 500 })]);
    expect((await t.api.delete('/__emulator/faults')).status).toBe(204);
    expect((await t.api.get('/api/v1/users')).status).toBe(200);
  });

  test.each([
    [{}, 'no path'],
    [{ path: '(' }, 'a broken regular expression'],
    [{ path: 'x', status: 42 }, 'an impossible status'],
    [{ path: 'x', count: 0, status: 500 }, 'a zero count'],
    [{ path: 'x' }, 'no effect'],
  ])('a rule with %j (%s) is refused with 400', async (rule, _label) => {
    expect((await t.api.post('/__emulator/faults', rule)).status).toBe(400);
  });
});

describe('clock control', () => {
  test('set and advance move the emulator clock, which iat follows', async () => {
    const set = await t.api.post('/__emulator/clock', { set: '2030-01-01T00:00:00Z' });
    expect(Date.parse(set.body.now)).toBeGreaterThanOrEqual(Date.parse('2030-01-01T00:00:00Z'));
    const advanced = await t.api.post('/__emulator/clock', { advance: 'P1D' });
    expect(Date.parse(advanced.body.now) - Date.parse('2030-01-02T00:00:00Z')).toBeGreaterThanOrEqual(0);
    expect(Date.parse(advanced.body.now) - Date.parse('2030-01-02T00:00:00Z')).toBeLessThan(60_000);

    const sa = (await t.api.post('/api/v1/main/service-accounts', { name: uniqueName() })).body.id;
    await t.api.post(`/api/v1/main/service-accounts/${sa}/api-tokens`, { name: 'dated' });
    const token = (await t.api.get(`/api/v1/main/service-accounts/${sa}/api-tokens`)).body.results[0];
    expect(token.iat.startsWith('2030-01-02')).toBe(true);
    expect((await t.api.get('/__emulator/clock')).body.now.startsWith('2030-01-02')).toBe(true);
  });

  test('invalid clock requests are 400', async () => {
    expect((await t.api.post('/__emulator/clock', { advance: 'soon' })).status).toBe(400);
    expect((await t.api.post('/__emulator/clock', { set: 'yesterday' })).status).toBe(400);
  });
});

describe('without --enable-control', () => {
  test('the control routes do not exist', async () => {
    const plain = await startTestEmulator({ enableControl: false });
    try {
      const { api } = plain;
      expect((await api.post('/__emulator/faults', { path: '.', status: 500 })).status).toBe(404);
      expect((await api.post('/__emulator/clock', { advance: 'PT1H' })).status).toBe(404);
      expect((await api.get('/api/v1/me')).status).toBe(200);
    } finally {
      await plain.close();
    }
  });
});
