/**
 * The quickstart workflow with the real terraform: the token in state authenticates and can do exactly what
 * its role grants; changing keepers rotates it; destroy revokes every token.
 */
import { cpSync } from 'node:fs';
import { join } from 'node:path';
import { useAcceptance } from '../support/acceptance.js';
import { REPO_ROOT } from '../support/paths.js';

const acceptance = useAcceptance({ credentialsFromEnvironment: true });

const statusWith = async (token: string, path: string) => (await acceptance.emulator.api.get(path, { auth: { bearer: token } })).status;

test('quickstart: the token does exactly what the role grants, rotates with keepers, and dies with destroy', async () => {
  const ws = acceptance.workspace();
  cpSync(join(REPO_ROOT, 'examples', 'quickstart'), ws.dir, { recursive: true });
  await ws.apply();
  await ws.expectEmptyPlans();
  const first = await ws.output('ci_bot_token');
  expect(first.length).toBeGreaterThan(20);

  // Granted by the role: flows and executions.
  expect(await statusWith(first, '/api/v1/main/flows/search')).toBe(200);
  expect(await statusWith(first, '/api/v1/main/executions/search')).toBe(200);
  // Not granted: IAM objects.
  expect(await statusWith(first, '/api/v1/main/service-accounts')).toBe(403);
  expect(await statusWith(first, '/api/v1/main/roles/search')).toBe(403);

  // A new keepers value issues a new token (created before the old one is destroyed) and revokes the old one.
  const rotation = await ws.apply(['-var', 'token_rotation=2']);
  const created = rotation.stdout.indexOf('kestra_api_token.ci_bot: Creation complete');
  const oldDestroyed = rotation.stdout.search(/kestra_api_token\.ci_bot \(deposed object \w+\): Destroying/);
  expect(created).toBeGreaterThan(-1);
  expect(oldDestroyed).toBeGreaterThan(created);
  const second = await ws.output('ci_bot_token');
  expect(second).not.toBe(first);
  expect(await statusWith(first, '/api/v1/main/flows/search')).toBe(401);
  expect(await statusWith(second, '/api/v1/main/flows/search')).toBe(200);

  await ws.expect(['destroy', '-auto-approve', '-no-color', '-var', 'token_rotation=2']);
  expect(await statusWith(second, '/api/v1/main/flows/search')).toBe(401);
  const accounts = (await acceptance.emulator.api.get('/api/v1/main/service-accounts?size=100')).body.results as { username: string }[];
  expect(accounts.map((a) => a.username)).not.toContain('ci-bot');
});
