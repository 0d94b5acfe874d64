import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { DEFAULT_ADMIN_PASSWORD, DEFAULT_ADMIN_USER, startEmulator, type RunningEmulator } from '../../../emulator/index.js';
import { KestraClient } from '../../../provider/client/index.js';

describe('the client against the emulator', () => {
  let emulator: RunningEmulator;
  let client: KestraClient;

  beforeAll(async () => {
    emulator = await startEmulator();
    client = new KestraClient({
      url: `${emulator.url}/`,
      tenantId: 'main',
      auth: { kind: 'basic', username: DEFAULT_ADMIN_USER, password: DEFAULT_ADMIN_PASSWORD },
      timeoutMs: 10_000,
    });
  });

  afterAll(async () => {
    await client?.close();
    await emulator?.close();
  });

  it('creates a service account and a token, then deletes both', async () => {
    const account = await client.serviceAccounts.create({ name: 'client-it-bot', description: 'integration' });
    expect(account).toMatchObject({ name: 'client-it-bot', description: 'integration' });
    await expect(client.serviceAccounts.findByName('client-it-bot')).resolves.toEqual([
      expect.objectContaining({ id: account.id, username: 'client-it-bot' }),
    ]);

    const tokens = client.apiTokens.ofServiceAccount(account.id);
    const token = await tokens.create({ name: 'ci', description: 'for CI', maxAge: 'PT1H' });
    expect(token).toEqual({ id: expect.any(String), name: 'ci', fullToken: expect.stringMatching(/^[A-Z0-9]{6}[A-Za-z0-9]{42}$/) });

    const asAccount = new KestraClient({ url: emulator.url, tenantId: 'main', auth: { kind: 'bearer', token: token.fullToken }, timeoutMs: 10_000 });
    await expect(asAccount.users.getMe()).resolves.toMatchObject({ id: account.id });
    await asAccount.close();

    await expect(tokens.list()).resolves.toEqual([expect.objectContaining({ id: token.id, name: 'ci' })]);
    await tokens.delete(token.id);
    await expect(tokens.list()).resolves.toEqual([]);

    await client.serviceAccounts.delete(account.id);
    await expect(client.serviceAccounts.get(account.id)).rejects.toMatchObject({ code: 'KESTRA_NOT_FOUND' });
  });

  it('reports bad credentials as KestraUnauthorizedError', async () => {
    const intruder = new KestraClient({
      url: emulator.url,
      tenantId: 'main',
      auth: { kind: 'basic', username: DEFAULT_ADMIN_USER, password: 'wrong-password' },
      timeoutMs: 10_000,
    });
    await expect(intruder.users.getMe()).rejects.toMatchObject({ code: 'KESTRA_UNAUTHORIZED', status: 401 });
    await intruder.close();
  });
});
