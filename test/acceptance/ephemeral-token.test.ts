/**
 * The ephemeral token example: the token authenticates a second, aliased provider for one run, creates a role
 * as the service account, appears in neither plan nor state, and is revoked once the run ends. Terraform
 * launches the provider itself: each provider block then gets its own process, as in real use (a reattached
 * debug process would receive both configurations).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { startTestEmulator, type TestEmulator } from '../support/emulator.js';
import { REPO_ROOT } from '../support/paths.js';
import { useWorkspaces } from '../support/terraform.js';

const workspace = useWorkspaces();
let emulator: TestEmulator;

beforeAll(async () => {
  emulator = await startTestEmulator();
});
afterAll(async () => {
  await emulator?.close();
});

const EXAMPLE = join(REPO_ROOT, 'examples', 'ephemeral-resources', 'kestra_api_token', 'ephemeral-resource.tf');

test('examples/ephemeral-resources/kestra_api_token: the token acts for one run and is revoked, never stored', async () => {
  // What the example expects to exist already: the service account, bound to a role that may manage roles.
  const setup = workspace();
  const ws = workspace({
    env: { KESTRA_URL: emulator.url, KESTRA_USERNAME: emulator.adminUser, KESTRA_PASSWORD: emulator.adminPassword },
  });
  setup.writeConfig(`${emulator.providerBlock()}
resource "kestra_service_account" "iam_bot" {
  name = "iam-bot"
}
resource "kestra_role" "role_admin" {
  name        = "role-admin"
  permissions = { ROLE = ["READ", "CREATE", "UPDATE", "DELETE"], FLOW = ["READ"] }
}
resource "kestra_role_binding" "iam_bot" {
  role_id            = kestra_role.role_admin.id
  service_account_id = kestra_service_account.iam_bot.id
}
`);
  await setup.apply();
  const botId = (await setup.state())['kestra_service_account.iam_bot']!.id as string;

  ws.writeConfig(readFileSync(EXAMPLE, 'utf8'));
  const apply = await ws.apply();
  expect(apply.stdout).toContain('ephemeral.kestra_api_token.iam_bot: Opening...');
  expect(apply.stdout).toContain('ephemeral.kestra_api_token.iam_bot: Closing...');
  const role = (await ws.state())['kestra_role.made_by_iam_bot']!;
  expect((await emulator.api.get(`/api/v1/main/roles/${role.id}`)).body).toMatchObject({ name: 'flow-viewer' });

  // Every minted token was revoked when the run ended, and none of them reached the state.
  expect((await emulator.api.get(`/api/v1/main/service-accounts/${botId}/api-tokens`)).body.results).toEqual([]);
  const { stdout: rawState } = await ws.expect(['state', 'pull']);
  const stored = (JSON.parse(rawState) as { resources: { mode: string; type: string }[] }).resources;
  expect(stored.map((r) => `${r.mode}.${r.type}`).sort()).toEqual(['data.kestra_service_account', 'managed.kestra_role']);
  await ws.expectEmptyPlans();
  await ws.destroy();
  expect((await emulator.api.get(`/api/v1/main/roles/${role.id}`)).status).toBe(404);
  expect((await emulator.api.get(`/api/v1/main/service-accounts/${botId}/api-tokens`)).body.results).toEqual([]);
  await setup.destroy();
});
