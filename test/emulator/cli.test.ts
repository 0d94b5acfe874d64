import { afterAll, afterEach, describe, expect, test } from '@jest/globals';
import { removeEntryPoint, spawnEmulator, type EmulatorProcess } from './support/child.js';
import { ApiClient, createSaToken, createServiceAccount } from './support/emulator.js';

let running: EmulatorProcess | undefined;
afterEach(() => {
  if (running && running.child.exitCode === null && running.child.signalCode === null) running.child.kill('SIGKILL');
  running = undefined;
});
afterAll(removeEntryPoint);

describe('bin/kestra-emulator', () => {
  test('announces itself with exactly one stdout line, first, and exits cleanly on SIGTERM', async () => {
    running = await spawnEmulator(['--port', '0']);
    expect(running.firstLine).toMatch(/^listening on http:\/\/127\.0\.0\.1:\d+$/);
    expect((await new ApiClient(running.url).get('/api/v1/me')).status).toBe(200);
    running.child.kill('SIGTERM');
    expect(await running.exited).toBe(0);
    expect(running.stdout()).toBe(`${running.firstLine}\n`);
  });

  test('exits cleanly on SIGINT', async () => {
    running = await spawnEmulator([]);
    running.child.kill('SIGINT');
    expect(await running.exited).toBe(0);
  });

  test('logs one line per request to stderr, without credentials, tokens or passwords', async () => {
    const password = 'Sup3r-Secret-Pa55';
    running = await spawnEmulator(['--admin-user', 'root@example.com', '--admin-password', password]);
    const api = new ApiClient(running.url, '1.3', { basic: ['root@example.com', password] });
    const sa = await createServiceAccount(api);
    const token = await createSaToken(api, sa);
    await api.get('/api/v1/me', { auth: { bearer: token.fullToken } });
    await api.get(`/api/v1/main/service-accounts?q=${token.fullToken}`);
    await api.get('/api/v1/me', { auth: { bearer: `${token.fullToken.slice(0, 6)}wrong` } });
    running.child.kill('SIGTERM');
    await running.exited;

    const log = running.stderr();
    expect(log).toMatch(/POST \/api\/v1\/main\/service-accounts 200 /);
    expect(log).toMatch(/GET \/api\/v1\/me 401 /);
    for (const secret of [token.fullToken, token.fullToken.slice(6), password, Buffer.from(`root@example.com:${password}`).toString('base64')]) {
      expect(log).not.toContain(secret);
      expect(running.stdout()).not.toContain(secret);
    }
  });

  test('takes the admin from the environment when no flag is given', async () => {
    running = await spawnEmulator([], { KESTRA_EMULATOR_ADMIN_USER: 'env@example.com', KESTRA_EMULATOR_ADMIN_PASSWORD: 'from-env' });
    const api = new ApiClient(running.url, '1.3', { basic: ['env@example.com', 'from-env'] });
    expect((await api.get('/api/v1/me')).body.superAdmin).toBe(true);
    expect((await api.get('/api/v1/me', { auth: { basic: ['admin@kestra.io', 'Admin1234!'] } })).status).toBe(401);
  });

  test('--kestra-version 2.0 serves the 2.0 role vocabulary and --enable-control the control API', async () => {
    running = await spawnEmulator(['--kestra-version', '2.0', '--enable-control']);
    const api = new ApiClient(running.url, '2.0');
    expect((await api.post('/api/v1/main/roles', { name: 'r', permissions: { FLOW: ['VIEW', 'EXECUTE'] } })).status).toBe(200);
    expect((await api.post('/api/v1/main/roles', { name: 'r', permissions: { FLOW: ['READ'] } })).status).toBe(422);
    expect((await api.get('/__emulator/clock')).status).toBe(200);
  });

  test.each([[['--kestra-version', '3.0']], [['--port', 'eighty']], [['--no-such-flag']]])('refuses %j with exit code 2', async (args) => {
    await expect(spawnEmulator(args)).rejects.toThrow(/exited \(2\)/);
  });
});
