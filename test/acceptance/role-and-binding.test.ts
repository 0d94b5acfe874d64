import { useAcceptance } from '../support/acceptance.js';
import { defer } from '../support/cleanup.js';
import { startTestEmulator } from '../support/emulator.js';
import { verifyImport } from '../support/import-verify.js';

const acceptance = useAcceptance();

const role = (permissions: string, extra = '') => `
resource "kestra_role" "deployer" {
  name        = "deployer"
  description = "Deploys flows"
  permissions = ${permissions}
${extra}}
`;

test('kestra_role: create, action order never diffs, update in place, import, out-of-band deletion, destroy', async () => {
  const ws = acceptance.workspace();
  const v1 = acceptance.emulator.providerBlock() + role('{ FLOW = ["READ", "UPDATE"], EXECUTION = ["READ"] }');
  ws.writeConfig(v1);
  await ws.apply();
  const state = (await ws.state())['kestra_role.deployer']!;
  const id = state.id as string;
  expect(state.permissions).toEqual({ FLOW: ['READ', 'UPDATE'], EXECUTION: ['READ'] });
  expect((await acceptance.emulator.api.get(`/api/v1/main/roles/${id}`)).body.permissions.FLOW.sort()).toEqual(['READ', 'UPDATE']);
  await ws.expectEmptyPlans();

  ws.writeConfig(acceptance.emulator.providerBlock() + role('{ EXECUTION = ["READ"], FLOW = ["UPDATE", "READ"] }'));
  await ws.expectEmptyPlans();

  ws.writeConfig(acceptance.emulator.providerBlock() + role('{ FLOW = ["READ", "UPDATE", "DELETE"] }', '  is_default = true\n'));
  const update = await ws.apply();
  expect(update.stdout).toContain('0 added, 1 changed, 0 destroyed');
  expect((await acceptance.emulator.api.get(`/api/v1/main/roles/${id}`)).body).toMatchObject({ isDefault: true, permissions: { FLOW: expect.arrayContaining(['DELETE']) } });
  await ws.expectEmptyPlans();

  // Imported into a fresh directory with a generated configuration: the same attributes, and nothing to change.
  const { values: imported } = await verifyImport(ws, 'kestra_role.deployer', { providerConfig: acceptance.emulator.providerBlock() });
  expect(imported).toEqual((await ws.state())['kestra_role.deployer']);

  expect((await acceptance.emulator.api.delete(`/api/v1/main/roles/${id}`)).status).toBe(204);
  expect((await ws.planExitCode()).stdout).toContain('1 to add, 0 to change, 0 to destroy');
  await ws.apply();
  const newId = (await ws.state())['kestra_role.deployer']!.id as string;
  await ws.destroy();
  expect((await acceptance.emulator.api.get(`/api/v1/main/roles/${newId}`)).status).toBe(404);
});

test('kestra_role: unknown permission types and actions fail at validate, naming the key', async () => {
  const ws = acceptance.workspace();
  ws.writeConfig(acceptance.emulator.providerBlock() + role('{ FLOWS = ["READ"], EXECUTION = ["RAED"] }'));
  const result = await ws.run(['validate', '-no-color']);
  expect(result.code).toBe(1);
  expect(result.stderr).toContain('Unknown permission type "FLOWS"');
  expect(result.stderr).toContain('Unknown action "RAED" for EXECUTION');
});

const bindingConfig = (namespace: string | null) => `${acceptance.emulator.providerBlock()}
resource "kestra_service_account" "bot" {
  name = "binding-bot"
}
${role('{ FLOW = ["READ"] }')}
resource "kestra_role_binding" "bot" {
  role_id            = kestra_role.deployer.id
  service_account_id = kestra_service_account.bot.id
${namespace ? `  namespace          = "${namespace}"\n` : ''}}
`;

