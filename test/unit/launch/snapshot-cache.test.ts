// The snapshot cache: blobs are built with real node, verified by serving from them, installed whole, and
// refused when anything about them cannot be trusted. The launcher only ever uses what this installs.
import { execFileSync } from 'node:child_process';
import { chmodSync, copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, truncateSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'esbuild';
import * as grpc from '@grpc/grpc-js';
import { buildSnapshot, recordBuildFailure, recordedNode, verifySnapshot } from '../../../provider/launch/snapshot-cache.js';
import { loadProtocol } from '../../../provider/bridge/protocol/load.js';
import { createServerCertificate } from '../../../provider/bridge/tls.js';
import { REPO_ROOT } from '../../support/paths.js';
import { launch } from '../../support/process.js';
import { LOCALHOST_TLS_OPTIONS, parseHandshake, stopPlugin, terraformEnv, type PluginProcess } from '../bridge/support/plugin-process.js';

const BUNDLE = join(REPO_ROOT, 'dist', 'terraform-provider-kestra', 'kestra-provider.cjs');
const LAUNCHER = join(REPO_ROOT, 'bin', 'terraform-provider-kestra');
const NODE = process.execPath;

const dir = mkdtempSync(join(tmpdir(), 'kestra-snapshot-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const target = (name: string) => ({ blob: join(dir, name, 'bundle', `node-${process.version}.blob`), nodePath: NODE });

describe('buildSnapshot', () => {
  const built = target('cache');
  beforeAll(async () => {
    expect(await buildSnapshot(built, BUNDLE)).toBe('built');
  }, 120_000);

  test('installs the blob and records the node that built it, readable by this user only', () => {
    expect(recordedNode(built.blob)).toBe(NODE);
    expect(statSync(built.blob).mode & 0o077).toBe(0);
    expect(statSync(join(dir, 'cache')).mode & 0o077).toBe(0);
    expect(existsSync(`${built.blob}.lock`)).toBe(false);
  });

  test('does nothing when the blob is there for this node', async () => {
    expect(await buildSnapshot(built, BUNDLE)).toBe('present');
  });

  test('leaves the work to a builder holding the lock, and takes over a lock left by a dead one', async () => {
    const other = target('locked');
    mkdirSync(`${other.blob}.lock`, { recursive: true });
    expect(await buildSnapshot(other, BUNDLE)).toBe('busy');
    expect(existsSync(other.blob)).toBe(false);
    const longAgo = new Date(Date.now() - 3600_000);
    utimesSync(`${other.blob}.lock`, longAgo, longAgo);
    expect(await buildSnapshot(other, BUNDLE)).toBe('built');
    expect(recordedNode(other.blob)).toBe(NODE);
  }, 120_000);

  test('refuses a cache that other users can write to', async () => {
    const open = target('open');
    mkdirSync(join(dir, 'open'), { recursive: true });
    chmodSync(join(dir, 'open'), 0o777);
    await expect(buildSnapshot(open, BUNDLE)).rejects.toThrow(/writable by other users/);
  });

  test('a damaged blob fails verification', async () => {
    const damaged = join(dir, 'damaged.blob');
    copyFileSync(built.blob, damaged);
    truncateSync(damaged, Math.floor(statSync(damaged).size / 2));
    await expect(verifySnapshot(NODE, damaged)).rejects.toThrow(/before its handshake/);
  });
});

test('a new blob prunes the cache of other bundles beyond the newest two, but none written within a day', async () => {
  const pruning = target('pruning');
  const cache = join(dir, 'pruning');
  mkdirSync(cache, { recursive: true, mode: 0o700 });
  const days = (n: number) => (Date.now() - n * 24 * 60 * 60 * 1000) / 1000;
  const others: [string, number][] = [['an-hour', days(1 / 24)], ['two-hours', days(2 / 24)], ['three-hours', days(3 / 24)], ['two-days', days(2)], ['three-days', days(3)]];
  for (const [name, when] of others) {
    mkdirSync(join(cache, name), { mode: 0o700 });
    utimesSync(join(cache, name), when, when);
  }
  expect(await buildSnapshot(pruning, BUNDLE)).toBe('built');
  // The newest two others are kept, and the third too, which another checkout may be starting from right now;
  // the two older than a day go.
  expect(others.map(([name]) => name).filter((name) => existsSync(join(cache, name)))).toEqual(['an-hour', 'two-hours', 'three-hours']);
}, 120_000);

test('a bundle that reads the environment while loading is refused, naming the variable; nothing is installed', async () => {
  const entry = join(dir, 'reads-env.ts');
  writeFileSync(
    entry,
    `import '${join(REPO_ROOT, 'provider', 'launch', 'env-guard.ts')}';
import * as v8 from 'node:v8';
import { endEnvGuard } from '${join(REPO_ROOT, 'provider', 'launch', 'env-guard.ts')}';
(globalThis as Record<string, unknown>).level = process.env.KESTRA_LOAD_TIME_SETTING;
if (v8.startupSnapshot.isBuildingSnapshot()) {
  endEnvGuard();
  v8.startupSnapshot.setDeserializeMainFunction(() => {});
}
`,
  );
  const bundle = join(dir, 'reads-env.cjs');
  await build({ entryPoints: [entry], outfile: bundle, bundle: true, platform: 'node', format: 'cjs', logLevel: 'error' });
  const refused = target('refused');
  const error = await buildSnapshot(refused, bundle).catch((e: Error) => e);
  expect(String(error)).toMatch(/modules read KESTRA_LOAD_TIME_SETTING from the environment while loading/);
  expect(existsSync(refused.blob)).toBe(false);
  recordBuildFailure(refused, error);
  expect(readFileSync(`${refused.blob}.failed`, 'utf8')).toMatch(/KESTRA_LOAD_TIME_SETTING/);
}, 60_000);

describe('through the launcher', () => {
  const running: PluginProcess[] = [];
  afterAll(async () => {
    await Promise.all(running.map(stopPlugin));
  });
  const cmdline = (pid: number) => readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0');

  test('an empty cache: the bundle serves at once, a blob is built in the background, the next start runs from it over mTLS', async () => {
    const cache = join(dir, 'launcher-cache');
    const clientCert = createServerCertificate();
    const env = terraformEnv({ KESTRA_PROVIDER_CACHE_DIR: cache, PLUGIN_CLIENT_CERT: clientCert.certPem });
    const first = launch(LAUNCHER, [], { env });
    running.push(first);
    parseHandshake(await first.firstLine());
    expect(cmdline(first.child.pid!)).not.toContain('--snapshot-blob');

    const launchScript = readFileSync(join(REPO_ROOT, 'dist', 'terraform-provider-kestra', 'launch.sh'), 'utf8');
    const id = /for bundle ([0-9a-f]{16})\./.exec(launchScript)![1]!;
    const blob = join(cache, id, `node-${process.version}.blob`);
    const deadline = Date.now() + 90_000;
    while (recordedNode(blob) === undefined) {
      if (Date.now() > deadline) throw new Error(`no blob after 90 s; ${existsSync(`${blob}.failed`) ? readFileSync(`${blob}.failed`, 'utf8') : ''}`);
      await new Promise((resolve) => setTimeout(resolve, 200));
    }

    const second = launch(LAUNCHER, [], { env });
    running.push(second);
    const { address, serverCertPem } = parseHandshake(await second.firstLine());
    expect(cmdline(second.child.pid!)).toEqual(expect.arrayContaining(['--snapshot-blob', blob]));
    const Provider = (loadProtocol() as unknown as { tfplugin6: { Provider: new (a: string, c: grpc.ChannelCredentials, o: grpc.ChannelOptions) => grpc.Client } }).tfplugin6.Provider;
    const client = new Provider(
      address,
      grpc.credentials.createSsl(Buffer.from(serverCertPem!), Buffer.from(clientCert.keyPem), Buffer.from(clientCert.certPem)),
      LOCALHOST_TLS_OPTIONS,
    ) as grpc.Client & { GetProviderSchema(req: object, cb: (e: Error | null, r: { resource_schemas: object }) => void): void };
    const schema = await new Promise<{ resource_schemas: object }>((resolve, reject) =>
      client.GetProviderSchema({}, (error, response) => (error ? reject(error) : resolve(response))),
    );
    client.close();
    expect(Object.keys(schema.resource_schemas)).toContain('kestra_service_account');
  }, 150_000);
});

test('node refuses a blob built by another node binary version (what the cache keying prevents)', () => {
  // The blob without the V8 flags that built it is what a different node looks like to V8.
  const blob = target('cache').blob;
  let status: number | null = 0;
  try {
    execFileSync(NODE, ['--snapshot-blob', blob, '--', '--print-schema'], { stdio: 'pipe' });
  } catch (error) {
    status = (error as { status: number | null }).status;
  }
  expect(status).toBe(14);
});
