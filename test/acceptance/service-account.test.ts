import { useAcceptance } from '../support/acceptance.js';
import { verifyImport } from '../support/import-verify.js';

const acceptance = useAcceptance();

const config = (body: string) => `${acceptance.emulator.providerBlock()}\n${body}`;

const serviceAccount = (attrs: string) => config(`resource "kestra_service_account" "ci" {\n${attrs}\n}\n`);

test('kestra_service_account: create, update in place, rename, import, out-of-band deletion, destroy', async () => {
  const ws = acceptance.workspace();
  ws.writeConfig(serviceAccount('  name = "ci-bot"\n  description = "CI pipelines"'));
  await ws.apply();
  const created = (await ws.state())['kestra_service_account.ci']!;
  expect(created).toMatchObject({ name: 'ci-bot', description: 'CI pipelines', super_admin: false, groups: [], tenant_id: 'main' });
  const id = created.id as string;
  expect((await acceptance.emulator.api.get(`/api/v1/main/service-accounts/${id}`)).body).toMatchObject({ name: 'ci-bot', description: 'CI pipelines' });
  await ws.expectEmptyPlans();

  // Description and superadmin change in place; the superadmin flag really reaches the server.
  ws.writeConfig(serviceAccount('  name = "ci-bot"\n  description = "Deploys"\n  super_admin = true'));
  const updatePlan = await ws.planExitCode();
  expect(updatePlan.stdout).toContain('1 to change, 0 to destroy');
  await ws.apply();
  expect((await acceptance.emulator.api.get(`/api/v1/service-accounts/${id}`)).body).toMatchObject({ superAdmin: true, description: 'Deploys' });
  await ws.expectEmptyPlans();

  // Renaming keeps the same account.
  ws.writeConfig(serviceAccount('  name = "deploy-bot"\n  description = "Deploys"\n  super_admin = true'));
  await ws.apply();
  expect((await ws.state())['kestra_service_account.ci']!.id).toBe(id);
  expect((await acceptance.emulator.api.get(`/api/v1/main/service-accounts/${id}`)).body).toMatchObject({ name: 'deploy-bot' });
  await ws.expectEmptyPlans();

  // Import into a fresh directory, with a generated configuration, gives the same attributes and nothing to change.
  const { values: imported } = await verifyImport(ws, 'kestra_service_account.ci', { providerConfig: acceptance.emulator.providerBlock() });
  expect(imported).toEqual((await ws.state())['kestra_service_account.ci']);

  // Deleted outside Terraform: dropped from state on refresh and planned again.
  expect((await acceptance.emulator.api.delete(`/api/v1/main/service-accounts/${id}`)).status).toBe(200);
  const replan = await ws.planExitCode();
  expect(replan.code).toBe(2);
  expect(replan.stdout).toContain('1 to add, 0 to change, 0 to destroy');
  await ws.apply();
  const recreatedId = (await ws.state())['kestra_service_account.ci']!.id as string;
  expect(recreatedId).not.toBe(id);

  await ws.destroy();
  expect((await acceptance.emulator.api.get(`/api/v1/main/service-accounts/${recreatedId}`)).status).toBe(404);
});

test('bad configuration fails at validate or plan, naming the attribute, and creates nothing', async () => {
  const ws = acceptance.workspace();
  ws.writeConfig(serviceAccount('  name = "Not_A_DNS_Name"'));
  const invalid = await ws.run(['validate', '-no-color']);
  expect(invalid.code).toBe(1);
  expect(invalid.stderr).toMatch(/Invalid value for name[\s\S]*lowercase letters, digits and hyphens/);

  ws.writeConfig(serviceAccount('  name = "ci-bot"\n  super_admin = "sometimes"'));
  const wrongType = await ws.run(['validate', '-no-color']);
  expect(wrongType.code).toBe(1);
  expect(wrongType.stderr).toContain('super_admin');

  ws.writeConfig(serviceAccount('  name = "ci-bot"').replace(/password = ".*"/, 'password = "wrong"'));
  const badPassword = await ws.run(['plan', '-no-color']);
  expect(badPassword.code).toBe(1);
  expect(badPassword.stderr).toMatch(/Kestra rejected the credentials[\s\S]*password/);

  ws.writeConfig(serviceAccount('  name = "ci-bot"').replace(/url\s+= ".*"/, ''));
  const noUrl = await ws.run(['plan', '-no-color']);
  expect(noUrl.code).toBe(1);
  expect(noUrl.stderr).toMatch(/Missing Kestra URL[\s\S]*KESTRA_URL/);

  const list = await acceptance.emulator.api.get('/api/v1/main/service-accounts?size=100');
  expect(list.body.results.filter((sa: { username?: string; name?: string }) => (sa.username ?? sa.name) === 'ci-bot')).toEqual([]);
});

test('groups: memberships follow the configured set, and a change made outside Terraform shows in the plan', async () => {
  const api = acceptance.emulator.api;
  const ops = (await api.post('/api/v1/main/groups', { name: 'operators' })).body.id as string;
  const devs = (await api.post('/api/v1/main/groups', { name: 'developers' })).body.id as string;
  const ws = acceptance.workspace();
  ws.writeConfig(serviceAccount(`  name = "grouped-bot"\n  groups = ["${ops}", "${devs}"]`));
  await ws.apply();
  const id = (await ws.state())['kestra_service_account.ci']!.id as string;
  const groupsOnServer = async () => ((await api.get(`/api/v1/main/service-accounts/${id}`)).body.groups as { id: string }[]).map((g) => g.id).sort();
  expect(await groupsOnServer()).toEqual([ops, devs].sort());
  await ws.expectEmptyPlans();

  ws.writeConfig(serviceAccount(`  name = "grouped-bot"\n  groups = ["${ops}"]`));
  await ws.apply();
  expect(await groupsOnServer()).toEqual([ops]);

  // Someone adds a membership by hand: the refreshed plan puts the declared set back.
  expect((await api.put(`/api/v1/main/groups/${devs}/members/${id}`)).status).toBe(200);
  const drift = await ws.planExitCode();
  expect(drift.code).toBe(2);
  expect(drift.stdout).toContain('1 to change');
  await ws.apply();
  expect(await groupsOnServer()).toEqual([ops]);
  await ws.destroy();
});

test('tenant_id: an object lives in the tenant it names, and moving it to another tenant replaces it', async () => {
  const api = acceptance.emulator.api;
  expect((await api.post('/api/v1/tenants', { id: 'dev', name: 'Development' })).status).toBe(200);
  const ws = acceptance.workspace();
  ws.writeConfig(serviceAccount('  name = "tenant-bot"\n  tenant_id = "dev"'));
  await ws.apply();
  const id = (await ws.state())['kestra_service_account.ci']!.id as string;
  expect((await api.get(`/api/v1/dev/service-accounts/${id}`)).status).toBe(200);
  await ws.expectEmptyPlans();

  ws.writeConfig(serviceAccount('  name = "tenant-bot"\n  tenant_id = "main"'));
  const move = await ws.planExitCode();
  expect(move.stdout).toContain('# forces replacement');
  await ws.apply();
  const moved = (await ws.state())['kestra_service_account.ci']!.id as string;
  expect((await api.get(`/api/v1/main/service-accounts/${moved}`)).status).toBe(200);
  await ws.destroy();
});
