/**
 * The real launch path: terraform starts bin/terraform-provider-kestra itself (dev_overrides), with the
 * go-plugin handshake and auto-mTLS, one provider process per command, as users run it.
 */
import { startTestEmulator, type TestEmulator } from '../support/emulator.js';
import { defer } from '../support/cleanup.js';
import { useWorkspaces } from '../support/terraform.js';

const workspace = useWorkspaces();
let emulator: TestEmulator;

beforeAll(async () => {
  emulator = await startTestEmulator();
});
afterAll(async () => {
  await emulator?.close();
});

async function serviceAccountsNamed(prefix: string): Promise<string[]> {
  const { body } = await emulator.api.get('/api/v1/main/service-accounts?size=500');
  return (body.results as { username?: string; name?: string }[]).map((sa) => sa.username ?? sa.name ?? '').filter((n) => n.startsWith(prefix));
}

test('terraform launches the provider over mTLS: apply, empty plan, destroy', async () => {
  const ws = workspace();
  ws.writeConfig(`${emulator.providerBlock()}\nresource "kestra_service_account" "launched" {\n  name = "launched-bot"\n}\n`);
  const apply = await ws.apply();
  expect(apply.stdout).toContain('Provider development overrides are in effect');
  expect(await serviceAccountsNamed('launched-bot')).toEqual(['launched-bot']);
  await ws.expectEmptyPlans();
  await ws.destroy();
  expect(await serviceAccountsNamed('launched-bot')).toEqual([]);
});

test('Ctrl-C during apply leaves a state that a second apply completes without duplicates', async () => {
  const ws = workspace();
  defer(() => emulator.api.delete('/__emulator/faults'));
  ws.writeConfig(
    `${emulator.providerBlock()}\nresource "kestra_service_account" "bulk" {\n  count = 6\n  name  = "interrupted-\${count.index}"\n}\n`,
  );
  // Slow creates, so the interrupt lands while they are in flight.
  await emulator.api.post('/__emulator/faults', { method: 'POST', path: '/service-accounts$', count: 6, latencyMs: 1500 });
  const interrupted = await ws.run(['apply', '-auto-approve', '-no-color'], {}, { interruptAfter: 'Creating...' });
  expect(interrupted.code).not.toBe(0);
  expect(interrupted.stdout + interrupted.stderr).toMatch(/Interrupt received|Gracefully shutting down/);

  await ws.apply();
  const names = await serviceAccountsNamed('interrupted-');
  expect(names.sort()).toEqual(['interrupted-0', 'interrupted-1', 'interrupted-2', 'interrupted-3', 'interrupted-4', 'interrupted-5']);
  expect(Object.keys(await ws.state())).toHaveLength(6);
  await ws.expectEmptyPlans();
  await ws.destroy();
  expect(await serviceAccountsNamed('interrupted-')).toEqual([]);
});

test('a provider block that depends on values known only at apply: planned, then configured at apply', async () => {
  const ws = workspace();
  ws.writeConfig(`${emulator.providerBlock()}
resource "kestra_service_account" "builder" {
  name        = "builder-bot"
  super_admin = true
}
resource "kestra_api_token" "builder" {
  service_account_id = kestra_service_account.builder.id
  name               = "bootstrap"
  max_age            = "PT1H"
}
provider "kestra" {
  alias     = "builder"
  url       = "${emulator.url}"
  api_token = kestra_api_token.builder.token
}
resource "kestra_role" "made_by_builder" {
  provider    = kestra.builder
  name        = "made-by-builder"
  permissions = { FLOW = ["READ"] }
}
`);
  const plan = await ws.planExitCode();
  expect(plan.stdout).toContain('3 to add, 0 to change, 0 to destroy');
  await ws.apply();
  const role = (await ws.state())['kestra_role.made_by_builder']!;
  expect((await emulator.api.get(`/api/v1/main/roles/${role.id}`)).body).toMatchObject({ name: 'made-by-builder' });
  await ws.expectEmptyPlans();
  await ws.destroy();
  expect((await emulator.api.get(`/api/v1/main/roles/${role.id}`)).status).toBe(404);
});
