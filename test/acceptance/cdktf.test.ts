/**
 * The CDKTF example end to end: the app in examples/cdktf/ is compiled with its own tsconfig and synthesized with
 * plain node (no cdktf CLI), and the real terraform applies the synthesized cdk.tf.json against the emulator.
 */
import { cpSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { useAcceptance } from '../support/acceptance.js';
import { synthesizeExample } from '../support/cdk.js';

const acceptance = useAcceptance({ credentialsFromEnvironment: true });

const serviceAccountNames = async () =>
  ((await acceptance.emulator.api.get('/api/v1/main/service-accounts?size=100')).body.results as { name?: string; username?: string }[]).map(
    (a) => a.username ?? a.name,
  );

test('the synthesized example applies, plans empty, grants what the role says, and destroys', async () => {
  const ws = acceptance.workspace();
  const synthesized = await synthesizeExample('cdktf', ws.dir);
  const config = JSON.parse(readFileSync(synthesized, 'utf8'));
  expect(config.terraform.required_providers.kestra.source).toBe('registry.terraform.io/kestra-iam/kestra');
  // No credentials in the configuration: the provider takes them from KESTRA_* in its environment.
  expect(config.provider.kestra).toEqual([{}]);
  expect(Object.keys(config.resource).sort()).toEqual(['kestra_api_token', 'kestra_role', 'kestra_role_binding', 'kestra_service_account']);
  expect(config.output.ci_bot_token.sensitive).toBe(true);

  // What `cdktf deploy` does: terraform in a folder holding the stack's JSON (its local state file stays in ws.dir).
  cpSync(synthesized, join(ws.dir, 'cdk.tf.json'));
  await ws.expect(['init', '-no-color']);
  await ws.apply();
  await ws.expectEmptyPlans();

  const state = await ws.state();
  const accountId = state['kestra_service_account.ci_bot']?.['id'];
  expect(typeof accountId).toBe('string');
  expect(await ws.output('service_account_id')).toBe(accountId);
  const account = await acceptance.emulator.api.get(`/api/v1/main/service-accounts/${accountId}`);
  expect(account.status).toBe(200);
  expect(await serviceAccountNames()).toContain('ci-bot');

  // The token is the service account's, with exactly the role's permissions.
  const token = await ws.output('ci_bot_token');
  const asToken = acceptance.emulator.api.as({ bearer: token });
  expect((await asToken.get('/api/v1/main/flows/search')).status).toBe(200);
  expect((await asToken.get('/api/v1/main/service-accounts')).status).toBe(403);

  await ws.destroy();
  expect(await serviceAccountNames()).not.toContain('ci-bot');
  expect((await asToken.get('/api/v1/main/flows/search')).status).toBe(401);
});
