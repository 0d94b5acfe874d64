import { useAcceptance } from '../support/acceptance.js';
import { verifyImport } from '../support/import-verify.js';

const acceptance = useAcceptance();

const tenant = (attrs: string) => `${acceptance.emulator.providerBlock()}\nresource "kestra_tenant" "t" {\n${attrs}\n}\n`;

const FULL = `  id   = "team2"
  name = "Team 2"
  worker_group = {
    key      = "team2-workers"
    fallback = "WAIT"
  }
  storage_isolation = {
    denied_services = ["WEBSERVER", "WORKER"]
  }
  secret_isolation = {
    enabled         = false
    denied_services = ["EXECUTOR"]
  }
  storage_type                = "s3"
  storage_configuration       = jsonencode({ s3 = { bucket = "team2", secretKey = "s3-secret-key" } })
  secret_type                 = "vault"
  secret_read_only            = true
  secret_configuration        = jsonencode({ vault = { address = "https://vault.internal", token = "vault-token" } })
  require_existing_namespace  = true
  outputs_in_internal_storage = true`;

test('kestra_tenant: every setting reaches the server and reads back, changes in place (worker group and storage type too), import, drift, destroy', async () => {
  const api = acceptance.emulator.api;
  const ws = acceptance.workspace();
  ws.writeConfig(tenant(FULL));
  await ws.apply();
  expect((await api.get('/api/v1/tenants/team2')).body).toMatchObject({
    id: 'team2',
    name: 'Team 2',
    workerGroup: { key: 'team2-workers', fallback: 'WAIT' },
    storageIsolation: { enabled: true, deniedServices: expect.arrayContaining(['WEBSERVER', 'WORKER']) },
    secretIsolation: { enabled: false, deniedServices: ['EXECUTOR'] },
    storageType: 's3',
    storageConfiguration: { s3: { bucket: 'team2', secretKey: 's3-secret-key' } },
    secretType: 'vault',
    secretReadOnly: true,
    secretConfiguration: { vault: { address: 'https://vault.internal', token: 'vault-token' } },
    requireExistingNamespace: true,
    outputsInInternalStorage: true,
  });
  await ws.expectEmptyPlans();
  // The secret-bearing configurations are sensitive: never printed in a plan.
  const shown = await ws.expect(['show', '-no-color']);
  expect(shown.stdout).not.toContain('vault-token');
  expect(shown.stdout).not.toContain('s3-secret-key');
  // The same configuration object written by hand, keys reordered and spaced: no change.
  ws.writeConfig(tenant(FULL.replace(/storage_configuration .*/, 'storage_configuration = "{ \\"s3\\": { \\"secretKey\\": \\"s3-secret-key\\", \\"bucket\\": \\"team2\\" } }"')));
  await ws.expectEmptyPlans();

  // A setting only the server's other operations set (the app catalog) survives the provider's updates.
  expect((await api.post('/api/v1/tenants/team2/apps-catalog', { title: 'Team 2 apps' })).status).toBe(200);

  // The official provider's update skips worker_group and storage_type: ours changes them in place.
  ws.writeConfig(tenant(FULL.replace('"team2-workers"', '"gpu-workers"').replace('"s3"', '"gcs"').replace('"Team 2"', '"Team Two"')));
  const change = await ws.planExitCode();
  expect(change.stdout).toContain('0 to add, 1 to change, 0 to destroy');
  await ws.apply();
  expect((await api.get('/api/v1/tenants/team2')).body).toMatchObject({ name: 'Team Two', workerGroup: { key: 'gpu-workers' }, storageType: 'gcs' });
  expect((await api.get('/api/v1/tenants/team2/apps-catalog')).body).toMatchObject({ title: 'Team 2 apps' });
  await ws.expectEmptyPlans();

  // Settings removed from the configuration are cleared on the server.
  ws.writeConfig(tenant('  id   = "team2"\n  name = "Team Two"\n  require_existing_namespace = true'));
  await ws.apply();
  const cleared = (await api.get('/api/v1/tenants/team2')).body;
  expect(cleared).not.toHaveProperty('workerGroup');
  expect(cleared).not.toHaveProperty('secretConfiguration');
  await ws.expectEmptyPlans();

  const { values: imported } = await verifyImport(ws, 'kestra_tenant.t', { providerConfig: acceptance.emulator.providerBlock() });
  expect(imported).toEqual((await ws.state())['kestra_tenant.t']);

  // Changed outside Terraform: the plan shows each change and the apply puts the configuration back.
  const current = (await api.get('/api/v1/tenants/team2')).body;
  const drifted = { ...current, name: 'Renamed by hand', requireExistingNamespace: false, workerGroup: { key: 'rogue', fallback: 'FAIL' } };
  expect((await api.put('/api/v1/tenants/team2', drifted)).status).toBe(200);
  const drift = await ws.planExitCode();
  expect(drift.code).toBe(2);
  expect(drift.stdout).toMatch(/"Renamed by hand" -> "Team Two"/);
  expect(drift.stdout).toMatch(/require_existing_namespace\s+= false -> true/);
  expect(drift.stdout).toContain('- worker_group');
  await ws.apply();
  expect((await api.get('/api/v1/tenants/team2')).body).toMatchObject({ name: 'Team Two', requireExistingNamespace: true });
  expect((await api.get('/api/v1/tenants/team2')).body).not.toHaveProperty('workerGroup');
  await ws.expectEmptyPlans();

  // Deleted outside Terraform: planned again.
  expect((await api.delete('/api/v1/tenants/team2')).status).toBe(204);
  const gone = await ws.planExitCode();
  expect(gone.stdout).toContain('1 to add, 0 to change, 0 to destroy');
  await ws.apply();

  await ws.destroy();
  expect((await api.get('/api/v1/tenants/team2')).status).toBe(404);
});

