/**
 * Plans a platform engineer can trust (issue 10): one test per case that used to give a false replacement, an
 * inconsistent result or a perpetual diff, each with the real terraform.
 */
import { useAcceptance } from '../support/acceptance.js';
import { defer } from '../support/cleanup.js';
import { providerBlock, startTestEmulator, type TestEmulator } from '../support/emulator.js';
import { verifyImport, verifyImports } from '../support/import-verify.js';
import { useWorkspaces } from '../support/terraform.js';

const acceptance = useAcceptance();
/** Workspaces whose terraform launches the provider itself, so that the provider sees the workspace's environment. */
const launchingWorkspace = useWorkspaces();

/** A Kestra of its own, for a test that moves the clock or needs another server version. */
async function ownEmulator(options: { kestraVersion?: '1.3' | '2.0' } = {}): Promise<TestEmulator> {
  const emulator = await startTestEmulator(options);
  defer(() => emulator.close());
  return emulator;
}

const meStatus = async (emulator: TestEmulator, token: string) => (await emulator.api.get('/api/v1/me', { auth: { bearer: token } })).status;

const oneLine = (text: string) => text.replace(/\s+/g, ' ');

async function createTenant(id: string): Promise<void> {
  const created = await acceptance.emulator.api.post('/api/v1/tenants', { id, name: id });
  expect(created.status).toBe(200);
  defer(() => acceptance.emulator.api.delete(`/api/v1/tenants/${id}`));
}

async function createUser(email: string): Promise<string> {
  const user = await acceptance.emulator.api.post('/api/v1/users', { email, password: 'Passw0rd-1234!' });
  expect(user.status).toBe(201);
  defer(() => acceptance.emulator.api.delete(`/api/v1/users/${user.body.id}`));
  return user.body.id as string;
}

/** Token states for case 1: [resource name, max_age, extended]. Separate resources: config generation cannot target for_each instances. */
const TOKEN_STATES: [string, string | null, boolean][] = [
  ['fresh', 'P1D', false],
  ['used', 'PT12H', false],
  ['extended_used', 'PT12H', true],
  ['extended_unused', 'PT12H', true],
  ['expired', 'PT1H', false],
  ['never_expiring', null, false],
];

test('1. every state of a token imports with import {} into a configuration that validates and plans no change', async () => {
  const kestra = await ownEmulator();
  const ws = acceptance.workspace();
  const user = await kestra.api.post('/api/v1/users', { email: 'imported@example.com', password: 'Passw0rd-1234!' });
  const tokens = TOKEN_STATES.map(
    ([name, maxAge, extended]) => `resource "kestra_api_token" "${name}" {
  service_account_id = kestra_service_account.owner.id
  name               = "${name.replace('_', '-')}"
${maxAge === null ? '' : `  max_age            = "${maxAge}"\n`}  extended           = ${extended}
}
`,
  );
  ws.writeConfig(`${kestra.providerBlock()}
resource "kestra_service_account" "owner" {
  name = "import-states"
}
${tokens.join('\n')}
resource "kestra_api_token" "user" {
  user_id = "${user.body.id}"
  name    = "laptop"
  max_age = "P2D"
}
`);
  await ws.apply();
  const secret = async (name: string) => (await ws.state())[`kestra_api_token.${name}`]!.token as string;
  // Two hours later the expired token is past its hour; the used ones were used, the extended one pushed forward.
  await kestra.api.post('/__emulator/clock', { advance: 'PT2H' });
  for (const name of ['used', 'extended_used']) expect(await meStatus(kestra, await secret(name))).toBe(200);
  await ws.expect(['apply', '-refresh-only', '-auto-approve', '-no-color']);
  const state = await ws.state();
  expect(state['kestra_api_token.expired']).toMatchObject({ expired: true });
  expect(state['kestra_api_token.extended_used']).toMatchObject({ extended: true, last_used: expect.any(String) });

  const addresses = [...TOKEN_STATES.map(([name]) => `kestra_api_token.${name}`), 'kestra_api_token.user'];
  // Only the secret cannot be imported: everything else, max_age included, is what the source holds.
  const { values } = await verifyImports(
    ws,
    addresses.map((address) => ({ address, ignore: ['token'] })),
    { providerConfig: kestra.providerBlock() },
  );
  expect(values['kestra_api_token.extended_used']).toMatchObject({ max_age: 'PT12H', extended: true });
  expect(values['kestra_api_token.fresh']).toMatchObject({ max_age: 'P1D' });
  expect(values['kestra_api_token.never_expiring']).toMatchObject({ max_age: null, expires_at: null });
  expect(values['kestra_api_token.user']).toMatchObject({ max_age: 'P2D', tenant_id: null });
  await ws.destroy();
});

