/**
 * Unattended applies on a flaky network and a restarting server converge, with nothing duplicated or orphaned.
 * KESTRA_RELIABILITY_N service accounts, each with a binding and a token (3N+1 resources): CI runs a small N;
 * `KESTRA_RELIABILITY_N=100 npm test -- test/acceptance/reliability` is the 300-resource run.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ADMIN, ApiClient } from '../support/api-client.js';
import { defer } from '../support/cleanup.js';
import { startDebugProvider, type DebugProvider } from '../support/debug-provider.js';
import { providerBlock, startTestEmulator } from '../support/emulator.js';
import { REPO_ROOT } from '../support/paths.js';
import { launch, type Launched } from '../support/process.js';
import { useWorkspaces, type TerraformWorkspace } from '../support/terraform.js';

const N = Number(process.env.KESTRA_RELIABILITY_N ?? 12);
let provider: DebugProvider;
const workspace = useWorkspaces(() => ({ reattach: provider.reattach }));

beforeAll(async () => {
  provider = await startDebugProvider();
});
afterAll(async () => {
  await provider?.stop();
});

const fleet = (providerBlock: string, prefix: string) => `${providerBlock}
resource "kestra_role" "fleet" {
  name        = "${prefix}-role"
  permissions = { FLOW = ["READ"] }
}
resource "kestra_service_account" "fleet" {
  count = ${N}
  name  = "${prefix}-\${count.index}"
}
resource "kestra_role_binding" "fleet" {
  count              = ${N}
  role_id            = kestra_role.fleet.id
  service_account_id = kestra_service_account.fleet[count.index].id
}
resource "kestra_api_token" "fleet" {
  count              = ${N}
  service_account_id = kestra_service_account.fleet[count.index].id
  name               = "deploy"
  max_age            = "P30D"
}
`;

/** What the server holds for the fleet: names of service accounts, and per account its bindings and tokens. */
async function serverFleet(api: ApiClient, prefix: string) {
  const accounts = ((await api.get('/api/v1/main/service-accounts?size=1000')).body.results as { id: string; username: string }[]).filter((a) =>
    a.username.startsWith(`${prefix}-`),
  );
  const perAccount = await Promise.all(
    accounts.map(async (a) => ({
      bindings: ((await api.get(`/api/v1/main/bindings/search?type=USER&id=${a.id}&size=100`)).body.results as unknown[]).length,
      tokens: ((await api.get(`/api/v1/main/service-accounts/${a.id}/api-tokens`)).body.results as unknown[]).length,
    })),
  );
  const roles = ((await api.get(`/api/v1/main/roles/search?q=${prefix}-role&size=100`)).body.results as { name: string }[]).filter(
    (r) => r.name === `${prefix}-role`,
  );
  return { names: accounts.map((a) => a.username).sort(), perAccount, roles: roles.length };
}

function expectExactFleet(fleetOnServer: Awaited<ReturnType<typeof serverFleet>>, prefix: string): void {
  expect(fleetOnServer.names).toEqual(Array.from({ length: N }, (_, i) => `${prefix}-${i}`).sort());
  expect(fleetOnServer.perAccount.every((a) => a.bindings === 1 && a.tokens === 1)).toBe(true);
  expect(fleetOnServer.roles).toBe(1);
}

/** Applies until terraform succeeds (a run may fail when one call exhausts its retries), at most `runs` times. */
async function applyUntilConverged(ws: TerraformWorkspace, args: string[], runs: number): Promise<number> {
  for (let run = 1; run <= runs; run++) {
    const result = await ws.run(['apply', '-auto-approve', '-no-color', ...args]);
    if (result.code === 0) return run;
    if (run === runs) throw new Error(`no convergence after ${runs} applies:\n${result.stderr}`);
  }
  return runs;
}

