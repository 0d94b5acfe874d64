import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { removeEntryPoint, spawnEmulator, type EmulatorProcess } from './support/child.js';
import { ADMIN, ApiClient, bind, createRole, createSaToken, createServiceAccount, startTestEmulator, uniqueName } from './support/emulator.js';

let dataRoot: string;
beforeAll(() => {
  dataRoot = mkdtempSync(join(tmpdir(), 'kestra-emulator-data-'));
});
afterAll(() => {
  rmSync(dataRoot, { recursive: true, force: true });
  removeEntryPoint();
});

const freshDir = () => mkdtempSync(join(dataRoot, 'd-'));

/** Every file of the data directory (database, WAL, shared memory), concatenated. */
function dataDirBytes(dir: string): Buffer {
  return Buffer.concat(readdirSync(dir).map((f) => readFileSync(join(dir, f))));
}

describe('in-process restart', () => {
  test('state, tokens and bindings survive close and reopen of the same data directory', async () => {
    const dir = freshDir();
    const first = await startTestEmulator({ dataDir: dir });
    const sa = await createServiceAccount(first.api);
    const token = await createSaToken(first.api, sa, { maxAge: 'P1D' });
    const role = await createRole(first.api, { FLOW: ['READ'] });
    await bind(first.api, { type: 'USER', externalId: sa, roleId: role });
    await first.close();

    const second = await startTestEmulator({ dataDir: dir });
    try {
      expect((await second.api.get(`/api/v1/main/service-accounts/${sa}`)).status).toBe(200);
      const client = second.api.as({ bearer: token.fullToken });
      expect((await client.get('/api/v1/main/flows/search')).status).toBe(200);
      expect((await client.get('/api/v1/main/executions/search')).status).toBe(403);
    } finally {
      await second.close();
    }
  });

  test('a data directory created for 1.3 is refused by a 2.0 emulator', async () => {
    const dir = freshDir();
    await (await startTestEmulator({ dataDir: dir })).close();
    await expect(startTestEmulator({ dataDir: dir, kestraVersion: '2.0' })).rejects.toThrow(/Kestra 1\.3/);
  });

  test('a changed admin password takes effect on restart', async () => {
    const dir = freshDir();
    await (await startTestEmulator({ dataDir: dir })).close();
    const again = await startTestEmulator({ dataDir: dir, adminPassword: 'another-one' });
    try {
      expect((await again.api.get('/api/v1/me', { auth: { basic: ADMIN } })).status).toBe(401);
      expect((await again.api.get('/api/v1/me', { auth: { basic: ['admin@kestra.io', 'another-one'] } })).status).toBe(200);
    } finally {
      await again.close();
    }
  });
});

describe('child process killed with SIGKILL', () => {
  let running: EmulatorProcess | undefined;
  afterAll(() => {
    running?.child.kill('SIGKILL');
  });

  test('every acknowledged write survives kill -9 and restart; the full token is on disk nowhere', async () => {
    const dir = freshDir();
    running = await spawnEmulator(['--data', dir]);
    let api = new ApiClient(running.url);

    const saIds: string[] = [];
    for (let i = 0; i < 20; i++) saIds.push(await createServiceAccount(api));
    const token = await createSaToken(api, saIds[0]!, { maxAge: 'PT12H', extended: true });
    const group = (await api.post('/api/v1/main/groups', { name: uniqueName('group'), membersId: [saIds[1]] })).body.id;
    const role = await createRole(api, { SERVICE_ACCOUNT: ['READ'] });
    const binding = await bind(api, { type: 'USER', externalId: saIds[0]!, roleId: role });
    expect((await api.delete(`/api/v1/main/service-accounts/${saIds[19]}`)).status).toBe(200);
    // The last acknowledged write before the kill: a use of the token, which records lastUsed.
    expect((await api.get('/api/v1/main/service-accounts', { auth: { bearer: token.fullToken } })).status).toBe(200);
    const lastUsed = (await api.get(`/api/v1/main/service-accounts/${saIds[0]}/api-tokens`)).body.results[0].lastUsed;

    running.child.kill('SIGKILL');
    expect(await running.exited).toBe('SIGKILL');

    const bytes = dataDirBytes(dir);
    expect(bytes.includes(Buffer.from(token.fullToken))).toBe(false);
    expect(bytes.includes(Buffer.from(token.fullToken.slice(6)))).toBe(false);

    running = await spawnEmulator(['--data', dir]);
    api = new ApiClient(running.url);
    const listed = await api.get('/api/v1/main/service-accounts?size=100');
    expect(listed.body.results.map((r: { id: string }) => r.id)).toEqual(saIds.slice(0, 19));
    expect((await api.get(`/api/v1/main/groups/${group}/members`)).body.results.map((m: { id: string }) => m.id)).toEqual([saIds[1]]);
    expect((await api.get(`/api/v1/main/bindings/${binding}`)).status).toBe(200);
    const tokens = (await api.get(`/api/v1/main/service-accounts/${saIds[0]}/api-tokens`)).body.results;
    expect(tokens[0].lastUsed).toBe(lastUsed);
    expect((await api.get('/api/v1/main/service-accounts', { auth: { bearer: token.fullToken } })).status).toBe(200);

    running.child.kill('SIGTERM');
    expect(await running.exited).toBe(0);
    running = undefined;
  });
});