test('2. a binding names its grantee with the attribute the configuration used, even "the other way"', async () => {
  const userId = await createUser('bound-by-sa-attribute@example.com');
  const ws = acceptance.workspace();
  ws.writeConfig(`${acceptance.emulator.providerBlock()}
resource "kestra_service_account" "bot" {
  name = "bound-by-user-attribute"
}
resource "kestra_role" "viewer" {
  name        = "bound-other-way"
  permissions = { FLOW = ["READ"] }
}
# Kestra binds service accounts as users: the official provider writes them as user_id.
resource "kestra_role_binding" "sa_as_user" {
  role_id = kestra_role.viewer.id
  user_id = kestra_service_account.bot.id
}
resource "kestra_role_binding" "user_as_sa" {
  role_id            = kestra_role.viewer.id
  service_account_id = "${userId}"
}
`);
  await ws.apply();
  const state = await ws.state();
  const saId = state['kestra_service_account.bot']!.id;
  expect(state['kestra_role_binding.sa_as_user']).toMatchObject({ user_id: saId, service_account_id: null });
  expect(state['kestra_role_binding.user_as_sa']).toMatchObject({ service_account_id: userId, user_id: null });
  const onServer = (await acceptance.emulator.api.get(`/api/v1/main/bindings/${state['kestra_role_binding.sa_as_user']!.id}`)).body;
  expect(onServer).toMatchObject({ type: 'USER', user: { id: saId, type: 'SERVICE_ACCOUNT' } });
  await ws.expectEmptyPlans();
  await ws.destroy();
});

