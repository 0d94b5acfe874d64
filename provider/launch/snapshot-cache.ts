// The per-user cache of V8 startup snapshots of the provider bundle. A blob starts the provider without
// loading or compiling its modules, but it only loads under the exact node binary that built it (anything
// else exits 14, and a damaged blob crashes), so the launcher uses a blob only through this cache's
// contract:
//
//   <cache>/<bundle id>/node-<node version>.blob        written whole, verified, then renamed into place
//   <cache>/<bundle id>/node-<node version>.blob.node   the node path that built it, written after the blob
//
// The cache lives outside the provider's directory, which Terraform checks against the lock file's hashes.
// The first start with no blob runs the bundle and asks for a build in the background (startSnapshotBuild);
// the build runs with an empty environment, so nothing of the user's environment is frozen into the blob.
import { spawn, spawnSync } from 'node:child_process';
import { chmodSync, closeSync, mkdirSync, openSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeSync } from 'node:fs';
import { dirname, join } from 'node:path';
import * as grpc from '@grpc/grpc-js';
import { MAGIC_COOKIE_KEY, MAGIC_COOKIE_VALUE } from '../bridge/handshake.js';
import { loadProtocol } from '../bridge/protocol/load.js';
import { SNAPSHOT_NODE_FLAGS } from './node-flags.js';

/** Set by the launcher when it found no usable blob: where the blob should be, and the node that should build it. */
export const TARGET_ENV = 'KESTRA_PROVIDER_SNAPSHOT_TARGET';
export const NODE_PATH_ENV = 'KESTRA_PROVIDER_NODE_PATH';
/** The bundle's argument that makes it a snapshot builder instead of a provider. */
export const BUILD_ARG = '--build-snapshot-cache';

export interface SnapshotTarget {
  blob: string;
  /** The node command as the launcher resolved it (`command -v`), recorded next to the blob. */
  nodePath: string;
}

/** A build lock older than this was left by a builder that died; builds take seconds. */
const STALE_LOCK_MS = 5 * 60_000;
const BUILD_TIMEOUT_MS = 120_000;
const VERIFY_TIMEOUT_MS = 30_000;
/** Bundle ids kept besides the current one (older bundles of a provider that was upgraded). */
const KEEP_OTHER_BUNDLES = 2;
/**
 * Other bundles whose blobs were written this recently are never pruned: another checkout or version may be
 * launching from them right now, and a blob removed between the launcher's check and node's read fails that start.
 */
const RECENT_BUNDLE_MS = 24 * 60 * 60 * 1000;

export function snapshotTargetFromEnv(env: NodeJS.ProcessEnv): SnapshotTarget | undefined {
  const blob = env[TARGET_ENV];
  const nodePath = env[NODE_PATH_ENV];
  return blob && nodePath ? { blob, nodePath } : undefined;
}

/** A failed build is not retried for this long, so that a node that cannot snapshot costs nothing at every start. */
const RETRY_FAILED_MS = 24 * 3600_000;

/**
 * Starts a detached builder for `target` and returns at once; the builder outlives this process. Nothing
 * happens while a recent failure is on record (`<blob>.failed`, which says why).
 */
export function startSnapshotBuild(target: SnapshotTarget, bundlePath: string): void {
  try {
    if (Date.now() - statSync(`${target.blob}.failed`).mtimeMs < RETRY_FAILED_MS) return;
  } catch {
    // No failure on record.
  }
  const child = spawn(process.execPath, [bundlePath, BUILD_ARG], {
    detached: true,
    stdio: 'ignore',
    env: { [TARGET_ENV]: target.blob, [NODE_PATH_ENV]: target.nodePath },
  });
  child.on('error', () => {});
  child.unref();
}

export type BuildOutcome = 'built' | 'present' | 'busy';

/**
 * Builds, verifies and installs the blob for `target`. Another builder holding the lock means 'busy'; a blob
 * already recorded for this node means 'present'. Throws when the build or the verification fails, leaving
 * no blob behind.
 */
export async function buildSnapshot(target: SnapshotTarget, bundlePath: string, node: string = process.execPath): Promise<BuildOutcome> {
  const bundleDir = dirname(target.blob);
  ensurePrivateDir(dirname(bundleDir));
  ensurePrivateDir(bundleDir);
  if (recordedNode(target.blob) === target.nodePath) return 'present';

  const lock = `${target.blob}.lock`;
  if (!takeLock(lock)) return 'busy';
  const tmp = `${target.blob}.${process.pid}.tmp`;
  try {
    const built = spawnSync(node, [...SNAPSHOT_NODE_FLAGS, '--snapshot-blob', tmp, '--build-snapshot', bundlePath], {
      env: {},
      stdio: ['ignore', 'ignore', 'pipe'],
      timeout: BUILD_TIMEOUT_MS,
      encoding: 'utf8',
    });
    if (built.status !== 0) throw new Error(`snapshot build exited ${built.status ?? built.signal}: ${built.stderr.trim().slice(-2000)}`);
    await verifySnapshot(node, tmp);
    chmodSync(tmp, 0o600);
    renameSync(tmp, target.blob);
    writeAtomically(`${target.blob}.node`, `${target.nodePath}\n`);
    rmSync(`${target.blob}.failed`, { force: true });
    pruneOtherBundles(dirname(bundleDir), bundleDir);
    return 'built';
  } finally {
    rmSync(tmp, { force: true });
    rmSync(lock, { recursive: true, force: true });
  }
}

