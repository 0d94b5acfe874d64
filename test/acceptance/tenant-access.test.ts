import { useAcceptance } from '../support/acceptance.js';
import { verifyImport } from '../support/import-verify.js';

const acceptance = useAcceptance();

const BASE = `
resource "kestra_tenant" "team2" {
  id   = "team2"
  name = "Team 2"
}

resource "kestra_service_account" "bot" {
  name = "team2-bot"
}

resource "kestra_api_token" "bot" {
  service_account_id = kestra_service_account.bot.id
  name               = "bot"
}
`;

const ACCESS = `
resource "kestra_tenant_access" "bot" {
  tenant_id          = kestra_tenant.team2.id
  service_account_id = kestra_service_account.bot.id
}

resource "kestra_role" "reader" {
  tenant_id   = kestra_tenant_access.bot.tenant_id
  name        = "Role reader"
  permissions = { ROLE = ["READ"] }
}

resource "kestra_role_binding" "bot" {
  tenant_id          = kestra_tenant_access.bot.tenant_id
  role_id            = kestra_role.reader.id
  service_account_id = kestra_tenant_access.bot.service_account_id
}
`;

const config = (body: string) => `${acceptance.emulator.providerBlock()}\n${body}`;

test('kestra_tenant_access: with access and a binding in a second tenant an account acts there; without the access it cannot', async () => {
  const api = acceptance.emulator.api;
  const ws = acceptance.workspace();
  ws.writeConfig(config(BASE));
  await ws.apply();
  const state = async () => ws.state();
  const token = (await state())['kestra_api_token.bot']!.token as string;
  const asBot = api.as({ bearer: token });
  const readRoles = async () => (await asBot.get('/api/v1/team2/roles/search')).status;
  expect(await readRoles()).toBe(403);

  ws.writeConfig(config(BASE + ACCESS));
  await ws.apply();
  const access = (await state())['kestra_tenant_access.bot']!;
  const botId = (await state())['kestra_service_account.bot']!.id as string;
  expect(access).toMatchObject({ id: `team2/${botId}`, tenant_id: 'team2', service_account_id: botId, user_id: null, username: 'team2-bot' });
  expect((await api.get(`/api/v1/team2/tenant-access/${botId}`)).status).toBe(200);
  expect(await readRoles()).toBe(200);
  // Exactly what the binding grants: nothing else in team2.
  expect((await asBot.get('/api/v1/team2/groups/search')).status).toBe(403);
  await ws.expectEmptyPlans();

  const { values: imported } = await verifyImport(ws, 'kestra_tenant_access.bot', { providerConfig: acceptance.emulator.providerBlock() });
  expect(imported).toEqual(access);

  // Revoked outside Terraform (which also drops the account's bindings there): the plan grants it again.
  expect((await api.delete(`/api/v1/team2/tenant-access/${botId}`)).status).toBe(204);
  expect(await readRoles()).toBe(403);
  const drift = await ws.planExitCode();
  expect(drift.code).toBe(2);
  expect(drift.stdout).toContain('kestra_tenant_access.bot will be created');
  await ws.apply();
  expect(await readRoles()).toBe(200);
  await ws.expectEmptyPlans();

  // Taking the access away ends what the account could do there.
  ws.writeConfig(config(BASE));
  await ws.apply();
  expect((await api.get(`/api/v1/team2/tenant-access/${botId}`)).status).toBe(404);
  expect(await readRoles()).toBe(403);

  await ws.destroy();
  expect((await api.get('/api/v1/tenants/team2')).status).toBe(404);
});

test('kestra_tenant_access: access that exists already is refused, never adopted; one account only', async () => {
  const api = acceptance.emulator.api;
  expect((await api.post('/api/v1/tenants', { id: 'other', name: 'Other' })).status).toBe(200);
  const account = (await api.post('/api/v1/main/service-accounts', { name: 'granted-by-hand' })).body.id as string;
  expect((await api.put(`/api/v1/other/tenant-access/${account}`)).status).toBe(201);
  const ws = acceptance.workspace();
  ws.writeConfig(config(`resource "kestra_tenant_access" "x" {\n  tenant_id          = "other"\n  service_account_id = "${account}"\n}\n`));
  const refused = await ws.run(['apply', '-auto-approve', '-no-color']);
  expect(refused.code).toBe(1);
  expect(refused.stderr).toMatch(/already exists[\s\S]*import/);
  expect((await api.get(`/api/v1/other/tenant-access/${account}`)).status).toBe(200);

  // Imported instead, it is managed from then on: destroy revokes it.
  await ws.expect(['import', '-no-color', 'kestra_tenant_access.x', `other/${account}`]);
  expect((await ws.state())['kestra_tenant_access.x']).toMatchObject({ service_account_id: account, user_id: null, tenant_id: 'other' });
  await ws.expectEmptyPlans();
  await ws.destroy();
  expect((await api.get(`/api/v1/other/tenant-access/${account}`)).status).toBe(404);

  ws.writeConfig(config(`resource "kestra_tenant_access" "x" {\n  tenant_id          = "other"\n  service_account_id = "a"\n  user_id            = "b"\n}\n`));
  const both = await ws.run(['validate', '-no-color']);
  expect(both.code).toBe(1);
  expect(both.stderr).toMatch(/Conflicting arguments[\s\S]*Exactly one of user_id, service_account_id/);
});
