/**
 * A team on kestra-io/kestra switches to this provider as docs/guides/migrating-from-kestra-io.md says: a state
 * in exactly the official provider's shape, the guide's configuration, `npm run migrate`, the `terraform state rm`
 * of the user password it prints, `terraform state replace-provider`, one plan with nothing to create, destroy or
 * replace, every token secret and the password still working (the password in no state of this provider), and
 * then ordinary applies and a destroy that leaves nothing.
 */
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { useAcceptance } from '../support/acceptance.js';
import { startTestEmulator, type TestEmulator } from '../support/emulator.js';
import { official, officialState } from '../support/official-state.js';
import { REPO_ROOT } from '../support/paths.js';
import type { TerraformWorkspace } from '../support/terraform.js';

const acceptance = useAcceptance({ credentialsFromEnvironment: true });
const EXAMPLE = join(REPO_ROOT, 'examples', 'guides', 'migrating-from-kestra-io');
const GUIDE = join(REPO_ROOT, 'docs', 'guides', 'migrating-from-kestra-io.md');

interface PlannedChange {
  address: string;
  previous_address?: string;
  change: { actions: string[]; before: Record<string, unknown> | null; after: Record<string, unknown> | null };
}

/** The saved plan's resource changes, read with `terraform show -json`. */
async function planChanges(ws: TerraformWorkspace, args: string[] = []): Promise<PlannedChange[]> {
  await ws.expect(['plan', '-no-color', '-out=migration.tfplan', ...args]);
  const { stdout } = await ws.expect(['show', '-json', '-no-color', 'migration.tfplan']);
  return (JSON.parse(stdout) as { resource_changes?: PlannedChange[] }).resource_changes ?? [];
}

const actions = (changes: PlannedChange[]) => Object.fromEntries(changes.map((c) => [c.address, c.change.actions.join(',')]));

/** `npm run migrate -- DIR`, with the workspace's terraform settings. */
async function migrate(ws: TerraformWorkspace): Promise<string> {
  const { stdout } = await promisify(execFile)(process.execPath, [join(REPO_ROOT, 'scripts', 'migrate-from-official.mjs'), ws.dir], {
    cwd: ws.dir,
    env: { ...process.env, TF_CLI_CONFIG_FILE: join(ws.dir, 'terraform.tfrc'), CHECKPOINT_DISABLE: '1' },
  });
  return stdout;
}

async function whoAmI(emulator: TestEmulator, token: string): Promise<{ status: number; id?: string }> {
  const me = await emulator.api.get<{ id: string }>('/api/v1/me', { auth: { bearer: token } });
  return { status: me.status, ...(me.status === 200 ? { id: me.body.id } : {}) };
}

