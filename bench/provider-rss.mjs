#!/usr/bin/env node
// Peak resident memory (VmHWM) of the provider during `terraform apply` of N service accounts.
//
//   node bench/provider-rss.mjs [--count 100] [--interval 20] [--cycles 5] [--node-options '--max-semi-space-size=1']
//
// Two measurements against one in-process emulator (fresh SQLite data dir):
//   1. as Terraform runs it: a normal `terraform apply`. Terraform starts a provider process per graph walk
//      (schema, validate, plan, apply); every --interval ms we list terraform's children
//      (/proc/<tf>/task/*/children), keep the provider processes (from a snapshot blob, the bundle or
//      dist/provider/main.js; not the snapshot builder) and record their VmHWM. A
//      process's last sample is at most one interval before it exits, so a late spike could be missed.
//      With process reuse (the default), those children are launchers, and the sessions are served by a warm
//      provider (provider/launch/reuse-server.ts) that is not Terraform's child: this bundle's warm providers
//      are stopped first, so the apply starts one afresh, and its VmHWM, read after the apply, is exact.
//   2. reattach: one long-lived provider started with bin/terraform-provider-kestra --debug; Terraform reattaches to it through
//      TF_REATTACH_PROVIDERS for --cycles rounds of apply, plan and destroy, so that single process serves every
//      walk of every command, as a provider reused across Terraform sessions would. Its VmHWM is read after each
//      command: exact, and an upper bound for any one process of mode 1 (it accumulates everything, and it never
//      pays for TLS). After each round: VmRSS, its anonymous and file-backed parts, and the open sockets, which
//      must level off rather than grow with the number of rounds.
// --node-options sets NODE_OPTIONS for the provider processes (Terraform passes its environment on), to try
// V8 heap flags without touching the provider; with NODE_OPTIONS set, the launcher runs the bundle, not a snapshot. Then `terraform destroy` and cleanup. Linux only (/proc). Figures only: nothing is asserted.
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, readlinkSync, rmSync, writeFileSync, createWriteStream } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { bundleIdOf, peakMiB, reuseServers, stopReuseServers, waitForBlob } from './support.mjs';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const MAIN = join(ROOT, 'dist/provider/main.js');
const BIN = join(ROOT, 'bin/terraform-provider-kestra');
const PROVIDER_ADDRESS = 'registry.terraform.io/kestra-iam/kestra';
const TARGET_MIB = 64;

const { values: args } = parseArgs({ options: { count: { type: 'string' }, interval: { type: 'string' }, cycles: { type: 'string' }, 'node-options': { type: 'string' } } });
const COUNT = Number(args.count ?? 100);
const INTERVAL_MS = Number(args.interval ?? 20);
const CYCLES = Number(args.cycles ?? 5);
const NODE_OPTIONS = args['node-options'];
if (!existsSync(MAIN)) {
  console.error('dist/ is missing: run npm run build first');
  process.exit(1);
}
if (!existsSync('/proc/self/status')) {
  console.error('needs Linux /proc');
  process.exit(1);
}

const { startEmulator } = await import(pathToFileURL(join(ROOT, 'dist/emulator/index.js')).href);
const work = mkdtempSync(join(tmpdir(), 'kestra-bench-rss-'));
const cliConfig = join(work, 'cli.tfrc');
writeFileSync(
  cliConfig,
  `provider_installation {\n  dev_overrides {\n    "${PROVIDER_ADDRESS}" = ${JSON.stringify(join(ROOT, 'bin'))}\n  }\n  direct {}\n}\n`,
);
const tfEnv = { ...process.env, TF_CLI_CONFIG_FILE: cliConfig, CHECKPOINT_DISABLE: '1', TF_IN_AUTOMATION: '1' };
for (const key of Object.keys(tfEnv)) if (/^(TF_LOG.*|TF_REATTACH_PROVIDERS|TF_DATA_DIR|TF_WORKSPACE|TF_CLI_ARGS.*|KESTRA_.*|NODE_OPTIONS)$/.test(key)) delete tfEnv[key];
if (NODE_OPTIONS) tfEnv.NODE_OPTIONS = NODE_OPTIONS;