test('3. a user token is instance-level: changing the provider\'s tenant plans no change for it', async () => {
  await createTenant('team3');
  const userId = await createUser('instance-level@example.com');
  const ws = acceptance.workspace();
  const config = (tenant: string) => `${acceptance.emulator.providerBlock(`  tenant_id = "${tenant}"\n`)}
resource "kestra_api_token" "laptop" {
  user_id = "${userId}"
  name    = "laptop"
  max_age = "P1D"
}
`;
  ws.writeConfig(config('main'));
  await ws.apply();
  expect((await ws.state())['kestra_api_token.laptop']).toMatchObject({ tenant_id: null, id: expect.stringMatching(/^user\//) });
  ws.writeConfig(config('team3'));
  await ws.expectEmptyPlans();
  await ws.destroy();
});

const saToken = (emulator: TestEmulator, account: string, args: string) => `${emulator.providerBlock()}
resource "kestra_service_account" "bot" {
  name = "${account}"
}
resource "kestra_api_token" "bot" {
  service_account_id = kestra_service_account.bot.id
  name               = "deploy"
${args}
}
`;

test('4. equal durations written differently never replace a token, for every duration attribute', async () => {
  const ws = acceptance.workspace();
  ws.writeConfig(saToken(acceptance.emulator, 'equal-durations', '  max_age = "P7D"\n  rotate_before = "P1D"'));
  await ws.apply();
  ws.writeConfig(saToken(acceptance.emulator, 'equal-durations', '  max_age = "PT168H"\n  rotate_before = "PT24H"'));
  await ws.expectEmptyPlans();
  ws.writeConfig(saToken(acceptance.emulator, 'equal-durations', '  max_age = "P6DT24H"\n  rotate_before = "PT1440M"'));
  await ws.expectEmptyPlans();
  await ws.destroy();
});

test('5. rotate_before is a planning window and keepers rotate only when changed after the token exists', async () => {
  const ws = acceptance.workspace();
  ws.writeConfig(saToken(acceptance.emulator, 'window-bot', '  max_age = "P30D"'));
  await ws.apply();
  const first = (await ws.state())['kestra_api_token.bot']!;

  for (const window of ['P7D', 'P14D']) {
    ws.writeConfig(saToken(acceptance.emulator, 'window-bot', `  max_age = "P30D"\n  rotate_before = "${window}"`));
    const plan = await ws.planExitCode();
    expect(plan.stdout).toContain('0 to add, 1 to change, 0 to destroy');
    expect(plan.stdout).not.toContain('forces replacement');
    await ws.apply();
    expect((await ws.state())['kestra_api_token.bot']).toMatchObject({ token_id: first.token_id, token: first.token, rotate_before: window });
    await ws.expectEmptyPlans();
  }

  // Adopted with import {} into a configuration that has keepers and rotate_before: recorded, not replaced.
  const adopted = ws.sibling();
  adopted.disown();
  const adoptedConfig = (rotation: string) => `${acceptance.emulator.providerBlock()}
import {
  to = kestra_api_token.adopted
  id = "${first.id}"
}
resource "kestra_api_token" "adopted" {
  service_account_id = "${first.service_account_id}"
  name               = "deploy"
  max_age            = "P30D"
  rotate_before      = "P7D"
  keepers            = { rotation = "${rotation}" }
}
`;
  adopted.writeConfig(adoptedConfig('1'));
  const importPlan = await adopted.planExitCode();
  expect(importPlan.stdout).toContain('1 to import, 0 to add, 1 to change, 0 to destroy');
  await adopted.apply();
  expect((await adopted.state())['kestra_api_token.adopted']).toMatchObject({ token_id: first.token_id, keepers: { rotation: '1' } });
  await adopted.expectEmptyPlans();

  // From then on, a change of keepers is a request for a new token.
  adopted.writeConfig(adoptedConfig('2'));
  const rotation = await adopted.planExitCode();
  expect(rotation.stdout).toContain('# forces replacement');
  await adopted.apply();
  const rotated = (await adopted.state())['kestra_api_token.adopted']!;
  expect(rotated.token_id).not.toBe(first.token_id);
  expect(await meStatus(acceptance.emulator, rotated.token as string)).toBe(200);
  await adopted.destroy();
  // The first token was replaced by the adopted configuration: the source's state now names a token that is gone.
  await ws.expect(['apply', '-refresh-only', '-auto-approve', '-no-color']);
  await ws.destroy();
});

test('6. two default roles in one tenant fail at plan, and taking the default from another role warns', async () => {
  const ws = acceptance.workspace();
  const roles = (second: boolean) => `${acceptance.emulator.providerBlock()}
resource "kestra_role" "first" {
  name        = "default-one"
  permissions = { FLOW = ["READ"] }
  is_default  = true
}
resource "kestra_role" "second" {
  name        = "default-two"
  permissions = { FLOW = ["READ"] }
  is_default  = ${second}
}
`;
  ws.writeConfig(roles(true));
  const both = await ws.run(['plan', '-no-color']);
  expect(both.code).toBe(1);
  expect(oneLine(both.stderr)).toMatch(/Two default roles in one tenant.*The roles "default-(one|two)" and "default-(one|two)" both set is_default = true in tenant main/);
  expect(oneLine(both.stderr)).toContain('is_default');

  const other = await acceptance.emulator.api.post('/api/v1/main/roles', { name: 'default-elsewhere', permissions: { FLOW: ['READ'] }, isDefault: true });
  defer(() => acceptance.emulator.api.delete(`/api/v1/main/roles/${other.body.id}`));
  ws.writeConfig(roles(false));
  const takeover = await ws.planExitCode();
  expect(oneLine(takeover.stdout + takeover.stderr)).toContain('Another role is the default');
  expect(oneLine(takeover.stdout + takeover.stderr)).toContain('The role "default-elsewhere"');
  await ws.apply();
  await ws.expectEmptyPlans();
  await ws.destroy();
});

test.each([
  ['a role name', `resource "kestra_role" "x" {\n  name = "   "\n  permissions = { FLOW = ["READ"] }\n}`, 'name'],
  ['a service account name', 'resource "kestra_service_account" "x" {\n  name = "   "\n}', 'name'],
  ['a token name', 'resource "kestra_api_token" "x" {\n  service_account_id = "sa"\n  name = " "\n}', 'name'],
  ['a binding\'s role_id', 'resource "kestra_role_binding" "x" {\n  role_id = "  "\n  group_id = "g"\n}', 'role_id'],
  ['a binding\'s namespace', 'resource "kestra_role_binding" "x" {\n  role_id = "r"\n  group_id = "g"\n  namespace = " "\n}', 'namespace'],
  ['a tenant_id', 'resource "kestra_service_account" "x" {\n  name = "ok"\n  tenant_id = "  "\n}', 'tenant_id'],
  ['a role looked up by name', 'data "kestra_role" "x" {\n  name = "  "\n}', 'name'],
  ['a service account looked up by name', 'data "kestra_service_account" "x" {\n  name = "\\t"\n}', 'name'],
  ['an ephemeral token\'s service_account_id', 'ephemeral "kestra_api_token" "x" {\n  service_account_id = " "\n  max_age = "PT1H"\n}', 'service_account_id'],
])('7. a blank value for %s fails at validate, naming the attribute', async (_name, body, attribute) => {
  const ws = acceptance.workspace();
  ws.writeConfig(`${acceptance.emulator.providerBlock()}\n${body}\n`);
  const result = await ws.run(['validate', '-no-color']);
  expect(result.code).toBe(1);
  expect(oneLine(result.stderr)).toMatch(new RegExp(`Invalid value for ${attribute}.*${attribute} must (not be empty or only white space|be at most 63 characters)`));
});

test.each([
  ['1.3', 'FLOW = ["VIEW", "LIST"], EXECUTION = ["READ"]', /Actions of Kestra 2\.0 on a Kestra 1\.3 server.*runs Kestra 1\.3\.26, whose roles accept the actions READ, CREATE, UPDATE, DELETE; (VIEW, LIST|LIST, VIEW) are not among them/],
  ['2.0', 'FLOW = ["READ"]', /Actions of Kestra 1\.3 on a Kestra 2\.0 server.*runs Kestra 2\.0\.0, whose roles accept the actions VIEW, LIST, .*; READ is not among them/],
  ['1.3', 'TRIGGER = ["READ"]', /Permission type TRIGGER does not exist on Kestra 1\.3.*TRIGGER belongs to Kestra 2\.0/],
] as const)('8. on a Kestra %s server, a role with %s fails at plan with the actions the server accepts', async (kestraVersion, permissions, message) => {
  const kestra = await ownEmulator({ kestraVersion });
  const ws = acceptance.workspace();
  ws.writeConfig(`${kestra.providerBlock()}
resource "kestra_role" "other_line" {
  name        = "other-line"
  permissions = { ${permissions} }
}
`);
  const plan = await ws.run(['plan', '-no-color']);
  expect(plan.code).toBe(1);
  expect(oneLine(plan.stderr)).toMatch(message);
  expect(oneLine(plan.stderr)).toContain('permissions');
  const custom = (await kestra.api.get('/api/v1/main/roles/search?size=100')).body.results.filter((r: { isManaged: boolean }) => !r.isManaged);
  expect(custom).toEqual([]);
});

test('9. an expired token without rotate_before plans no change but warns, naming the way to rotate', async () => {
  const kestra = await ownEmulator();
  const ws = acceptance.workspace();
  ws.writeConfig(saToken(kestra, 'expiring-quietly', '  max_age = "PT1H"'));
  await ws.apply();
  await kestra.api.post('/__emulator/clock', { advance: 'PT2H' });
  const plan = await ws.planExitCode();
  expect(plan.code).toBe(0);
  const output = oneLine(plan.stdout + plan.stderr);
  expect(output).toContain('Warning: API token expired');
  expect(output).toContain('Set rotate_before');
  await ws.destroy();
});

test('10. in another tenant, a token takes its service account\'s tenant, and token and account import by their id whatever the provider\'s tenant', async () => {
  await createTenant('team10');
  const ws = acceptance.workspace();
  ws.writeConfig(`${acceptance.emulator.providerBlock()}
resource "kestra_service_account" "bot" {
  name      = "tenant-ten-bot"
  tenant_id = "team10"
}
resource "kestra_api_token" "bot" {
  service_account_id = kestra_service_account.bot.id
  name               = "deploy"
  max_age            = "P1D"
}
`);
  await ws.apply();
  const token = (await ws.state())['kestra_api_token.bot']!;
  expect(token).toMatchObject({ tenant_id: 'team10', id: `team10/service-account/${token.service_account_id}/${token.token_id}` });
  expect(await meStatus(acceptance.emulator, token.token as string)).toBe(200);
  await ws.expectEmptyPlans();

  // The id imports as it is, and so does the short form, from a provider whose tenant is main.
  for (const id of [token.id as string, `service-account/${token.service_account_id}/${token.token_id}`]) {
    const imported = ws.sibling();
    imported.disown();
    imported.writeConfig(`${acceptance.emulator.providerBlock()}
resource "kestra_api_token" "bot" {
  service_account_id = "${token.service_account_id}"
  name               = "deploy"
  max_age            = "P1D"
}
`);
    await imported.expect(['import', '-no-color', 'kestra_api_token.bot', id]);
    expect((await imported.state())['kestra_api_token.bot']).toMatchObject({ id: token.id, tenant_id: 'team10' });
    await imported.expectEmptyPlans();
  }
  // The service account imports by its bare id too, its tenant found and written into the generated configuration.
  const { values: account } = await verifyImport(ws, 'kestra_service_account.bot', { providerConfig: acceptance.emulator.providerBlock() });
  expect(account).toMatchObject({ id: token.service_account_id, tenant_id: 'team10' });
  await ws.destroy();
});

test('11. create_before_destroy on a token reaches its service account: -replace of the account is warned about at plan, fails on its unique name, and the documented way out works', async () => {
  const ws = acceptance.workspace();
  ws.writeConfig(`${acceptance.emulator.providerBlock()}
resource "kestra_service_account" "bot" {
  name = "replaced-bot"
}
resource "kestra_api_token" "bot" {
  service_account_id = kestra_service_account.bot.id
  name               = "deploy"
  max_age            = "P1D"
  lifecycle {
    create_before_destroy = true
  }
}
`);
  await ws.apply();
  const before = await ws.state();
  // The plan says so before anything is attempted…
  const plan = await ws.planExitCode(['-replace=kestra_service_account.bot']);
  expect(oneLine(plan.stdout + plan.stderr)).toMatch(/Warning: The token's service account is replaced.*Destroy the account first with terraform destroy -target/);
  // …and the apply fails on the name, as the server refuses a second account of that name.
  const replace = await ws.run(['apply', '-auto-approve', '-no-color', '-replace=kestra_service_account.bot']);
  expect(replace.code).toBe(1);
  expect(oneLine(replace.stderr)).toMatch(/returned 409.*A service account with the name 'replaced-bot' already exists/);
  // Nothing was lost: the account and its token still work.
  expect(await meStatus(acceptance.emulator, before['kestra_api_token.bot']!.token as string)).toBe(200);

  // The way out the README gives: destroy the account (and what depends on it), then apply.
  await ws.expect(['destroy', '-auto-approve', '-no-color', '-target=kestra_service_account.bot']);
  await ws.apply();
  const after = await ws.state();
  expect(after['kestra_service_account.bot']!.id).not.toBe(before['kestra_service_account.bot']!.id);
  expect(await meStatus(acceptance.emulator, after['kestra_api_token.bot']!.token as string)).toBe(200);
  expect(await meStatus(acceptance.emulator, before['kestra_api_token.bot']!.token as string)).toBe(401);
  await ws.expectEmptyPlans();
  await ws.destroy();
});

describe('13. diagnostics say what is wrong, in the words of the setting', () => {
  test.each([
    ['max_age', 'resource "kestra_api_token" "x" {\n  service_account_id = "sa"\n  name = "t"\n  max_age = "soon"\n}', /max_age must be a positive ISO-8601 duration of days/],
    ['three grantees', 'resource "kestra_role_binding" "x" {\n  role_id = "r"\n  service_account_id = "s"\n  user_id = "u"\n  group_id = "g"\n}', /service_account_id, user_id and group_id are all set/],
  ])('%s', async (_name, body, message) => {
    const ws = acceptance.workspace();
    ws.writeConfig(`${acceptance.emulator.providerBlock()}\n${body}\n`);
    const result = await ws.run(['validate', '-no-color']);
    expect(result.code).toBe(1);
    expect(oneLine(result.stderr)).toMatch(message);
    expect(oneLine(result.stderr)).not.toMatch(/a positive an|are both set/);
  });

  test('super_admin asked by a caller who is no superadmin: the 403 says a superadmin is needed', async () => {
    const api = acceptance.emulator.api;
    const admin = await api.post('/api/v1/main/service-accounts', { name: 'tenant-admin-bot' });
    defer(() => api.delete(`/api/v1/main/service-accounts/${admin.body.id}`));
    await api.post('/api/v1/main/bindings', { type: 'USER', externalId: admin.body.id, roleId: 'admin_main' });
    const token = await api.post(`/api/v1/main/service-accounts/${admin.body.id}/api-tokens`, { name: 'admin', maxAge: 'PT1H' });
    const ws = acceptance.workspace();
    ws.writeConfig(`terraform {
  required_providers {
    kestra = { source = "kestra-iam/kestra" }
  }
}
provider "kestra" {
  url       = "${acceptance.emulator.url}"
  api_token = "${token.body.fullToken}"
}
resource "kestra_service_account" "root" {
  name        = "would-be-root"
  super_admin = true
}
`);
    const result = await ws.run(['apply', '-auto-approve', '-no-color']);
    expect(result.code).toBe(1);
    const text = oneLine(result.stderr);
    expect(text).toContain('returned 403');
    expect(text).toContain('only a superadmin can make a service account superadmin');
  });

  test('KESTRA_TIMEOUT=abc is reported as the variable, not as the timeout attribute', async () => {
    const ws = launchingWorkspace({ env: { KESTRA_TIMEOUT: 'abc' } });
    ws.writeConfig(`${acceptance.emulator.providerBlock()}\nresource "kestra_service_account" "x" {\n  name = "never-made"\n}\n`);
    const result = await ws.run(['plan', '-no-color']);
    expect(result.code).toBe(1);
    expect(oneLine(result.stderr)).toContain('Invalid KESTRA_TIMEOUT');
    expect(oneLine(result.stderr)).toContain('The environment variable KESTRA_TIMEOUT is "abc"');
  });

  test('a URL whose path is wrong is reported as a wrong path, not as a server out of reach', async () => {
    const ws = acceptance.workspace();
    ws.writeConfig(`${providerBlock({ url: `${acceptance.emulator.url}/kestra`, username: acceptance.emulator.adminUser, password: acceptance.emulator.adminPassword })}
resource "kestra_service_account" "x" {
  name = "never-made"
}
`);
    const result = await ws.run(['plan', '-no-color']);
    expect(result.code).toBe(1);
    const text = oneLine(result.stderr);
    expect(text).toContain('No Kestra API at this URL');
    expect(text).toContain('the URL\'s path is wrong');
    expect(text).not.toContain('Cannot reach Kestra');
  });
});