test('the guide: a kestra-io/kestra state switches in one plan that creates, destroys and replaces nothing, and every token keeps working', async () => {
  const { emulator } = acceptance;
  const { api } = emulator;
  // The objects, made through the API calls the official provider makes, and the values it kept in its state.
  const group = (await api.post('/api/v1/main/groups', { name: 'platform', description: 'Platform team' })).body;
  const user = (await api.post('/api/v1/users', { email: 'jane@example.com', firstName: 'Jane', lastName: 'Doe' })).body;
  const janePassword = 'Jane-Pa55word!';
  expect((await api.patch(`/api/v1/users/${user.id}/password`, { password: janePassword })).status).toBe(200);
  expect((await api.put(`/api/v1/main/groups/${group.id}/members/${user.id}`)).status).toBe(200);
  const tenant = {
    id: 'analytics',
    name: 'Analytics',
    workerGroup: { key: 'analytics-workers', fallback: 'WAIT' },
    storageType: 's3',
    storageIsolation: { enabled: true, deniedServices: ['WEBSERVER'] },
  };
  expect((await api.post('/api/v1/tenants', tenant)).status).toBe(200);
  const sa = (await api.post('/api/v1/main/service-accounts', { name: 'ci-bot', description: 'Deploys flows from CI', superAdmin: false, groups: [{ id: group.id }] })).body;
  const permissions = { FLOW: ['READ', 'CREATE', 'UPDATE'], EXECUTION: ['READ', 'CREATE'] };
  const role = (await api.post('/api/v1/main/roles', { namespaceId: 'company.team', name: 'flow-deployer', description: '', permissions, isDefault: false })).body;
  const bind = async (type: 'USER' | 'GROUP', externalId: string, namespaceId?: string) =>
    (await api.post('/api/v1/main/bindings', { type, externalId, roleId: role.id, ...(namespaceId ? { namespaceId } : {}) })).body;
  const saBinding = await bind('USER', sa.id);
  const janeBinding = await bind('USER', user.id, 'company.team');
  const groupBinding = await bind('GROUP', group.id, 'company.team');
  const saToken = { ...(await api.post(`/api/v1/main/service-accounts/${sa.id}/api-tokens`, { name: 'ci', description: 'CI pipelines', maxAge: 'P30D', extended: false })).body, description: 'CI pipelines', maxAge: 'P30D' };
  const janeToken = { ...(await api.post(`/api/v1/users/${user.id}/api-tokens`, { name: 'jane-cli', description: "Jane's command line", maxAge: 'PT12H', extended: false })).body, description: "Jane's command line", maxAge: 'PT12H' };
  expect([(await whoAmI(emulator, saToken.fullToken)).id, (await whoAmI(emulator, janeToken.fullToken)).id]).toEqual([sa.id, user.id]);
  const janeSignsIn = async () => (await api.get('/api/v1/me', { auth: { basic: ['jane@example.com', janePassword] } })).status;
  expect(await janeSignsIn()).toBe(200);

  const ws = acceptance.workspace();
  ws.writeConfig(
    officialState([
      official.user('jane', { id: user.id, email: 'jane@example.com', firstName: 'Jane', lastName: 'Doe', groups: [group.id] }),
      official.userPassword('jane', user.id, janePassword, ['kestra_user.jane']),
      official.group('platform', { id: group.id, name: 'platform', description: 'Platform team' }),
      official.userGroupMembership('jane_platform', group.id, user.id, ['kestra_group.platform', 'kestra_user.jane']),
      official.tenant('analytics', tenant),
      official.serviceAccount('ci_bot', { ...sa, groups: [group.id] }),
      official.role('flow_deployer', { ...role, namespace: 'company.team', permissions }),
      official.binding('ci_bot', { id: saBinding.id, type: 'USER', externalId: sa.id, roleId: role.id }, ['kestra_role.flow_deployer', 'kestra_service_account.ci_bot']),
      official.binding('jane', { id: janeBinding.id, type: 'USER', externalId: user.id, roleId: role.id, namespace: 'company.team' }, ['kestra_role.flow_deployer', 'kestra_user.jane']),
      official.binding('platform', { id: groupBinding.id, type: 'GROUP', externalId: group.id, roleId: role.id, namespace: 'company.team' }, ['kestra_group.platform', 'kestra_role.flow_deployer']),
      official.serviceAccountToken('ci_bot', sa.id, saToken, ['kestra_service_account.ci_bot']),
      official.userToken('jane', user.id, janeToken),
    ]),
    'terraform.tfstate',
  );
  // The guide's configuration, as the team edits it.
  ws.writeConfig(readFileSync(join(EXAMPLE, 'main.tf'), 'utf8'));

  // Before the state is handed over, Terraform looks for the official provider.
  const early = await ws.run(['plan', '-no-color']);
  expect(early.code).toBe(1);
  expect(early.stderr).toContain('Missing required provider');

  // The script writes exactly the moved blocks the guide shows, and says which commands take the user password out
  // of the state and hand the state over.
  const printed = await migrate(ws);
  expect(ws.readFile('moved_from_kestra_io.tf')).toBe(readFileSync(join(EXAMPLE, 'moved_from_kestra_io.tf'), 'utf8'));
  const commands = [...printed.matchAll(/^\s*terraform (state .+)$/gm)].map((m) => m[1]!);
  expect(commands).toEqual([
    "state rm 'kestra_user_password.jane'",
    'state replace-provider -auto-approve registry.terraform.io/kestra-io/kestra registry.terraform.io/kestra-iam/kestra',
  ]);
  for (const command of commands) await ws.expect([...command.replace(/'/g, '').split(' '), '-no-color']);
  // The password stays jane's, and out of this provider's state.
  expect(ws.readFile('terraform.tfstate')).not.toContain(janePassword);

  // One plan: moves only. Every instance is a no-op; the renamed ones say where they came from.
  const changes = await planChanges(ws);
  expect(actions(changes)).toEqual({
    'kestra_user.jane': 'no-op',
    'kestra_group.platform': 'no-op',
    'kestra_group_member.jane_platform': 'no-op',
    'kestra_tenant.analytics': 'no-op',
    'kestra_service_account.ci_bot': 'no-op',
    'kestra_role.flow_deployer': 'no-op',
    'kestra_role_binding.ci_bot': 'no-op',
    'kestra_role_binding.jane': 'no-op',
    'kestra_role_binding.platform': 'no-op',
    'kestra_api_token.ci_bot': 'no-op',
    'kestra_api_token.jane': 'no-op',
  });
  expect(Object.fromEntries(changes.filter((c) => c.previous_address).map((c) => [c.address, c.previous_address]))).toEqual({
    'kestra_group_member.jane_platform': 'kestra_user_group_membership.jane_platform',
    'kestra_role_binding.ci_bot': 'kestra_binding.ci_bot',
    'kestra_role_binding.jane': 'kestra_binding.jane',
    'kestra_role_binding.platform': 'kestra_binding.platform',
    'kestra_api_token.ci_bot': 'kestra_service_account_api_token.ci_bot',
    'kestra_api_token.jane': 'kestra_user_api_token.jane',
  });
  // The official role namespace has no counterpart (Kestra never stored it): the plan says so, by name.
  const shown = await ws.expect(['plan', '-no-color']);
  expect(shown.stdout).toMatch(/Warning: kestra_role\.namespace is not carried over[\s\S]*Kestra\s+roles\s+have\s+no\s+namespace/);

  // Without refresh, the moved and upgraded states stand as the official provider described them, and still nothing
  // is created, destroyed or replaced: the service account's token records its tenant; the user's token, the user
  // and the tenant only record which of their attributes are sensitive (`token`, `password_wo`, the configurations).
  const unrefreshed = await planChanges(ws, ['-refresh=false']);
  expect(actions(unrefreshed)).toEqual({
    'kestra_user.jane': 'update',
    'kestra_group.platform': 'no-op',
    'kestra_group_member.jane_platform': 'no-op',
    'kestra_tenant.analytics': 'update',
    'kestra_service_account.ci_bot': 'no-op',
    'kestra_role.flow_deployer': 'no-op',
    'kestra_role_binding.ci_bot': 'no-op',
    'kestra_role_binding.jane': 'no-op',
    'kestra_role_binding.platform': 'no-op',
    'kestra_api_token.ci_bot': 'update',
    'kestra_api_token.jane': 'update',
  });
  const changed = (c: PlannedChange) => Object.keys(c.change.after ?? {}).filter((k) => JSON.stringify(c.change.after?.[k]) !== JSON.stringify(c.change.before?.[k]));
  expect(Object.fromEntries(unrefreshed.filter((c) => c.change.actions.includes('update')).map((c) => [c.address, changed(c)]))).toEqual({
    'kestra_user.jane': [],
    'kestra_tenant.analytics': [],
    'kestra_api_token.ci_bot': ['id', 'tenant_id'],
    'kestra_api_token.jane': [],
  });
  // Applied that way (in a copy of the directory: the objects stay this workspace's), it keeps every token and
  // changes no object.
  const copy = ws.sibling();
  copy.disown();
  for (const file of ['main.tf', 'moved_from_kestra_io.tf', 'terraform.tfstate']) copy.writeConfig(ws.readFile(file), file);
  expect((await copy.apply(['-refresh=false'])).stdout).toContain('Resources: 0 added, 4 changed, 0 destroyed.');
  await copy.expectEmptyPlans();
  expect(await copy.output('ci_bot_token')).toBe(saToken.fullToken);
  expect(await janeSignsIn()).toBe(200);
  expect(copy.readFile('terraform.tfstate')).not.toContain(janePassword);

  const applied = await ws.apply();
  expect(applied.stdout).toContain('Resources: 0 added, 0 changed, 0 destroyed.');
  await ws.expectEmptyPlans();

  // The secrets came over: the outputs are the very tokens the pipelines use, and they still authenticate.
  expect(await ws.output('ci_bot_token')).toBe(saToken.fullToken);
  expect(await ws.output('jane_token')).toBe(janeToken.fullToken);
  expect(await whoAmI(emulator, await ws.output('ci_bot_token'))).toEqual({ status: 200, id: sa.id });
  expect(await whoAmI(emulator, await ws.output('jane_token'))).toEqual({ status: 200, id: user.id });
  expect((await ws.state())['kestra_api_token.ci_bot']).toMatchObject({ id: `main/service-account/${sa.id}/${saToken.id}`, tenant_id: 'main', prefix: saToken.fullToken.slice(0, 6) });
  // The objects are as they were: jane signs in with her password, is in the group, the tenant keeps its settings.
  expect(await janeSignsIn()).toBe(200);
  expect(ws.readFile('terraform.tfstate')).not.toContain(janePassword);
  expect((await api.get(`/api/v1/users/${user.id}`)).body).toMatchObject({ email: 'jane@example.com', firstName: 'Jane', lastName: 'Doe', groups: [expect.objectContaining({ id: group.id })] });
  expect((await api.get(`/api/v1/main/groups/${group.id}`)).body).toMatchObject({ name: 'platform', description: 'Platform team' });
  expect((await api.get('/api/v1/tenants/analytics')).body).toMatchObject(tenant);

  // Later applies behave as always: an update in place reaches the server; a rotation replaces the token.
  ws.writeConfig(readFileSync(join(EXAMPLE, 'main.tf'), 'utf8').replace('"Deploys flows from CI"', '"Deploys flows and apps from CI"').replace('"Doe"', '"Doe-Smith"'));
  expect((await ws.planExitCode()).stdout).toContain('0 to add, 2 to change, 0 to destroy');
  await ws.apply();
  expect((await api.get(`/api/v1/main/service-accounts/${sa.id}`)).body).toMatchObject({ description: 'Deploys flows and apps from CI' });
  expect((await api.get(`/api/v1/users/${user.id}`)).body).toMatchObject({ lastName: 'Doe-Smith', groups: [expect.objectContaining({ id: group.id })] });
  expect(await janeSignsIn()).toBe(200);
  ws.writeConfig(ws.readFile('main.tf').replace('max_age            = "P30D"', 'max_age            = "P30D"\n  keepers            = { rotation = "2027-Q1" }'));
  expect((await ws.planExitCode()).stdout).toContain('1 to add, 0 to change, 1 to destroy');
  await ws.apply();
  const rotated = await ws.output('ci_bot_token');
  expect(rotated).not.toBe(saToken.fullToken);
  expect(await whoAmI(emulator, rotated)).toEqual({ status: 200, id: sa.id });
  expect((await whoAmI(emulator, saToken.fullToken)).status).toBe(401);
  await ws.expectEmptyPlans();

  await ws.destroy();
  expect((await api.get(`/api/v1/users/${user.id}`)).status).toBe(404);
  expect((await api.get(`/api/v1/main/groups/${group.id}`)).status).toBe(404);
  expect((await api.get('/api/v1/tenants/analytics')).status).toBe(404);
  expect((await api.get(`/api/v1/main/service-accounts/${sa.id}`)).status).toBe(404);
  expect((await api.get(`/api/v1/main/roles/${role.id}`)).status).toBe(404);
  for (const binding of [saBinding, janeBinding, groupBinding]) expect((await api.get(`/api/v1/main/bindings/${binding.id}`)).status).toBe(404);
  expect((await whoAmI(emulator, janeToken.fullToken)).status).toBe(401);
  expect((await whoAmI(emulator, rotated)).status).toBe(401);
});

test('the guide says what the test checks: its configuration and moved blocks are the example files, and its figures are measured', () => {
  const guide = readFileSync(GUIDE, 'utf8');
  expect(guide).toMatch(/^---\npage_title: "[^"]+"\nsubcategory: "[^"]*"\ndescription: \|-\n/);
  expect(guide).toContain(readFileSync(join(EXAMPLE, 'main.tf'), 'utf8'));
  expect(guide).toContain(readFileSync(join(EXAMPLE, 'moved_from_kestra_io.tf'), 'utf8'));
  expect(guide).toContain('node bench/migration-plan.mjs');
});

describe('a Kestra 2.0 role of the official main branch (schema version 1, `resources` blocks)', () => {
  let emulator: TestEmulator | undefined;
  beforeAll(async () => {
    emulator = await startTestEmulator({ kestraVersion: '2.0' });
  });
  afterAll(async () => {
    await emulator?.close();
  });

  test('upgrades in place to the permission map: an empty plan, then ordinary updates', async () => {
    const kestra = emulator!;
    const resources = { FLOW: ['VIEW', 'LIST', 'EXECUTE'], EXECUTION: ['VIEW', 'LIST'] };
    const role = (await kestra.api.post('/api/v1/main/roles', { namespaceId: '', name: 'launcher', description: 'Runs flows', permissions: resources, isDefault: false })).body;
    const ws = acceptance.workspace();
    ws.writeConfig(officialState([official.role20('launcher', { ...role, resources })]), 'terraform.tfstate');
    const roleConfig = (flowActions: string) =>
      `${kestra.providerBlock()}\nresource "kestra_role" "launcher" {\n  name        = "launcher"\n  description = "Runs flows"\n  permissions = {\n    FLOW      = [${flowActions}]\n    EXECUTION = ["VIEW", "LIST"]\n  }\n}\n`;
    ws.writeConfig(roleConfig('"VIEW", "LIST", "EXECUTE"'));
    await ws.expect(['state', 'replace-provider', '-auto-approve', '-no-color', 'registry.terraform.io/kestra-io/kestra', 'registry.terraform.io/kestra-iam/kestra']);

    expect(actions(await planChanges(ws))).toEqual({ 'kestra_role.launcher': 'no-op' });
    expect(actions(await planChanges(ws, ['-refresh=false']))).toEqual({ 'kestra_role.launcher': 'no-op' });
    await ws.apply();
    await ws.expectEmptyPlans();

    ws.writeConfig(roleConfig('"VIEW", "LIST", "EXECUTE", "UPDATE"'));
    expect((await ws.planExitCode()).stdout).toContain('0 to add, 1 to change, 0 to destroy');
    await ws.apply();
    expect((await kestra.api.get(`/api/v1/main/roles/${role.id}`)).body.permissions.FLOW.sort()).toEqual(['EXECUTE', 'LIST', 'UPDATE', 'VIEW']);
    await ws.destroy();
    expect((await kestra.api.get(`/api/v1/main/roles/${role.id}`)).status).toBe(404);
  });
});

test('the official import ids work: a bare token id finds the token of a service account or of a user', async () => {
  const { api } = acceptance.emulator;
  const sa = (await api.post('/api/v1/main/service-accounts', { name: 'importer-bot' })).body;
  const user = (await api.post('/api/v1/users', { email: 'omar@example.com' })).body;
  const saToken = (await api.post(`/api/v1/main/service-accounts/${sa.id}/api-tokens`, { name: 'deploy', description: 'Deploys', maxAge: 'P7D' })).body;
  const userToken = (await api.post(`/api/v1/users/${user.id}/api-tokens`, { name: 'cli', description: 'CLI', maxAge: 'P7D' })).body;
  const ws = acceptance.workspace();
  ws.writeConfig(
    `${acceptance.emulator.providerBlock()}\n` +
      `resource "kestra_api_token" "deploy" {\n  service_account_id = "${sa.id}"\n  name = "deploy"\n  description = "Deploys"\n  max_age = "P7D"\n}\n` +
      `resource "kestra_api_token" "cli" {\n  user_id = "${user.id}"\n  name = "cli"\n  description = "CLI"\n  max_age = "P7D"\n}\n`,
  );
  const missing = await ws.run(['import', '-no-color', 'kestra_api_token.deploy', 'no-such-token']);
  expect(missing.code).toBe(1);
  expect(missing.stderr).toMatch(/Cannot import non-existent remote object[\s\S]*"no-such-token"/);

  await ws.expect(['import', '-no-color', 'kestra_api_token.deploy', saToken.id]);
  await ws.expect(['import', '-no-color', 'kestra_api_token.cli', userToken.id]);
  const state = await ws.state();
  expect(state['kestra_api_token.deploy']).toMatchObject({ id: `main/service-account/${sa.id}/${saToken.id}`, service_account_id: sa.id, token: null });
  expect(state['kestra_api_token.cli']).toMatchObject({ id: `user/${user.id}/${userToken.id}`, user_id: user.id, token: null });
  await ws.destroy();
});

test('the official import ids of users, groups, memberships and tenants work as they are: <id>, <group_id>/<user_id>, the tenant id', async () => {
  const { api } = acceptance.emulator;
  const group = (await api.post('/api/v1/main/groups', { name: 'imported-group' })).body;
  const user = (await api.post('/api/v1/users', { email: 'lin@example.com', firstName: 'Lin' })).body;
  expect((await api.put(`/api/v1/main/groups/${group.id}/members/${user.id}`)).status).toBe(200);
  expect((await api.post('/api/v1/tenants', { id: 'imported', name: 'Imported', storageType: 's3' })).status).toBe(200);
  const ws = acceptance.workspace();
  ws.writeConfig(
    `${acceptance.emulator.providerBlock()}\n` +
      'resource "kestra_user" "lin" {\n  email = "lin@example.com"\n  first_name = "Lin"\n}\n' +
      'resource "kestra_group" "g" {\n  name = "imported-group"\n}\n' +
      'resource "kestra_group_member" "lin" {\n  group_id = kestra_group.g.id\n  member_id = kestra_user.lin.id\n}\n' +
      'resource "kestra_tenant" "t" {\n  id = "imported"\n  name = "Imported"\n  storage_type = "s3"\n}\n',
  );
  for (const [address, id] of [['kestra_user.lin', user.id], ['kestra_group.g', group.id], ['kestra_group_member.lin', `${group.id}/${user.id}`], ['kestra_tenant.t', 'imported']]) {
    await ws.expect(['import', '-no-color', address!, id!]);
  }
  expect(await ws.state()).toMatchObject({
    'kestra_group.g': { id: group.id, tenant_id: 'main' },
    'kestra_group_member.lin': { id: `${group.id}/${user.id}`, group_id: group.id, member_id: user.id, tenant_id: 'main' },
  });
  await ws.expectEmptyPlans();
  await ws.destroy();
  expect((await api.get(`/api/v1/users/${user.id}`)).status).toBe(404);
  expect((await api.get('/api/v1/tenants/imported')).status).toBe(404);
});

test('what the official state does not hold, a superadmin flag or a group owner, is read by the first refresh: the configuration that says so plans nothing', async () => {
  const { api } = acceptance.emulator;
  const group = (await api.post('/api/v1/main/groups', { name: 'owners' })).body;
  const user = (await api.post('/api/v1/users', { email: 'ada@example.com' })).body;
  expect((await api.put(`/api/v1/main/groups/${group.id}/members/${user.id}`)).status).toBe(200);
  // Made outside Terraform: the official provider could do neither.
  expect((await api.patch(`/api/v1/users/${user.id}/superadmin`, { superAdmin: true })).status).toBe(200);
  expect((await api.put(`/api/v1/main/groups/${group.id}/members/membership/${user.id}?membership=OWNER`)).status).toBe(200);
  const ws = acceptance.workspace();
  ws.writeConfig(
    officialState([
      official.user('ada', { id: user.id, email: 'ada@example.com', groups: [group.id] }),
      official.group('owners', { id: group.id, name: 'owners' }),
      official.userGroupMembership('ada_owners', group.id, user.id, ['kestra_group.owners', 'kestra_user.ada']),
    ]),
    'terraform.tfstate',
  );
  const config = (extra: { user: string; member: string }) =>
    `${acceptance.emulator.providerBlock()}\n` +
    `resource "kestra_user" "ada" {\n  email = "ada@example.com"\n${extra.user}}\n` +
    'resource "kestra_group" "owners" {\n  name = "owners"\n}\n' +
    `resource "kestra_group_member" "ada_owners" {\n  group_id = kestra_group.owners.id\n  member_id = kestra_user.ada.id\n${extra.member}}\n` +
    'moved {\n  from = kestra_user_group_membership.ada_owners\n  to   = kestra_group_member.ada_owners\n}\n';
  await ws.expect(['state', 'replace-provider', '-auto-approve', '-no-color', 'registry.terraform.io/kestra-io/kestra', 'registry.terraform.io/kestra-iam/kestra']);

  ws.writeConfig(config({ user: '', member: '' }));
  const defaults = await planChanges(ws);
  expect(actions(defaults)).toEqual({ 'kestra_user.ada': 'update', 'kestra_group.owners': 'no-op', 'kestra_group_member.ada_owners': 'update' });
  expect(defaults.find((c) => c.address === 'kestra_user.ada')?.change).toMatchObject({ before: { super_admin: true }, after: { super_admin: false } });
  expect(defaults.find((c) => c.address === 'kestra_group_member.ada_owners')?.change).toMatchObject({ before: { membership: 'OWNER' }, after: { membership: 'MEMBER' } });

  ws.writeConfig(config({ user: '  super_admin = true\n', member: '  membership = "OWNER"\n' }));
  expect(actions(await planChanges(ws))).toEqual({ 'kestra_user.ada': 'no-op', 'kestra_group.owners': 'no-op', 'kestra_group_member.ada_owners': 'no-op' });
  await ws.apply();
  await ws.expectEmptyPlans();
  expect((await api.get(`/api/v1/users/${user.id}`)).body).toMatchObject({ superAdmin: true });
  expect((await api.get(`/api/v1/main/groups/${group.id}/members`)).body.results).toEqual([
    expect.objectContaining({ id: user.id, groups: [expect.objectContaining({ id: group.id, membership: 'OWNER' })] }),
  ]);
  await ws.destroy();
  expect((await api.get(`/api/v1/users/${user.id}`)).status).toBe(404);
});
