/**
 * docs/guides/token-rotation.md, as written (examples/guides/token-rotation): the CI token is replaced before it
 * expires (rotate_before: the emulator's clock puts the first apply 24 days back) and on demand (keepers), each time issued
 * before the old one is revoked (create_before_destroy); the ephemeral token lets iam-bot act for one run and is
 * revoked when the run ends. Terraform launches the provider itself: the configuration has two provider
 * configurations, and each gets its own process, as in real use.
 */
import { cpSync } from 'node:fs';
import { join } from 'node:path';
import { startTestEmulator, type TestEmulator } from '../support/emulator.js';
import { REPO_ROOT } from '../support/paths.js';
import { useWorkspaces, type TerraformWorkspace } from '../support/terraform.js';

const GUIDE = join(REPO_ROOT, 'examples', 'guides', 'token-rotation');
const TOKEN = 'kestra_api_token.ci';

const workspace = useWorkspaces();
let emulator: TestEmulator;

beforeAll(async () => {
  emulator = await startTestEmulator();
});
afterAll(async () => {
  await emulator?.close();
});

const meStatus = async (token: string) => (await emulator.api.get('/api/v1/me', { auth: { bearer: token } })).status;

/** The planned actions of `address` (["create", "delete"] is create_before_destroy), from `plan -out` and `show -json`. */
async function plannedActions(ws: TerraformWorkspace, address: string): Promise<string[]> {
  await ws.expect(['plan', '-no-color', '-out=rotation.tfplan']);
  const plan = JSON.parse((await ws.expect(['show', '-json', '-no-color', 'rotation.tfplan'])).stdout) as {
    resource_changes: { address: string; change: { actions: string[] } }[];
  };
  return plan.resource_changes.find((change) => change.address === address)?.change.actions ?? [];
}

/** Applies and returns the token output, checking that the new token was issued before the old one was revoked. */
async function applyRotation(ws: TerraformWorkspace, accountId: string): Promise<string> {
  const before = emulator.logLines.length;
  await ws.apply();
  const calls = emulator.logLines.slice(before);
  const ciTokenCall = (method: string) =>
    calls.findIndex((line) => line.startsWith(`${method} /api/v1/main/service-accounts/${accountId}/api-tokens`) && / 20\d /.test(line));
  expect(ciTokenCall('POST')).toBeGreaterThanOrEqual(0);
  expect(ciTokenCall('DELETE')).toBeGreaterThan(ciTokenCall('POST'));
  return ws.output('ci_token');
}

const DAY_MS = 24 * 3600 * 1000;

test('the CI token rotates before expiry and on demand with no gap, and the run token never outlives its run', async () => {
  const ws = workspace({ env: { KESTRA_URL: emulator.url, KESTRA_USERNAME: emulator.adminUser, KESTRA_PASSWORD: emulator.adminPassword } });
  cpSync(GUIDE, ws.dir, { recursive: true });

  // The first apply happened 24 days ago (the emulator's clock, which the provider does not share): the 30-day
  // token has 6 days left today.
  await emulator.api.post('/__emulator/clock', { set: new Date(Date.now() - 24 * DAY_MS).toISOString() });
  const apply = await ws.apply();
  expect(apply.stdout).toContain('ephemeral.kestra_api_token.iam_bot: Closing...');
  const state = await ws.state();
  const ciAccountId = state['kestra_service_account.ci']!['id'] as string;
  const iamBotId = state['kestra_service_account.iam_bot']!['id'] as string;
  // The role iam-bot made exists; no token of iam-bot does, and none is in the state.
  expect(state['kestra_role.flow_viewer']).toMatchObject({ name: 'flow-viewer' });
  expect((await emulator.api.get(`/api/v1/main/service-accounts/${iamBotId}/api-tokens`)).body.results).toEqual([]);
  expect(Object.keys(state).filter((address) => address.startsWith('ephemeral.'))).toEqual([]);
  const first = await ws.output('ci_token');
  await emulator.api.post('/__emulator/clock', { advance: 'P24D' });
  expect(await meStatus(first)).toBe(200);

  // Today the token is within rotate_before (7 days) of its expiry: the plan replaces it, new one first.
  expect(await plannedActions(ws, TOKEN)).toEqual(['create', 'delete']);
  const second = await applyRotation(ws, ciAccountId);
  expect(second).not.toBe(first);
  expect(await meStatus(first)).toBe(401);
  expect(await meStatus(second)).toBe(200);
  expect(Date.parse(await ws.output('ci_token_expires_at')) - Date.now()).toBeGreaterThan(29 * DAY_MS);
  await ws.expectEmptyPlans();

  // On demand: a new value of var.rotation.
  ws.writeConfig('rotation = "2026-Q2"\n', 'terraform.tfvars');
  expect(await plannedActions(ws, TOKEN)).toEqual(['create', 'delete']);
  const third = await applyRotation(ws, ciAccountId);
  expect(third).not.toBe(second);
  expect(await meStatus(second)).toBe(401);
  expect(await meStatus(third)).toBe(200);
  await ws.expectEmptyPlans();

  await ws.destroy();
  expect(await meStatus(third)).toBe(401);
  expect((await emulator.api.get('/api/v1/main/service-accounts')).body.results).toEqual([]);
});