test('kestra_tenant: a tenant that exists already is refused, never taken over; bad settings fail at validate', async () => {
  const api = acceptance.emulator.api;
  expect((await api.post('/api/v1/tenants', { id: 'taken', name: 'Someone else\'s' })).status).toBe(200);
  const ws = acceptance.workspace();
  ws.writeConfig(tenant('  id   = "taken"\n  name = "Mine"'));
  const refused = await ws.run(['apply', '-auto-approve', '-no-color']);
  expect(refused.code).toBe(1);
  expect(refused.stderr).toMatch(/tenant "taken" already exists[\s\S]*import/);
  expect((await api.get('/api/v1/tenants/taken')).body).toMatchObject({ name: 'Someone else\'s' });

  ws.writeConfig(tenant('  id   = "Team_2"\n  name = "x"'));
  expect((await ws.run(['validate', '-no-color'])).stderr).toMatch(/Invalid value for id[\s\S]*lowercase letters/);
  ws.writeConfig(tenant('  id   = "t3"\n  name = "  "'));
  expect((await ws.run(['validate', '-no-color'])).stderr).toMatch(/Invalid value for name/);
  ws.writeConfig(tenant('  id   = "t3"\n  name = "x"\n  worker_group = { key = "w", fallback = "SOMETIMES" }'));
  expect((await ws.run(['validate', '-no-color'])).stderr).toMatch(/worker_group.fallback[\s\S]*one of FAIL, WAIT,\s+CANCEL/);
  ws.writeConfig(tenant('  id   = "t3"\n  name = "x"\n  storage_isolation = { denied_services = ["PRINTER"] }'));
  expect((await ws.run(['validate', '-no-color'])).stderr).toMatch(/"PRINTER"[\s\S]*EXECUTOR/);
  expect((await api.get('/api/v1/tenants/t3')).status).toBe(404);
});

test('data source kestra_tenant reads every setting of a tenant', async () => {
  const api = acceptance.emulator.api;
  expect((await api.post('/api/v1/tenants', { id: 'lookup', name: 'Looked up', workerGroup: { key: 'w1', fallback: 'CANCEL' }, secretReadOnly: true })).status).toBe(200);
  const ws = acceptance.workspace();
  ws.writeConfig(`${acceptance.emulator.providerBlock()}\ndata "kestra_tenant" "t" {\n  id = "lookup"\n}\noutput "t" {\n  value = { name = data.kestra_tenant.t.name, wg = data.kestra_tenant.t.worker_group, ro = data.kestra_tenant.t.secret_read_only, iso = data.kestra_tenant.t.storage_isolation }\n}\n`);
  await ws.apply();
  expect(JSON.parse((await ws.expect(['output', '-json', '-no-color', 't'])).stdout)).toEqual({ name: 'Looked up', wg: { key: 'w1', fallback: 'CANCEL' }, ro: true, iso: null });

  ws.writeConfig(`${acceptance.emulator.providerBlock()}\ndata "kestra_tenant" "t" {\n  id = "nowhere"\n}\n`);
  const missing = await ws.run(['plan', '-no-color']);
  expect(missing.code).toBe(1);
  expect(missing.stderr).toContain('nowhere');
});
