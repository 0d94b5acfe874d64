/**
 * Process reuse (provider/launch/reuse-server.ts) with the real terraform: the launcher attaches Terraform's
 * sessions to a warm provider process of this user's, and nothing of one session reaches another; killing the
 * launcher (what Terraform does to a provider) or the warm process itself mid-apply loses or duplicates
 * nothing. The tests have a snapshot cache of their own, so the warm processes they see and kill are theirs.
 */
import { existsSync, mkdtempSync, readdirSync, readFileSync, readlinkSync, realpathSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { MAGIC_COOKIE_VALUE } from '../../provider/bridge/handshake.js';
import { useAcceptance } from '../support/acceptance.js';
import type { ApiClient } from '../support/api-client.js';
import { defer } from '../support/cleanup.js';
import { killThreeCreatesMidApply } from '../support/killed-creates.js';
import { REPO_ROOT } from '../support/paths.js';
import { launch } from '../support/process.js';
import { useWorkspaces, type TerraformWorkspace } from '../support/terraform.js';
import { until } from '../support/until.js';

const acceptance = useAcceptance();
const cache = mkdtempSync(join(tmpdir(), 'kestra-reuse-cache-'));
const launched = useWorkspaces(() => ({ env: { KESTRA_PROVIDER_CACHE_DIR: cache } }));
const api = (): ApiClient => acceptance.emulator.api;

afterAll(() => {
  for (const pid of serverPids()) process.kill(pid, 'SIGKILL');
  rmSync(cache, { recursive: true, force: true });
});
beforeEach(() => defer(() => api().delete('/__emulator/faults')));

const bundleDir = () => join(cache, readdirSync(cache).find((name) => /^[0-9a-f]{16}$/.test(name))!);
const slotFiles = () => (existsSync(cache) && readdirSync(cache).length > 0 ? readdirSync(bundleDir()).filter((f) => /\.reuse-\d$/.test(f)).map((f) => join(bundleDir(), f)) : []);
/** The warm provider processes of this cache, from their slot files (not those killed and not yet reaped). */
function serverPids(): number[] {
  return slotFiles()
    .map((file) => Number(readFileSync(file, 'utf8').trim().split(' ')[3]))
    .filter((pid) => {
      try {
        const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
        return stat.charAt(stat.lastIndexOf(')') + 2) !== 'Z';
      } catch {
        return false;
      }
    });
}

/** The launchers terraform started in `dir`: processes whose directory it is, attached (running cat) to a warm provider. */
function launchersIn(dir: string): number[] {
  const wanted = realpathSync(dir);
  return readdirSync('/proc')
    .filter((entry) => /^\d+$/.test(entry))
    .filter((pid) => {
      try {
        return realpathSync(`/proc/${pid}/cwd`) === wanted && basename(readlinkSync(`/proc/${pid}/exe`)) === 'cat';
      } catch {
        return false;
      }
    })
    .map(Number);
}

const reusedSessions = (stderr: string) => stderr.split('\n').filter((line) => line.includes('plugin serving') && line.includes('reused=true')).length;

async function accountsNamed(name: string): Promise<{ id: string }[]> {
  const all = (await api().get('/api/v1/main/service-accounts?size=1000')).body.results as { id: string; username: string }[];
  return all.filter((a) => a.username === name);
}

/** A provider block with the URL only: credentials come from each session's KESTRA_* environment. */
const urlOnly = () => `terraform {\n  required_providers {\n    kestra = { source = "kestra-iam/kestra" }\n  }\n}\nprovider "kestra" {\n  url = "${acceptance.emulator.url}"\n}\n`;
const credentials = (password = acceptance.emulator.adminPassword) => ({ KESTRA_USERNAME: acceptance.emulator.adminUser, KESTRA_PASSWORD: password });

beforeAll(async () => {
  // The first start with an empty cache builds the startup snapshot in the background, the next one starts a
  // warm provider for the sessions after it.
  const ws = launched();
  ws.writeConfig(urlOnly());
  await ws.expect(['providers', 'schema', '-json']);
  await until('the startup snapshot', () => existsSync(cache) && readdirSync(cache).length > 0 && readdirSync(bundleDir()).some((f) => f.endsWith('.blob.node')));
  // A provider killed right after its handshake, as Terraform may kill one after its last RPC, has started a warm one.
  const provider = launch(join(REPO_ROOT, 'bin', 'terraform-provider-kestra'), [], {
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', KESTRA_PROVIDER_CACHE_DIR: cache, TF_PLUGIN_MAGIC_COOKIE: MAGIC_COOKIE_VALUE, PLUGIN_PROTOCOL_VERSIONS: '6' },
  });
  expect(await provider.firstLine()).toMatch(/^1\|6\|tcp\|/);
  await provider.stop('SIGKILL');
  await until('a warm provider', () => serverPids().length > 0);
  await ws.dispose();
}, 120_000);

test('every session of a plan and of the next command is served warm, each with its own credentials and directory', async () => {
  const a = launched({ env: credentials() });
  a.writeConfig(`${urlOnly()}resource "kestra_service_account" "a" {\n  name = "reuse-a"\n}\n`);
  const applied = await a.expect(['apply', '-auto-approve', '-no-color'], 0, { TF_LOG: 'debug' });
  expect(reusedSessions(applied.stderr)).toBeGreaterThanOrEqual(3);
  const server = serverPids();

  // Another directory, the same warm process, a wrong password: the first session's password is not there.
  const b = launched({ env: credentials('not-the-password') });
  b.writeConfig(`${urlOnly()}resource "kestra_service_account" "b" {\n  name = "reuse-b"\n}\n`);
  const refused = await b.run(['plan', '-no-color'], { TF_LOG: 'debug' });
  expect(refused.code).toBe(1);
  expect(refused.stderr.replace(/\s+/g, ' ')).toMatch(/password/i);
  expect(reusedSessions(refused.stderr)).toBeGreaterThanOrEqual(1);
  // Nor does a session without credentials inherit any.
  const bare = await b.run(['plan', '-no-color'], { KESTRA_USERNAME: '', KESTRA_PASSWORD: '' });
  expect(bare.code).toBe(1);
  expect(bare.stderr.replace(/\s+/g, ' ')).toContain('Missing Kestra credentials');

  const again = await a.expect(['plan', '-detailed-exitcode', '-no-color'], 0, { TF_LOG: 'debug' });
  expect(reusedSessions(again.stderr)).toBeGreaterThanOrEqual(1);
  expect(serverPids()).toEqual(server);
  expect(await accountsNamed('reuse-b')).toEqual([]);
});

test('KESTRA_PROVIDER_REUSE=0 runs a provider process per session, as before', async () => {
  const ws = launched({ env: { ...credentials(), KESTRA_PROVIDER_REUSE: '0' } });
  ws.writeConfig(urlOnly());
  const plan = await ws.expect(['plan', '-no-color'], 0, { TF_LOG: 'debug' });
  expect(plan.stderr).toContain('plugin serving');
  expect(reusedSessions(plan.stderr)).toBe(0);
});

const killedThroughWarmProvider = (kill: (ws: TerraformWorkspace) => void) =>
  killThreeCreatesMidApply({ ws: launched({ env: credentials() }), api: api(), providerHcl: urlOnly(), prefix: 'reuse-killed', kill });

test('the launcher killed with kill -9 mid-apply (the warm process lives on): no duplicate, no orphan, the next apply settles', async () => {
  await killedThroughWarmProvider((ws) => {
    const launchers = launchersIn(ws.dir);
    expect(launchers.length).toBeGreaterThan(0);
    for (const pid of launchers) process.kill(pid, 'SIGKILL');
  });
});

test('the warm process itself killed with kill -9 mid-apply: the same, and the next session starts another', async () => {
  const before = serverPids();
  await killedThroughWarmProvider((ws) => {
    expect(launchersIn(ws.dir).length).toBeGreaterThan(0);
    for (const pid of serverPids()) process.kill(pid, 'SIGKILL');
  });
  await until('another warm provider', () => serverPids().some((pid) => !before.includes(pid)));
});
