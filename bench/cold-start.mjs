#!/usr/bin/env node
// Provider cold start: time from spawn to the go-plugin handshake line on stdout, the way Terraform sees it
// (it launches one provider process per graph walk, so this is paid several times per command).
//
//   node bench/cold-start.mjs [--runs 20] [--warmup 2] [--compare OTHER_MAIN.js]
//
// Rows, each measured --runs times, interleaved round by round so that machine noise hits all rows alike:
//   node -e 0                 spawn -> exit of a bare node (the floor any Node provider pays)
//   provider, plaintext       spawn `node dist/provider/main.js` -> handshake line (no PLUGIN_CLIENT_CERT)
//   provider, mTLS            same with PLUGIN_CLIENT_CERT set: the provider also generates its server cert
//   provider via bin/, mTLS   same, launched through bin/terraform-provider-kestra as Terraform does
// --compare adds the plaintext and mTLS rows for another entry point (say, an esbuild bundle of
// dist/provider/main.js), measured in the same interleaved rounds.
// Each provider is SIGKILLed as soon as its line arrives. Figures only: nothing is asserted.
// Needs `npm run build` (dist/). Touches no network: the provider only binds 127.0.0.1.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { printTable } from './support.mjs';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const MAIN = join(ROOT, 'dist/provider/main.js');
const BIN = join(ROOT, 'bin/terraform-provider-kestra');
const MAGIC_COOKIE = 'd602bf8f470bc67ca7faa0386276bbdd4330efaf76d1a219cb4d6991ca9872b2';
const TIMEOUT_MS = 15_000;

const { values: args } = parseArgs({ options: { runs: { type: 'string' }, warmup: { type: 'string' }, compare: { type: 'string' } } });
const RUNS = Number(args.runs ?? 20);
const WARMUP = Number(args.warmup ?? 2);
const COMPARE = args.compare;

if (!existsSync(MAIN)) {
  console.error(`${MAIN} is missing: run npm run build first`);
  process.exit(1);
}

const clientCertPem = await makeClientCertificate();
const baseEnv = { ...process.env };
for (const key of ['TF_LOG', 'TF_LOG_PROVIDER', 'PLUGIN_CLIENT_CERT', 'NODE_OPTIONS']) delete baseEnv[key];
const pluginEnv = { ...baseEnv, TF_PLUGIN_MAGIC_COOKIE: MAGIC_COOKIE, PLUGIN_PROTOCOL_VERSIONS: '6' };
const tlsEnv = { ...pluginEnv, PLUGIN_CLIENT_CERT: clientCertPem };

const rows = [
  { name: 'node -e 0', run: () => timeToExit(process.execPath, ['-e', '0'], baseEnv) },
  { name: 'provider, plaintext', run: () => timeToHandshake(process.execPath, [MAIN], pluginEnv, false) },
  { name: 'provider, mTLS (PLUGIN_CLIENT_CERT)', run: () => timeToHandshake(process.execPath, [MAIN], tlsEnv, true) },
  { name: 'provider via bin/ wrapper, mTLS', run: () => timeToHandshake(BIN, [], tlsEnv, true) },
];
if (COMPARE) {
  if (!existsSync(COMPARE)) throw new Error(`--compare ${COMPARE}: no such file`);
  rows.push(
    { name: `--compare, plaintext`, run: () => timeToHandshake(process.execPath, [COMPARE], pluginEnv, false) },
    { name: `--compare, mTLS`, run: () => timeToHandshake(process.execPath, [COMPARE], tlsEnv, true) },
  );
}
const samples = rows.map(() => []);

for (let round = 0; round < WARMUP + RUNS; round++) {
  // Rotate the order each round so no row always runs right after another.
  for (let k = 0; k < rows.length; k++) {
    const i = (k + round) % rows.length;
    const ms = await rows[i].run();
    if (round >= WARMUP) samples[i].push(ms);
  }
}

const base = median(samples[0]);
console.log(`cold start, ${RUNS} runs each (+${WARMUP} warm-up rounds discarded), node ${process.version}, ${new Date().toISOString()}`);
console.log('');
const header = ['', 'median ms', 'p90 ms', 'min ms', 'median / node -e 0'];
const table = rows.map((row, i) => [
  row.name,
  median(samples[i]).toFixed(1),
  percentile(samples[i], 0.9).toFixed(1),
  Math.min(...samples[i]).toFixed(1),
  i === 0 ? '1.00x' : `${(median(samples[i]) / base).toFixed(2)}x`,
]);
printTable(header, table);
if (COMPARE) console.log(`--compare = ${COMPARE}`);
console.log('');
console.log('target: provider cold start <= 1.5x node -e 0');

// ---------------------------------------------------------------------------------------------------------

function timeToExit(command, argv, env) {
  return new Promise((resolve, reject) => {
    const start = performance.now();
    const child = spawn(command, argv, { env, stdio: 'ignore' });
    child.on('error', reject);
    child.on('exit', (code) => (code === 0 ? resolve(performance.now() - start) : reject(new Error(`${command} exited ${code}`))));
  });
}

/** Spawn -> first complete stdout line; checks it is a handshake line (with a certificate when `tls`). */
function timeToHandshake(command, argv, env, tls) {
  return new Promise((resolve, reject) => {
    const start = performance.now();
    const child = spawn(command, argv, { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    let done = false;
    const finish = (error, ms) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      child.kill('SIGKILL');
      // Wait for the process to be gone so the next sample does not compete with it.
      const settle = () => (error ? reject(error) : resolve(ms));
      if (child.exitCode !== null || child.signalCode !== null) settle();
      else child.once('exit', settle);
    };
    const timer = setTimeout(() => finish(new Error(`no handshake within ${TIMEOUT_MS} ms; stderr: ${err}`)), TIMEOUT_MS);
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (chunk) => {
      out += chunk;
      const nl = out.indexOf('\n');
      if (nl < 0) return;
      const ms = performance.now() - start;
      const line = out.slice(0, nl);
      const fields = line.split('|');
      const ok = fields.length === 6 && fields[0] === '1' && fields[1] === '6' && fields[4] === 'grpc' && (fields[5] !== '') === tls;
      finish(ok ? undefined : new Error(`unexpected handshake line: ${line}`), ms);
    });
    child.stderr.setEncoding('utf8');
    child.stderr.on('data', (chunk) => (err += chunk));
    child.on('error', (error) => finish(error));
    child.on('exit', (code, signal) => {
      if (!done) finish(new Error(`provider exited (${code ?? signal}) before its handshake; stderr: ${err}`));
    });
  });
}

/** A self-signed client certificate of go-plugin's template, like the one Terraform puts in PLUGIN_CLIENT_CERT. */
async function makeClientCertificate() {
  const { createServerCertificate } = await import(join(ROOT, 'dist', 'provider', 'bridge', 'tls.js'));
  return createServerCertificate().certPem;
}

function median(xs) {
  return percentile(xs, 0.5);
}

/** Nearest-rank percentile. */
function percentile(xs, p) {
  const sorted = [...xs].sort((a, b) => a - b);
  return sorted[Math.max(0, Math.ceil(p * sorted.length) - 1)];
}


