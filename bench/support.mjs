import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

/** Prints rows as an aligned table: the first column left-aligned, the figures right-aligned. */
export function printTable(header, rows) {
  const all = [header, ...rows];
  const widths = header.map((_, c) => Math.max(...all.map((r) => r[c].length)));
  const fmt = (r) => r.map((cell, c) => (c === 0 ? cell.padEnd(widths[c]) : cell.padStart(widths[c]))).join('  ');
  console.log(fmt(header));
  console.log(widths.map((w) => '-'.repeat(w)).join('  '));
  for (const r of rows) console.log(fmt(r));
}

const ROOT = fileURLToPath(new URL('..', import.meta.url));

/** The built emulator's startEmulator; exits with a message when dist/ is missing. */
export async function loadStartEmulator() {
  const emulator = join(ROOT, 'dist/emulator/index.js');
  if (!existsSync(emulator) || !existsSync(join(ROOT, 'dist/provider/main.js'))) {
    console.error('dist/ is missing: run npm run build first');
    process.exit(1);
  }
  return (await import(pathToFileURL(emulator).href)).startEmulator;
}

/** Writes `<dir>/cli.tfrc`, a CLI configuration that points Terraform at bin/ (dev_overrides), and returns its path. */
export function writeDevOverrides(dir) {
  const file = join(dir, 'cli.tfrc');
  writeFileSync(file, `provider_installation {\n  dev_overrides {\n    "registry.terraform.io/kestra-iam/kestra" = ${JSON.stringify(join(ROOT, 'bin'))}\n  }\n  direct {}\n}\n`);
  return file;
}

/** The bundle id of a built checkout (its launcher names it), which keys its snapshot cache and reuse servers. */
export function bundleIdOf(checkout) {
  const launchScript = readFileSync(join(checkout, 'dist', 'terraform-provider-kestra', 'launch.sh'), 'utf8');
  return /for bundle ([0-9a-f]{16})\./.exec(launchScript)[1];
}

/** This user's cache directory of one bundle (the launcher's default). */
export function bundleCacheDir(bundleId) {
  const cache = process.env.XDG_CACHE_HOME || join(process.env.HOME ?? '', '.cache');
  return join(cache, 'terraform-provider-kestra', bundleId);
}

/**
 * Calls `start` (something that starts the provider, which then builds its blob in the background) until this
 * user's cache holds the blob of a bundle for a node version, for at most 3 minutes. Resolves undefined once the
 * blob is there, or the last lines of the build's failure record.
 */
export async function waitForBlob(bundleId, nodeVersion, start) {
  const blob = join(bundleCacheDir(bundleId), `node-${nodeVersion}.blob`);
  const deadline = Date.now() + 180_000;
  while (!existsSync(`${blob}.node`)) {
    if (existsSync(`${blob}.failed`)) return readFileSync(`${blob}.failed`, 'utf8').trim().split('\n').slice(-2).join(' ');
    if (Date.now() > deadline) throw new Error(`no snapshot blob at ${blob} after 3 minutes`);
    await start();
    await new Promise((r) => setTimeout(r, 1000));
  }
  return undefined;
}

/** The pids of the reuse servers of a bundle alive now, from their slot files. */
export function reuseServers(bundleId) {
  const dir = bundleCacheDir(bundleId);
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((f) => /\.reuse-\d+$/.test(f))
    .map((f) => Number(readFileSync(join(dir, f), 'utf8').trim().split(' ')[3]))
    .filter((pid) => existsSync(`/proc/${pid}/status`));
}

/** Stops the reuse servers of a bundle and returns once they are gone, so that the next command starts one afresh. */
export async function stopReuseServers(bundleId) {
  const pids = reuseServers(bundleId);
  for (const pid of pids) process.kill(pid, 'SIGTERM');
  while (pids.some((pid) => existsSync(`/proc/${pid}/status`))) await new Promise((r) => setTimeout(r, 20));
}

/** VmHWM of a process in MiB, 0 once it is gone. */
export function peakMiB(pid) {
  try {
    return Number(/VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0) / 1024;
  } catch {
    return 0;
  }
}