test('20% of requests failing (503, 429, dropped before and after processing): apply converges, exactly the declared objects', async () => {
  const emulator = await startTestEmulator();
  defer(() => emulator.close());
  const ws = workspace();
  for (const fault of [
    { status: 503, rate: 0.06 },
    { status: 429, retryAfter: 1, rate: 0.06 },
    { drop: true, rate: 0.04 },
    { drop: true, rate: 0.04, phase: 'after' },
  ]) {
    expect((await emulator.api.post('/__emulator/faults', { path: '^/api/', count: 1_000_000, ...fault })).status).toBe(201);
  }
  ws.writeConfig(fleet(emulator.providerBlock(), 'flaky'));
  const runs = await applyUntilConverged(ws, [], 3);
  await emulator.api.delete('/__emulator/faults');

  expect(runs).toBeLessThanOrEqual(3);
  await ws.expectEmptyPlans();
  expectExactFleet(await serverFleet(emulator.api, 'flaky'), 'flaky');
  await ws.destroy();
  expect((await serverFleet(emulator.api, 'flaky')).names).toEqual([]);
});

test('-parallelism=32: no errors and no duplicates', async () => {
  const emulator = await startTestEmulator();
  defer(() => emulator.close());
  const ws = workspace();
  ws.writeConfig(fleet(emulator.providerBlock(), 'wide'));
  await ws.apply(['-parallelism=32']);
  await ws.expectEmptyPlans();
  expectExactFleet(await serverFleet(emulator.api, 'wide'), 'wide');
  await ws.expect(['destroy', '-auto-approve', '-no-color', '-parallelism=32']);
  expect((await serverFleet(emulator.api, 'wide')).names).toEqual([]);
});

/** The emulator as its own process, so it can be killed with SIGKILL and started again on the same data. */
async function emulatorProcess(dataDir: string, port = 0): Promise<{ url: string; port: number; process: Launched }> {
  const emulator = launch(join(REPO_ROOT, 'bin', 'kestra-emulator'), ['--port', String(port), '--data', dataDir, '--enable-control']);
  defer(() => emulator.stop('SIGKILL'));
  const url = (await emulator.firstLine()).replace(/^listening on /, '');
  return { url, port: Number(new URL(url).port), process: emulator };
}

/** How many creates (POSTs) the emulator has answered with success: it logs each request once answered. */
const answeredCreates = (log: string) => log.match(/ POST \/api\/\S+ 20\d /g)?.length ?? 0;

test('the server killed with kill -9 mid-apply: a clear error, then a re-apply converges with nothing lost or duplicated', async () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'kestra-kill-'));
  defer(() => rmSync(dataDir, { recursive: true, force: true }));
  let server = await emulatorProcess(dataDir);
  const api = new ApiClient(server.url);
  const ws = workspace();
  ws.writeConfig(fleet(providerBlock({ url: server.url, username: ADMIN[0], password: ADMIN[1] }, '  timeout  = 3\n'), 'killed'));
  // The first creates go through; every later one is held, unprocessed, until the kill. So the kill lands
  // mid-apply with no create processed but unanswered: what a client cannot see was done is issue 9's
  // ambiguous-create case, not this test's.
  const passed = Math.ceil(N / 3);
  await api.post('/__emulator/faults', { method: 'POST', path: '^/api/', count: passed, latencyMs: 150 });
  await api.post('/__emulator/faults', { method: 'POST', path: '^/api/', count: 1_000_000, latencyMs: 600_000 });
  const applying = ws.run(['apply', '-auto-approve', '-no-color']);
  await server.process.until((log) => answeredCreates(log) >= passed, 'stderr');
  await server.process.stop('SIGKILL');
  const failed = await applying;
  expect(failed.code).toBe(1);
  expect(failed.stderr.replace(/\s+/g, ' ')).toMatch(/Kestra API: \w+ \/api\/v1\/\S+ failed: ECONNREFUSED|Cannot reach Kestra|ECONNREFUSED/);

  server = await emulatorProcess(dataDir, server.port);
  await ws.apply();
  await ws.expectEmptyPlans();
  expectExactFleet(await serverFleet(api, 'killed'), 'killed');
  await ws.destroy();
  expect((await serverFleet(api, 'killed')).names).toEqual([]);
});
