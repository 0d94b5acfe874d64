#!/usr/bin/env node
// How `terraform apply` and `terraform plan` scale with the number of resources, ours against Terraform's
// built-in `terraform_data` (same Terraform, same graph size, no provider process and no API behind it).
//
//   node bench/plan-apply-scale.mjs [--sizes 10,100,1000] [--parallelism 10[,32]] [--keep]
//
// For each N: a fresh emulator (in-process, SQLite in a fresh data dir), then for each parallelism P:
//   workspace A: N x kestra_service_account   -> time apply -auto-approve, plan (refresh included), destroy
//   workspace B: N x terraform_data           -> the same three commands
// and the ratio A/B. Terraform runs with its own CLI config (dev_overrides to bin/, no init, no registry),
// CHECKPOINT_DISABLE=1 and TF_IN_AUTOMATION=1; nothing leaves 127.0.0.1. Figures only: nothing is asserted.
// Everything lives under a temporary directory that is removed at the end (kept with --keep).
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync, createWriteStream, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { printTable } from './support.mjs';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const BIN_DIR = join(ROOT, 'bin');
const EMULATOR = join(ROOT, 'dist/emulator/index.js');
const ADMIN_USER = 'admin@kestra.io';
const ADMIN_PASSWORD = 'Admin1234!';
const COMMAND_TIMEOUT_MS = 20 * 60_000;

const { values: args } = parseArgs({ options: { sizes: { type: 'string' }, parallelism: { type: 'string' }, keep: { type: 'boolean' } } });
const SIZES = String(args.sizes ?? '10,100,1000').split(',').map(Number);
const PARALLELISMS = String(args.parallelism ?? '10').split(',').map(Number);
const KEEP = args.keep === true;
if (SIZES.some((n) => !Number.isInteger(n) || n < 1) || PARALLELISMS.some((p) => !Number.isInteger(p) || p < 1)) {
  console.error('usage: node bench/plan-apply-scale.mjs [--sizes 10,100,1000] [--parallelism 10,32] [--keep]');
  process.exit(2);
}
if (!existsSync(EMULATOR) || !existsSync(join(ROOT, 'dist/provider/main.js'))) {
  console.error('dist/ is missing: run npm run build first');
  process.exit(1);
}

const { startEmulator } = await import(pathToFileURL(EMULATOR).href);

const work = mkdtempSync(join(tmpdir(), 'kestra-bench-scale-'));
const cliConfig = join(work, 'cli.tfrc');
writeFileSync(
  cliConfig,
  `provider_installation {\n  dev_overrides {\n    "registry.terraform.io/kestra-iam/kestra" = ${JSON.stringify(BIN_DIR)}\n  }\n  direct {}\n}\n`,
);
const tfEnv = { ...process.env, TF_CLI_CONFIG_FILE: cliConfig, CHECKPOINT_DISABLE: '1', TF_IN_AUTOMATION: '1' };
for (const key of Object.keys(tfEnv)) {
  if (/^TF_(LOG|LOG_PATH|LOG_PROVIDER|LOG_CORE|REATTACH_PROVIDERS|DATA_DIR|WORKSPACE|CLI_ARGS.*|VAR_.*)$/.test(key)) delete tfEnv[key];
  if (/^KESTRA_/.test(key)) delete tfEnv[key];
}

let emulator;
let running; // the terraform child, killed if we are interrupted
const cleanup = async () => {
  running?.kill('SIGKILL');
  await emulator?.close().catch(() => {});
  if (!KEEP) rmSync(work, { recursive: true, force: true });
};
process.on('SIGINT', () => void cleanup().then(() => process.exit(130)));

const results = [];
const startedAt = performance.now();
console.log(`plan/apply scale: sizes ${SIZES.join(',')}, parallelism ${PARALLELISMS.join(',')}, terraform ${terraformVersion()}, node ${process.version}`);
console.log(`work dir ${work}${KEEP ? ' (kept)' : ''}`);
try {
  for (const n of SIZES) {
    const dataDir = join(work, `emulator-${n}`);
    mkdirSync(dataDir);
    emulator = await startEmulator({ dataDir, port: 0 });
    try {
      for (const p of PARALLELISMS) {
        const ours = join(work, `kestra-n${n}-p${p}`);
        const theirs = join(work, `data-n${n}-p${p}`);
        mkdirSync(ours);
        mkdirSync(theirs);
        writeFileSync(join(ours, 'main.tf'), kestraConfig(emulator.url, n, `p${p}`));
        writeFileSync(join(theirs, 'main.tf'), dataConfig(n));
        const row = { n, p };
        for (const [key, dir] of [['ours', ours], ['data', theirs]]) {
          row[key] = {};
          row[key].apply = await terraform(dir, ['apply', '-auto-approve', '-input=false', '-no-color', `-parallelism=${p}`], `${key} apply N=${n} P=${p}`);
          const plan = await terraform(dir, ['plan', '-input=false', '-no-color', '-detailed-exitcode', `-parallelism=${p}`], `${key} plan N=${n} P=${p}`, [0, 2]);
          row[key].plan = plan;
          if (plan.code === 2) row[key].planNote = 'plan after apply was not empty';
          row[key].destroy = await terraform(dir, ['destroy', '-auto-approve', '-input=false', '-no-color', `-parallelism=${p}`], `${key} destroy N=${n} P=${p}`);
        }
        results.push(row);
        printRow(row);
      }
    } finally {
      await emulator.close();
      emulator = undefined;
    }
  }
} finally {
  await cleanup();
}