test('kestra_role_binding: create, namespace read back, replace on change, import, out-of-band deletion, destroy', async () => {
  const ws = acceptance.workspace();
  ws.writeConfig(bindingConfig('company.team'));
  await ws.apply();
  const binding = (await ws.state())['kestra_role_binding.bot']!;
  const saId = (await ws.state())['kestra_service_account.bot']!.id;
  expect(binding).toMatchObject({ service_account_id: saId, user_id: null, group_id: null, namespace: 'company.team', tenant_id: 'main' });
  const onServer = (await acceptance.emulator.api.get(`/api/v1/main/bindings/${binding.id}`)).body;
  expect(onServer).toMatchObject({ type: 'USER', namespace: 'company.team', user: { id: saId } });
  await ws.expectEmptyPlans();

  // Bindings are immutable: a new namespace replaces the binding.
  ws.writeConfig(bindingConfig('company'));
  const replace = await ws.planExitCode();
  expect(replace.stdout).toContain('# forces replacement');
  expect(replace.stdout).toContain('1 to add, 0 to change, 1 to destroy');
  await ws.apply();
  const replaced = (await ws.state())['kestra_role_binding.bot']!;
  expect(replaced.id).not.toBe(binding.id);
  expect((await acceptance.emulator.api.get(`/api/v1/main/bindings/${binding.id}`)).status).toBe(404);

  // Imported alone, with a generated configuration that names the role and service account by id.
  const { values: imported } = await verifyImport(ws, 'kestra_role_binding.bot', { providerConfig: acceptance.emulator.providerBlock(), id: `main/${replaced.id}` });
  expect(imported).toEqual(replaced);

  expect((await acceptance.emulator.api.delete(`/api/v1/main/bindings/${replaced.id}`)).status).toBe(204);
  expect((await ws.planExitCode()).stdout).toContain('1 to add, 0 to change, 0 to destroy');
  await ws.apply();
  const last = (await ws.state())['kestra_role_binding.bot']!.id as string;
  await ws.destroy();
  expect((await acceptance.emulator.api.get(`/api/v1/main/bindings/${last}`)).status).toBe(404);
});

test('kestra_role_binding: exactly one grantee', async () => {
  const ws = acceptance.workspace();
  ws.writeConfig(`${acceptance.emulator.providerBlock()}
resource "kestra_role_binding" "two" {
  role_id            = "r"
  service_account_id = "a"
  group_id           = "g"
}
resource "kestra_role_binding" "none" {
  role_id = "r"
}
`);
  const result = await ws.run(['validate', '-no-color']);
  expect(result.code).toBe(1);
  expect(result.stderr).toContain('Conflicting arguments');
  expect(result.stderr).toContain('Missing required argument');
});

test('kestra_role against a Kestra 2.0 server: fine-grained actions, and the 1.x vocabulary refused at plan, before the server is asked', async () => {
  const server20 = await startTestEmulator({ kestraVersion: '2.0' });
  defer(() => server20.close());
  const ws = acceptance.workspace();
  ws.writeConfig(server20.providerBlock() + role('{ FLOW = ["VIEW", "LIST", "EXECUTE"], EXECUTION = ["VIEW"] }'));
  await ws.apply();
  const id = (await ws.state())['kestra_role.deployer']!.id as string;
  expect((await server20.api.get(`/api/v1/main/roles/${id}`)).body.permissions.FLOW.sort()).toEqual(['EXECUTE', 'LIST', 'VIEW']);
  await ws.expectEmptyPlans();

  ws.writeConfig(server20.providerBlock() + role('{ FLOW = ["READ"] }'));
  const refused = await ws.run(['apply', '-auto-approve', '-no-color']);
  expect(refused.code).toBe(1);
  expect(refused.stderr.replace(/\s+/g, ' ')).toMatch(/Actions of Kestra 1\.3 on a Kestra 2\.0 server.*READ is not among them/);
  expect((await server20.api.get(`/api/v1/main/roles/${id}`)).body.permissions.FLOW.sort()).toEqual(['EXECUTE', 'LIST', 'VIEW']);
  // Like any invalid configuration, it blocks every plan, a destroy's too, until it is fixed.
  ws.writeConfig(server20.providerBlock() + role('{ FLOW = ["VIEW"] }'));
  await ws.destroy();
});
