import { useAcceptance } from '../support/acceptance.js';
import { verifyImport } from '../support/import-verify.js';

const acceptance = useAcceptance();

const config = (body: string) => `${acceptance.emulator.providerBlock()}\n${body}`;
const group = (attrs: string) => config(`resource "kestra_group" "team" {\n${attrs}\n}\n`);

test('kestra_group: create, update in place, import, drift repaired, out-of-band deletion, destroy', async () => {
  const api = acceptance.emulator.api;
  const ws = acceptance.workspace();
  ws.writeConfig(group('  name = "platform"\n  description = "Platform team"'));
  await ws.apply();
  const created = (await ws.state())['kestra_group.team']!;
  expect(created).toMatchObject({ name: 'platform', description: 'Platform team', tenant_id: 'main' });
  const id = created.id as string;
  expect((await api.get(`/api/v1/main/groups/${id}`)).body).toEqual({ id, name: 'platform', description: 'Platform team' });
  await ws.expectEmptyPlans();

  // Renamed and the description removed: the same group, changed in place.
  ws.writeConfig(group('  name = "platform-team"'));
  expect((await ws.planExitCode()).stdout).toContain('0 to add, 1 to change, 0 to destroy');
  await ws.apply();
  expect((await ws.state())['kestra_group.team']!.id).toBe(id);
  const renamed = (await api.get(`/api/v1/main/groups/${id}`)).body;
  expect(renamed.name).toBe('platform-team');
  expect(renamed.description ?? '').toBe('');
  await ws.expectEmptyPlans();

  const { values: imported } = await verifyImport(ws, 'kestra_group.team', { providerConfig: acceptance.emulator.providerBlock() });
  expect(imported).toEqual((await ws.state())['kestra_group.team']);

  // Changed outside Terraform: the refreshed plan shows it, the apply puts it back.
  expect((await api.put(`/api/v1/main/groups/${id}`, { name: 'renamed-by-hand', description: 'by hand' })).status).toBe(200);
  const drift = await ws.planExitCode();
  expect(drift.code).toBe(2);
  expect(drift.stdout).toMatch(/~ name\s+= "renamed-by-hand" -> "platform-team"/);
  await ws.apply();
  expect((await api.get(`/api/v1/main/groups/${id}`)).body).toMatchObject({ name: 'platform-team' });
  await ws.expectEmptyPlans();

  // Deleted outside Terraform: planned again.
  expect((await api.delete(`/api/v1/main/groups/${id}`)).status).toBe(200);
  expect((await ws.planExitCode()).stdout).toContain('1 to add, 0 to change, 0 to destroy');
  await ws.apply();
  const recreated = (await ws.state())['kestra_group.team']!.id as string;
  expect(recreated).not.toBe(id);

  await ws.destroy();
  expect((await api.get(`/api/v1/main/groups/${recreated}`)).status).toBe(404);
});

test('kestra_group: a name taken by a group Terraform did not make is refused, never adopted', async () => {
  const api = acceptance.emulator.api;
  const stranger = (await api.post('/api/v1/main/groups', { name: 'taken', description: 'made by hand' })).body.id as string;
  const ws = acceptance.workspace();
  ws.writeConfig(group('  name = "taken"\n  description = "made by hand"'));
  const result = await ws.run(['apply', '-auto-approve', '-no-color']);
  expect(result.code).toBe(1);
  expect(result.stderr).toMatch(/group "taken" already exists[\s\S]*import it/);
  expect(await ws.state()).toEqual({});
  expect((await api.get(`/api/v1/main/groups/${stranger}`)).body).toMatchObject({ name: 'taken', description: 'made by hand' });
});

test('kestra_group: blank names fail at validate; tenant_id places the group and moving it replaces it', async () => {
  const api = acceptance.emulator.api;
  const ws = acceptance.workspace();
  ws.writeConfig(group('  name = "  "'));
  const blank = await ws.run(['validate', '-no-color']);
  expect(blank.code).toBe(1);
  expect(blank.stderr).toMatch(/Invalid value for name/);

  expect((await api.post('/api/v1/tenants', { id: 'staging', name: 'Staging' })).status).toBe(200);
  ws.writeConfig(group('  name = "ops"\n  tenant_id = "staging"'));
  await ws.apply();
  const id = (await ws.state())['kestra_group.team']!.id as string;
  expect((await api.get(`/api/v1/staging/groups/${id}`)).status).toBe(200);
  expect((await api.get(`/api/v1/main/groups/${id}`)).status).toBe(404);
  await ws.expectEmptyPlans();

  ws.writeConfig(group('  name = "ops"'));
  expect((await ws.planExitCode()).stdout).toContain('# forces replacement');
  await ws.apply();
  expect((await api.get(`/api/v1/staging/groups/${id}`)).status).toBe(404);
  await ws.destroy();
});

test('data source kestra_group: by id and by exact name, in the provider\'s tenant or another', async () => {
  const api = acceptance.emulator.api;
  expect((await api.post('/api/v1/tenants', { id: 'lookup', name: 'Lookup' })).status).toBe(200);
  const there = (await api.post('/api/v1/lookup/groups', { name: 'auditors', description: 'elsewhere' })).body.id as string;
  // A name that contains another is not a match.
  expect((await api.post('/api/v1/main/groups', { name: 'auditors-extra' })).status).toBe(200);
  const ws = acceptance.workspace();
  ws.writeConfig(config(`
resource "kestra_group" "auditors" {
  name        = "auditors"
  description = "Reads audit logs"
}
data "kestra_group" "by_name" {
  name       = kestra_group.auditors.name
  depends_on = [kestra_group.auditors]
}
data "kestra_group" "by_id" {
  id = kestra_group.auditors.id
}
data "kestra_group" "other_tenant" {
  name      = "auditors"
  tenant_id = "lookup"
}
`));
  await ws.apply();
  const state = await ws.state();
  const id = state['kestra_group.auditors']!.id;
  expect(state['data.kestra_group.by_name']).toEqual({ id, name: 'auditors', description: 'Reads audit logs', tenant_id: 'main' });
  expect(state['data.kestra_group.by_id']).toEqual({ id, name: 'auditors', description: 'Reads audit logs', tenant_id: 'main' });
  expect(state['data.kestra_group.other_tenant']).toEqual({ id: there, name: 'auditors', description: 'elsewhere', tenant_id: 'lookup' });
  await ws.expectEmptyPlans();

  await ws.destroy();
  expect((await api.get(`/api/v1/main/groups/${String(id)}`)).status).toBe(404);

  ws.writeConfig(config('data "kestra_group" "missing" {\n  name = "nobody"\n}\n'));
  const missing = await ws.run(['plan', '-no-color']);
  expect(missing.code).toBe(1);
  expect(missing.stderr).toMatch(/group not found[\s\S]*"nobody"/);
});