const emulator = await startEmulator({ dataDir: mkdir(join(work, 'emulator')), port: 0 });
let debugProvider;
try {
  console.log(`provider peak RSS, apply of ${COUNT} kestra_service_account, node ${process.version}${NODE_OPTIONS ? `, NODE_OPTIONS=${NODE_OPTIONS}` : ''}`);
  console.log('');

  // 1. The processes that serve Terraform, as in real use.
  const spawned = mkdir(join(work, 'spawned'));
  writeFileSync(join(spawned, 'main.tf'), config(emulator.url, COUNT, 'spawned'));
  const bundle = bundleIdOf(ROOT);
  await snapshotReady(bundle, emulator.url);
  await stopReuseServers(bundle);
  const seen = new Map(); // pid -> { hwmKiB, rssKiB }
  const launchers = new Map(); // pid -> VmHWM (KiB) of the other children: launchers
  let tfHwmKiB = 0;
  const apply = await terraform(spawned, ['apply', '-auto-approve', '-input=false', '-no-color'], tfEnv, (tfPid) => {
    tfHwmKiB = Math.max(tfHwmKiB, statusKiB(tfPid, 'VmHWM') ?? 0);
    for (const pid of childrenOf(tfPid)) {
      const cmdline = readText(`/proc/${pid}/cmdline`)?.split('\0') ?? [];
      if (!isProvider(cmdline) || !isNode(pid)) {
        launchers.set(pid, Math.max(launchers.get(pid) ?? 0, statusKiB(pid, 'VmHWM') ?? 0));
        continue;
      }
      const hwm = statusKiB(pid, 'VmHWM');
      if (hwm === undefined) continue;
      const entry = seen.get(pid) ?? { hwmKiB: 0, samples: 0 };
      entry.hwmKiB = Math.max(entry.hwmKiB, hwm);
      entry.samples++;
      seen.set(pid, entry);
    }
  });
  const peaks = [...seen.values()].map((e) => e.hwmKiB);
  const warm = reuseServers(bundle).map(peakMiB);
  const launcherPeaks = [...launchers.values()];
  const peakServing = Math.max(0, ...warm, ...peaks.map((kib) => kib / 1024));
  console.log(`1. as terraform runs it (apply ${apply.toFixed(1)} s, sampled every ${INTERVAL_MS} ms)`);
  if (launcherPeaks.length > 0) console.log(`   launchers terraform started: ${launcherPeaks.length}, VmHWM at most ${mib(Math.max(...launcherPeaks))} MiB`);
  if (warm.length > 0) console.log(`   warm provider that served the sessions, started by this apply: VmHWM ${warm.map((m) => m.toFixed(1)).join(', ')} MiB (exact)`);
  if (peaks.length > 0) console.log(`   provider processes terraform started: ${peaks.length}; VmHWM of each, in start order: ${peaks.map(mib).join(', ')} MiB`);
  console.log(`   peak provider RSS: ${peakServing.toFixed(1)} MiB   (terraform itself: ${mib(tfHwmKiB)} MiB)`);
  await terraform(spawned, ['destroy', '-auto-approve', '-input=false', '-no-color'], tfEnv);

  // 2. One long-lived provider, reattached, through several rounds of apply, plan and destroy.
  debugProvider = await startDebugProvider();
  const reattached = mkdir(join(work, 'reattach'));
  writeFileSync(join(reattached, 'main.tf'), config(emulator.url, COUNT, 'reattach'));
  const reEnv = { ...tfEnv, TF_REATTACH_PROVIDERS: debugProvider.reattach };
  const providerPid = debugProvider.pid;
  console.log('');
  console.log(`2. one --debug provider reattached via TF_REATTACH_PROVIDERS, ${CYCLES} rounds of apply, plan, destroy (MiB)`);
  console.log(`   idle after start: VmHWM ${mib(statusKiB(providerPid, 'VmHWM'))}, ${memoryParts(providerPid)}`);
  let firstApplyKiB;
  for (let round = 1; round <= CYCLES; round++) {
    const applySeconds = await terraform(reattached, ['apply', '-auto-approve', '-input=false', '-no-color'], reEnv);
    const afterApply = statusKiB(providerPid, 'VmHWM');
    firstApplyKiB ??= afterApply;
    await terraform(reattached, ['plan', '-input=false', '-no-color'], reEnv);
    const afterPlan = statusKiB(providerPid, 'VmHWM');
    await terraform(reattached, ['destroy', '-auto-approve', '-input=false', '-no-color'], reEnv);
    console.log(
      `   round ${round}: VmHWM after apply ${mib(afterApply)} (apply ${applySeconds.toFixed(1)} s), after plan ${mib(afterPlan)}, ` +
        `after destroy ${mib(statusKiB(providerPid, 'VmHWM'))}; then ${memoryParts(providerPid)}, ${socketCount(providerPid)} sockets open`,
    );
  }
  console.log('');
  console.log(`peak provider RSS: ${peakServing.toFixed(1)} MiB as terraform runs it, ${mib(firstApplyKiB)} MiB single process after its first apply, ${mib(statusKiB(providerPid, 'VmHWM'))} MiB after ${CYCLES} rounds (target < ${TARGET_MIB} MB)`);
} finally {
  if (debugProvider) {
    debugProvider.child.kill('SIGTERM');
    await new Promise((r) => (debugProvider.child.exitCode !== null ? r() : debugProvider.child.once('exit', r)));
  }
  await emulator.close();
  rmSync(work, { recursive: true, force: true });
}

// ---------------------------------------------------------------------------------------------------------

function config(url, n, prefix) {
  return `terraform {
  required_providers {
    kestra = { source = "kestra-iam/kestra" }
  }
}

provider "kestra" {
  url      = ${JSON.stringify(url)}
  username = "admin@kestra.io"
  password = "Admin1234!"
}

resource "kestra_service_account" "sa" {
  count = ${n}
  name  = "rss-${prefix}-\${count.index}"
}
`;
}

/**
 * Waits until this user's cache holds the blob of this bundle for this node (the first start with an empty cache
 * builds it in the background), starting the provider through a plan of an empty configuration meanwhile.
 */