console.log('');
console.log(`seconds (wall clock per command); ratio = kestra_service_account / terraform_data; total bench time ${((performance.now() - startedAt) / 1000).toFixed(0)} s`);
console.log('');
const header = ['N', 'P', 'apply ours', 'apply tf_data', 'ratio', 'plan ours', 'plan tf_data', 'ratio', 'destroy ours', 'destroy tf_data', 'ratio'];
const body = results.map((r) => [
  String(r.n),
  String(r.p),
  ...['apply', 'plan', 'destroy'].flatMap((cmd) => [
    secs(r.ours[cmd].seconds),
    secs(r.data[cmd].seconds),
    `${(r.ours[cmd].seconds / r.data[cmd].seconds).toFixed(1)}x`,
  ]),
]);
printTable(header, body);
const notes = results.flatMap((r) => ['ours', 'data'].filter((k) => r[k].planNote).map((k) => `N=${r.n} P=${r.p} ${k}: ${r[k].planNote}`));
if (notes.length) console.log(`\nnotes:\n  ${notes.join('\n  ')}`);
console.log('');
console.log('target: plan and apply at N=1000 <= 1.5x terraform_data');

// ---------------------------------------------------------------------------------------------------------

function kestraConfig(url, n, prefix) {
  return `terraform {
  required_providers {
    kestra = { source = "kestra-iam/kestra" }
  }
}

provider "kestra" {
  url      = ${JSON.stringify(url)}
  username = ${JSON.stringify(ADMIN_USER)}
  password = ${JSON.stringify(ADMIN_PASSWORD)}
}

resource "kestra_service_account" "sa" {
  count = ${n}
  name  = "bench-${prefix}-\${count.index}"
}
`;
}

function dataConfig(n) {
  return `resource "terraform_data" "d" {
  count = ${n}
  input = "x-\${count.index}"
}
`;
}

/** Runs terraform in `dir`, output to a log file there; resolves { seconds, code }. */
function terraform(dir, argv, label, okCodes = [0]) {
  const logPath = join(dir, `${argv[0]}.log`);
  return new Promise((resolve, reject) => {
    const log = createWriteStream(logPath, { flags: 'a' });
    const start = performance.now();
    const child = spawn('terraform', argv, { cwd: dir, env: tfEnv, stdio: ['ignore', 'pipe', 'pipe'] });
    running = child;
    child.stdout.pipe(log, { end: false });
    child.stderr.pipe(log, { end: false });
    const timer = setTimeout(() => child.kill('SIGKILL'), COMMAND_TIMEOUT_MS);
    child.on('error', reject);
    child.on('close', (code, signal) => {
      const seconds = (performance.now() - start) / 1000;
      clearTimeout(timer);
      running = undefined;
      log.end(() => {
        process.stderr.write(`  ${label}: ${seconds.toFixed(2)} s (exit ${code ?? signal})\n`);
        if (okCodes.includes(code)) return resolve({ seconds, code });
        const tail = readFileSync(logPath, 'utf8').split('\n').slice(-30).join('\n');
        reject(new Error(`terraform ${argv.join(' ')} in ${dir} failed (${code ?? signal}):\n${tail}`));
      });
    });
  });
}

function terraformVersion() {
  try {
    return JSON.parse(execFileSync('terraform', ['version', '-json'], { env: tfEnv, encoding: 'utf8' })).terraform_version;
  } catch {
    return '?';
  }
}

function printRow(r) {
  const f = (k) => `apply ${secs(r[k].apply.seconds)} s, plan ${secs(r[k].plan.seconds)} s, destroy ${secs(r[k].destroy.seconds)} s`;
  console.log(`N=${r.n} P=${r.p}: kestra_service_account ${f('ours')} | terraform_data ${f('data')}`);
}

function secs(s) {
  return s.toFixed(2);
}


