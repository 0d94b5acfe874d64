/**
 * Tokens a regular user makes for themself (`owner = "me"`): the provider authenticated with the user's own
 * password, no superadmin anywhere in the configuration.
 */
import { providerBlock } from '../support/emulator.js';
import { useAcceptance } from '../support/acceptance.js';
import { verifyImport } from '../support/import-verify.js';
import { useWorkspaces } from '../support/terraform.js';

const acceptance = useAcceptance();
const launched = useWorkspaces();

const PASSWORD = 'Dev-Passw0rd!';

/** A standard user of the instance, not a superadmin, with a password of their own. */
async function regularUser(email: string): Promise<{ id: string; provider: string }> {
  const created = await acceptance.emulator.api.post('/api/v1/users', { email, password: PASSWORD, tenants: ['main'] });
  expect(created.status).toBe(201);
  expect(created.body.superAdmin ?? false).toBe(false);
  return { id: created.body.id as string, provider: providerBlock({ url: acceptance.emulator.url, username: email, password: PASSWORD }) };
}

test('owner = "me": a regular user makes, lists, imports and revokes their own token with their own password', async () => {
  const api = acceptance.emulator.api;
  const dev = await regularUser('dev@example.com');
  const ws = acceptance.workspace();
  ws.writeConfig(`${dev.provider}
resource "kestra_api_token" "mine" {
  owner   = "me"
  name    = "laptop"
  max_age = "P30D"
}

data "kestra_api_tokens" "mine" {
  owner      = "me"
  depends_on = [kestra_api_token.mine]
}

output "my_token_names" {
  value = [for t in data.kestra_api_tokens.mine.tokens : t.name]
}
`);
  await ws.apply();
  const token = (await ws.state())['kestra_api_token.mine']!;
  expect(token).toMatchObject({ id: `me/${token.token_id}`, owner: 'me', user_id: null, service_account_id: null, tenant_id: null, name: 'laptop' });
  // The secret authenticates as the user, and as nobody more privileged.
  const me = await api.get('/api/v1/me', { auth: { bearer: token.token as string } });
  expect(me.body).toMatchObject({ id: dev.id, superAdmin: false });
  expect(JSON.parse((await ws.expect(['output', '-json', '-no-color', 'my_token_names'])).stdout)).toEqual(['laptop']);
  await ws.expectEmptyPlans();

  // The use above moved last_used: refresh the source state, so the import compares with what the server holds.
  await ws.apply(['-refresh-only']);
  const { values: imported } = await verifyImport(ws, 'kestra_api_token.mine', { providerConfig: dev.provider, ignore: ['token'] });
  expect(imported).toMatchObject({ id: token.id, owner: 'me', token: null, max_age: 'P30D' });

  // Revoked outside Terraform, from the user's profile: the plan makes a new one.
  const asDev = api.as({ basic: ['dev@example.com', PASSWORD] });
  expect((await asDev.delete(`/api/v1/me/api-tokens/${token.token_id}`)).status).toBe(200);
  const replan = await ws.planExitCode();
  expect(replan.stdout).toContain('kestra_api_token.mine will be created');
  await ws.apply();
  const renewed = (await ws.state())['kestra_api_token.mine']!;
  expect((await api.get('/api/v1/me', { auth: { bearer: renewed.token as string } })).status).toBe(200);

  // Authenticated as someone else, the plan fails instead of losing track of the token (which would live on).
  const other = await regularUser('other@example.com');
  const config = ws.readFile('main.tf');
  ws.writeConfig(config.replace(dev.provider, other.provider));
  const elsewhere = await ws.run(['plan', '-no-color']);
  expect(elsewhere.code).toBe(1);
  expect(elsewhere.stderr).toMatch(new RegExp(`API token of another user[\\s\\S]*belongs to user[\\s\\S]*${dev.id}`));
  expect((await api.get('/api/v1/me', { auth: { bearer: renewed.token as string } })).status).toBe(200);
  ws.writeConfig(config);

  await ws.destroy();
  expect((await api.get('/api/v1/me', { auth: { bearer: renewed.token as string } })).status).toBe(401);
  expect((await asDev.get('/api/v1/me/api-tokens')).body.results).toEqual([]);
});

test('without owner = "me" the same user cannot make a token: the user endpoint is for superadmins', async () => {
  const dev = await regularUser('dev2@example.com');
  const ws = acceptance.workspace();
  ws.writeConfig(`${dev.provider}\nresource "kestra_api_token" "mine" {\n  user_id = "${dev.id}"\n  name    = "laptop"\n}\n`);
  const refused = await ws.run(['apply', '-auto-approve', '-no-color']);
  expect(refused.code).toBe(1);
  expect(refused.stderr).toMatch(/403|superadmin/i);
  expect((await acceptance.emulator.api.get(`/api/v1/users/${dev.id}/api-tokens`)).body.results).toEqual([]);
});

test.each([
  ['owner other than "me"', '  owner = "someone"\n  name = "x"', /Invalid value for owner[\s\S]*one of me/],
  ['owner beside user_id', '  owner = "me"\n  user_id = "u1"\n  name = "x"', /Conflicting arguments[\s\S]*service_account_id, user_id, owner/],
  ['owner with a tenant', '  owner = "me"\n  name = "x"\n  tenant_id = "main"', /tenant_id on a user token/],
])('%s fails at validate, naming the attribute', async (_name, args, message) => {
  const ws = acceptance.workspace();
  ws.writeConfig(`${acceptance.emulator.providerBlock()}\nresource "kestra_api_token" "t" {\n${args}\n}\n`);
  const result = await ws.run(['validate', '-no-color']);
  expect(result.code).toBe(1);
  expect(result.stderr).toMatch(message);
});

test('ephemeral owner = "me": a regular user acts through a short-lived token of their own, revoked after the run', async () => {
  const dev = await regularUser('dev3@example.com');
  // Two provider blocks: terraform launches the provider itself, one process per block, as in real use.
  const ws = launched();
  ws.writeConfig(`${dev.provider.replace(/provider "kestra" \{/, 'provider "kestra" {\n  alias = "password"')}
provider "kestra" {
  alias     = "token"
  url       = "${acceptance.emulator.url}"
  api_token = ephemeral.kestra_api_token.run.token
}

ephemeral "kestra_api_token" "run" {
  provider = kestra.password
  owner    = "me"
  name     = "one-run"
  max_age  = "PT15M"
}

data "kestra_api_tokens" "seen_by_the_token" {
  provider = kestra.token
  owner    = "me"
}

output "names" {
  value = [for t in data.kestra_api_tokens.seen_by_the_token.tokens : t.name]
}
`);
  await ws.apply();
  // Read through the ephemeral token, the user's own tokens list that token: it acted as the user.
  expect(JSON.parse((await ws.expect(['output', '-json', '-no-color', 'names'])).stdout)).toEqual(['one-run']);
  const asDev = acceptance.emulator.api.as({ basic: ['dev3@example.com', PASSWORD] });
  expect((await asDev.get('/api/v1/me/api-tokens')).body.results).toEqual([]);
});