async function snapshotReady(bundle, url) {
  if (NODE_OPTIONS) return; // the launcher runs the bundle then, never a blob
  const dir = mkdir(join(work, 'warm-up'));
  writeFileSync(join(dir, 'main.tf'), config(url, 0, 'warm-up'));
  await waitForBlob(bundle, process.version, () => terraform(dir, ['plan', '-input=false', '-no-color'], tfEnv));
}

/** Runs terraform; calls `sample(pid)` every INTERVAL_MS while it runs. Resolves its wall time in seconds. */
function terraform(dir, argv, env, sample) {
  const logPath = join(dir, `${argv[0]}.log`);
  return new Promise((resolve, reject) => {
    const log = createWriteStream(logPath);
    const start = performance.now();
    const child = spawn('terraform', argv, { cwd: dir, env, stdio: ['ignore', 'pipe', 'pipe'] });
    child.stdout.pipe(log, { end: false });
    child.stderr.pipe(log, { end: false });
    const poll = sample ? setInterval(() => sample(child.pid), INTERVAL_MS) : undefined;
    child.on('error', reject);
    child.on('close', (code) => {
      clearInterval(poll);
      const seconds = (performance.now() - start) / 1000;
      log.end(() => {
        if (code === 0) return resolve(seconds);
        const tail = readFileSync(logPath, 'utf8').split('\n').slice(-30).join('\n');
        reject(new Error(`terraform ${argv.join(' ')} failed (${code}):\n${tail}`));
      });
    });
  });
}

/** Whether the process runs node (a provider), not a shell (a launcher, whose arguments may name the blob too). */
function isNode(pid) {
  try {
    return /^node/.test(readlinkSync(`/proc/${pid}/exe`).split('/').pop() ?? '');
  } catch {
    return false;
  }
}

/** A provider process as the launcher starts it: from a cached blob, the bundle, or the modules; not a snapshot builder. */
function isProvider(cmdline) {
  if (cmdline.some((a) => a.startsWith('--build-snapshot'))) return false;
  return cmdline.some((a) => a.endsWith('dist/provider/main.js') || a.endsWith('kestra-provider.cjs') || (a.includes('/terraform-provider-kestra/') && a.endsWith('.blob')));
}

/** `bin/terraform-provider-kestra --debug`; resolves once it printed its TF_REATTACH_PROVIDERS line. */
function startDebugProvider() {
  return new Promise((resolve, reject) => {
    const env = { ...process.env };
    delete env.PLUGIN_CLIENT_CERT;
    delete env.NODE_OPTIONS;
    if (NODE_OPTIONS) env.NODE_OPTIONS = NODE_OPTIONS;
    const child = spawn(BIN, ['--debug'], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    const timer = setTimeout(() => reject(new Error(`no reattach line from --debug provider: ${out}${err}`)), 20_000);
    child.stderr.on('data', (c) => (err += c));
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (chunk) => {
      out += chunk;
      const m = /TF_REATTACH_PROVIDERS='([^']+)'/.exec(out);
      if (!m) return;
      clearTimeout(timer);
      child.stdout.removeAllListeners('data');
      child.stdout.resume();
      resolve({ child, pid: child.pid, reattach: m[1] });
    });
    child.on('error', reject);
  });
}

/** Direct children of `pid`, over all its threads (Go forks from any of them). */
function childrenOf(pid) {
  const out = [];
  let tasks;
  try {
    tasks = readdirSync(`/proc/${pid}/task`);
  } catch {
    return out;
  }
  for (const tid of tasks) {
    const text = readText(`/proc/${pid}/task/${tid}/children`);
    if (text) for (const c of text.trim().split(/\s+/)) if (c) out.push(Number(c));
  }
  return out;
}

/** VmRSS, split into anonymous memory (heaps, buffers) and file-backed pages (node's code, libraries). */
function memoryParts(pid) {
  const rollup = readText(`/proc/${pid}/smaps_rollup`) ?? '';
  const field = (name) => Number(new RegExp(`^${name}:\\s+(\\d+) kB`, 'm').exec(rollup)?.[1] ?? NaN);
  return `VmRSS ${mib(statusKiB(pid, 'VmRSS'))} = ${mib(field('Anonymous'))} anonymous + ${mib(field('Rss') - field('Anonymous'))} file-backed`;
}

/** Sockets the process holds open (its connections to Kestra and from Terraform, and its listener). */
function socketCount(pid) {
  let fds = [];
  try {
    fds = readdirSync(`/proc/${pid}/fd`);
  } catch {
    return '?';
  }
  return fds.filter((fd) => {
    try {
      return readlinkSync(`/proc/${pid}/fd/${fd}`).startsWith('socket:');
    } catch {
      return false;
    }
  }).length;
}

function statusKiB(pid, field) {
  const m = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(readText(`/proc/${pid}/status`) ?? '');
  return m ? Number(m[1]) : undefined;
}

function readText(path) {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return undefined;
  }
}

function mib(kib) {
  return kib === undefined ? '?' : (kib / 1024).toFixed(1);
}

function mkdir(path) {
  mkdirSync(path, { recursive: true });
  return path;
}

