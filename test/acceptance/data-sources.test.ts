import { useAcceptance } from '../support/acceptance.js';

const acceptance = useAcceptance();

test('data sources find service accounts and roles by id or name, and list token metadata without secrets', async () => {
  const ws = acceptance.workspace();
  ws.writeConfig(`${acceptance.emulator.providerBlock()}
resource "kestra_service_account" "bot" {
  name        = "lookup-bot"
  description = "looked up"
}
resource "kestra_role" "viewer" {
  name        = "flow-viewer"
  permissions = { FLOW = ["READ"] }
}
resource "kestra_api_token" "a" {
  service_account_id = kestra_service_account.bot.id
  name               = "alpha"
  max_age            = "P7D"
}
resource "kestra_api_token" "b" {
  service_account_id = kestra_service_account.bot.id
  name               = "beta"
}

data "kestra_service_account" "by_name" {
  name       = kestra_service_account.bot.name
  depends_on = [kestra_service_account.bot]
}
data "kestra_service_account" "by_id" {
  id = kestra_service_account.bot.id
}
data "kestra_role" "by_name" {
  name       = kestra_role.viewer.name
  depends_on = [kestra_role.viewer]
}
data "kestra_role" "by_id" {
  id = kestra_role.viewer.id
}
data "kestra_api_tokens" "bot" {
  service_account_id = kestra_service_account.bot.id
  depends_on         = [kestra_api_token.a, kestra_api_token.b]
}
`);
  await ws.apply();
  const state = await ws.state();
  const sa = state['kestra_service_account.bot']!;
  expect(state['data.kestra_service_account.by_name']).toMatchObject({ id: sa.id, description: 'looked up', super_admin: false });
  expect(state['data.kestra_service_account.by_id']).toMatchObject({ name: 'lookup-bot' });
  expect(state['data.kestra_role.by_name']).toMatchObject({ id: state['kestra_role.viewer']!.id, permissions: { FLOW: ['READ'] }, is_managed: false });
  expect(state['data.kestra_role.by_id']).toMatchObject({ name: 'flow-viewer' });

  const tokens = state['data.kestra_api_tokens.bot']!.tokens as Record<string, unknown>[];
  expect(tokens.map((t) => t.name)).toEqual(['alpha', 'beta']);
  expect(tokens[0]).toMatchObject({ token_id: state['kestra_api_token.a']!.token_id, prefix: state['kestra_api_token.a']!.prefix, expired: false });
  expect(tokens[1]!.expires_at).toBeNull();
  const secret = state['kestra_api_token.a']!.token as string;
  expect(JSON.stringify(state['data.kestra_api_tokens.bot'])).not.toContain(secret);
  await ws.expectEmptyPlans();
  await ws.destroy();
});

test('a lookup by a name that does not exist fails with a message saying so', async () => {
  const ws = acceptance.workspace();
  ws.writeConfig(`${acceptance.emulator.providerBlock()}\ndata "kestra_role" "missing" {\n  name = "no-such-role"\n}\n`);
  const result = await ws.run(['plan', '-no-color']);
  expect(result.code).toBe(1);
  expect(result.stderr).toMatch(/role not found[\s\S]*No role is named "no-such-role"/);
});
