/**
 * The cdktn (CDK Terrain) example end to end: examples/cdktn is compiled with its own tsconfig and synthesized with
 * plain node (no cdktn CLI); the real terraform installs the packaged provider from a filesystem mirror, as the
 * stack's version constraint asks, and applies the stack against the emulator. Terraform launches the provider
 * itself: the stack has two provider configurations (the second authenticated by the ephemeral token), and each
 * gets its own process, as in real use.
 */
import { cpSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { synthesizeExample } from '../support/cdk.js';
import { startTestEmulator, type TestEmulator } from '../support/emulator.js';
import { installFromMirror, packageRelease, PROVIDER_VERSION, type Release } from '../support/release.js';
import { useWorkspaces } from '../support/terraform.js';

const workspace = useWorkspaces();
let emulator: TestEmulator;
let release: Release;

beforeAll(async () => {
  emulator = await startTestEmulator();
  release = await packageRelease();
}, 120_000);
afterAll(async () => {
  await emulator?.close();
  release?.remove();
});

const serviceAccounts = async () =>
  ((await emulator.api.get('/api/v1/main/service-accounts?size=100')).body.results as { username: string }[]).map((a) => a.username);
/** Roles other than the built-in (managed) ones. */
const customRoles = async () =>
  ((await emulator.api.get('/api/v1/main/roles/search?size=100')).body.results as { name: string; isManaged: boolean }[])
    .filter((r) => !r.isManaged)
    .map((r) => r.name)
    .sort();

test('the synthesized cdktn example installs, applies, lets iam-bot act for one run only, plans empty and destroys', async () => {
  const ws = workspace({ env: { KESTRA_URL: emulator.url, KESTRA_USERNAME: emulator.adminUser, KESTRA_PASSWORD: emulator.adminPassword } });
  const synthesized = await synthesizeExample('cdktn', ws.dir);
  const config = JSON.parse(readFileSync(synthesized, 'utf8'));
  expect(config.terraform.required_providers.kestra).toEqual({ source: 'registry.terraform.io/kestra-iam/kestra', version: PROVIDER_VERSION });
  expect(config.terraform.required_version).toBe('>= 1.10');
  // The default provider takes its credentials from KESTRA_*; the aliased one is iam-bot, through the ephemeral token.
  expect(config.provider.kestra).toEqual([{}, { alias: 'iam_bot', api_token: '${ephemeral.kestra_api_token.iam_bot_run.token}' }]);
  expect(Object.keys(config.ephemeral)).toEqual(['kestra_api_token']);
  expect(config.resource.kestra_role.flow_viewer.provider).toBe('kestra.iam_bot');
  expect(config.output.ci_bot_token.sensitive).toBe(true);

  // What `cdktn deploy` does: terraform in a folder holding the stack's JSON.
  cpSync(synthesized, join(ws.dir, 'cdk.tf.json'));
  installFromMirror(ws, release.mirrorDir);
  const init = await ws.expect(['init', '-no-color', '-input=false']);
  expect(init.stdout).toContain(`Installed kestra-iam/kestra v${PROVIDER_VERSION}`);
  const apply = await ws.apply();
  expect(apply.stdout).toContain('ephemeral.kestra_api_token.iam_bot_run: Opening...');
  expect(apply.stdout).toContain('ephemeral.kestra_api_token.iam_bot_run: Closing...');
  await ws.expectEmptyPlans();

  const state = await ws.state();
  expect(Object.keys(state).filter((address) => address.startsWith('ephemeral.'))).toEqual([]);
  const iamBotId = state['kestra_service_account.iam_bot']?.['id'];
  // The role iam-bot created exists, and every token minted for iam-bot's runs is revoked again.
  expect(await serviceAccounts()).toEqual(expect.arrayContaining(['ci-bot', 'iam-bot']));
  expect(await customRoles()).toEqual(['flow-deployer', 'flow-viewer', 'role-admin']);
  expect((await emulator.api.get(`/api/v1/main/service-accounts/${iamBotId}/api-tokens`)).body.results).toEqual([]);

  // ci-bot's token holds exactly its role's permissions.
  const token = await ws.output('ci_bot_token');
  const asCiBot = emulator.api.as({ bearer: token });
  expect((await asCiBot.get('/api/v1/main/flows/search')).status).toBe(200);
  expect((await asCiBot.get('/api/v1/main/service-accounts')).status).toBe(403);

  await ws.destroy();
  expect(await serviceAccounts()).toEqual([]);
  expect(await customRoles()).toEqual([]);
  expect((await asCiBot.get('/api/v1/main/flows/search')).status).toBe(401);
});