/** Leaves the reason next to where the blob would be, which also holds off new builds for a while. */
export function recordBuildFailure(target: SnapshotTarget, error: unknown): void {
  try {
    writeAtomically(`${target.blob}.failed`, `${new Date().toISOString()} ${error instanceof Error ? error.message : String(error)}\n`);
  } catch {
    // The cache is not writable: the launcher keeps starting the bundle, which is only slower.
  }
}

/** The node path recorded for an installed blob, or undefined when there is none. */
export function recordedNode(blob: string): string | undefined {
  try {
    statSync(blob);
    return readFileSync(`${blob}.node`, 'utf8').split('\n')[0];
  } catch {
    return undefined;
  }
}

/**
 * Starts the provider from the blob as Terraform would (plaintext), asks for its schema and shuts it down:
 * a blob that cannot serve is never installed.
 */
export async function verifySnapshot(node: string, blob: string): Promise<void> {
  const child = spawn(node, ['--use-openssl-ca', ...SNAPSHOT_NODE_FLAGS, '--snapshot-blob', blob, '--'], {
    env: { [MAGIC_COOKIE_KEY]: MAGIC_COOKIE_VALUE, PLUGIN_PROTOCOL_VERSIONS: '6' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const exited = new Promise<number | null>((resolve) => child.once('close', (code) => resolve(code)));
  const timer = setTimeout(() => child.kill('SIGKILL'), VERIFY_TIMEOUT_MS);
  try {
    const line = await new Promise<string>((resolve, reject) => {
      let out = '';
      child.stdout!.on('data', (chunk: Buffer) => {
        out += chunk.toString();
        const newline = out.indexOf('\n');
        if (newline >= 0) resolve(out.slice(0, newline));
      });
      void exited.then((code) => reject(new Error(`the snapshot exited ${code} before its handshake`)));
    });
    const fields = line.split('|');
    if (fields.length !== 6 || fields[0] !== '1' || fields[1] !== '6' || fields[4] !== 'grpc') throw new Error(`the snapshot printed ${JSON.stringify(line)} instead of a handshake`);
    const address = fields[3]!;
    const tree = loadProtocol() as unknown as Record<string, Record<string, new (address: string, credentials: grpc.ChannelCredentials) => grpc.Client>>;
    const unary = (pkg: string, service: string, method: string) =>
      new Promise<Record<string, unknown>>((resolve, reject) => {
        const client = new tree[pkg]![service]!(address, grpc.credentials.createInsecure()) as unknown as Record<string, (req: object, cb: (e: Error | null, r: Record<string, unknown>) => void) => void> & grpc.Client;
        client[method]!({}, (error, response) => {
          client.close();
          if (error) reject(error);
          else resolve(response);
        });
      });
    const schema = await unary('tfplugin6', 'Provider', 'GetProviderSchema');
    if (Object.keys((schema.resource_schemas as object | undefined) ?? {}).length === 0) throw new Error('the snapshot served a schema without resources');
    await unary('plugin', 'GRPCController', 'Shutdown');
    const code = await exited;
    if (code !== 0) throw new Error(`the snapshot exited ${code} after Shutdown`);
  } finally {
    clearTimeout(timer);
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  }
}

/** Creates `dir` readable by its owner only, and refuses one that is someone else's or open to others: a blob is code. */
function ensurePrivateDir(dir: string): void {
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const stat = statSync(dir);
  const uid = process.getuid?.();
  if (uid !== undefined && stat.uid !== uid) throw new Error(`${dir} belongs to uid ${stat.uid}, not to this user`);
  if ((stat.mode & 0o022) !== 0) throw new Error(`${dir} is writable by other users (mode ${(stat.mode & 0o777).toString(8)})`);
}

function takeLock(lock: string): boolean {
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      mkdirSync(lock, { mode: 0o700 });
      return true;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      let age: number;
      try {
        age = Date.now() - statSync(lock).mtimeMs;
      } catch {
        continue; // released meanwhile
      }
      if (age < STALE_LOCK_MS) return false;
      rmSync(lock, { recursive: true, force: true });
    }
  }
  return false;
}

function writeAtomically(path: string, text: string): void {
  const tmp = `${path}.${process.pid}.tmp`;
  const fd = openSync(tmp, 'w', 0o600);
  try {
    writeSync(fd, text);
  } finally {
    closeSync(fd);
  }
  renameSync(tmp, path);
}

function pruneOtherBundles(cacheDir: string, current: string): void {
  const others = readdirSync(cacheDir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && join(cacheDir, entry.name) !== current)
    .map((entry) => ({ path: join(cacheDir, entry.name), mtime: statSync(join(cacheDir, entry.name)).mtimeMs }))
    .sort((a, b) => b.mtime - a.mtime);
  const now = Date.now();
  for (const stale of others.slice(KEEP_OTHER_BUNDLES)) if (now - stale.mtime > RECENT_BUNDLE_MS) rmSync(stale.path, { recursive: true, force: true });
}
