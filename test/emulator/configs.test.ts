import { afterAll, expect, test } from '@jest/globals';
import { createSaToken, createServiceAccount, startTestEmulator, type TestEmulator } from './support/emulator.js';

const started: TestEmulator[] = [];
afterAll(async () => Promise.all(started.map((e) => e.close())));

test.each([
  ['1.3', '1.3.26'],
  ['2.0', '2.0.0'],
] as const)('GET /api/v1/configs on a %s emulator reports version %s to any authenticated caller', async (kestraVersion, version) => {
  const t = await startTestEmulator({ kestraVersion });
  started.push(t);
  expect((await t.api.get('/api/v1/configs')).body).toEqual({ version, edition: 'EE' });

  // A service account without any binding may read it too; nobody unauthenticated may.
  const token = await createSaToken(t.api, await createServiceAccount(t.api), { maxAge: 'PT1H' });
  expect((await t.api.get('/api/v1/configs', { auth: { bearer: token.fullToken } })).body.version).toBe(version);
  expect((await t.api.get('/api/v1/configs', { auth: 'none' })).status).toBe(401);
});
