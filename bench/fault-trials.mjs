#!/usr/bin/env node
// Randomised fault and kill trials of the create protocol (issue 9): what is left on the server after an
// apply under faults, the provider killed with kill -9 at a random point, and the healthy applies that follow.
//
//   node bench/fault-trials.mjs [--trials 20] [--seed N] [--trial K] [--keep]
//
// Each trial draws, from the seed (printed, so a trial can be replayed with --seed S --trial K):
//   - a fleet: a role, M service accounts, each bound to the role and holding two tokens of the same name;
//   - fault kinds and rates on the emulator (503, 429, connections dropped before and after the work, 500
//     after the work, truncated, cut-off and id-less 2xx bodies, creates slower than the timeout, answers
//     held after the work);
//   - whether and when the provider is killed: after the server has made K objects of the fleet.
// Strangers live beside the fleet: a role with the fleet role's name, an account with a token "deploy" and a
// binding. Then the faults are lifted and the trial applies again (healthy) until it succeeds, at most 3 times.
// Figures: duplicates (objects beyond the declared count per name or grant), orphans (fleet objects on the
// server that no state holds), tokens in state that no longer authenticate, strangers touched, whether the
// first healthy apply settled everything, and what a destroy leaves. Nothing is asserted.
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { parseArgs } from 'node:util';
import { loadStartEmulator, printTable, writeDevOverrides } from './support.mjs';

const ADMIN = ['admin@kestra.io', 'Admin1234!'];
const TIMEOUT_SECONDS = 3;
const HEALTHY_APPLIES = 3;
/** The stranger role of each trial, which has the fleet role's name. */
const strangerRoles = new Map();

const { values: args } = parseArgs({
  options: { trials: { type: 'string' }, seed: { type: 'string' }, trial: { type: 'string' }, keep: { type: 'boolean' } },
});
const TRIALS = Number(args.trials ?? 20);
const SEED = Number(args.seed ?? Math.floor(Math.random() * 2 ** 31));
const ONLY = args.trial === undefined ? undefined : Number(args.trial);
if (!Number.isInteger(TRIALS) || TRIALS < 1 || !Number.isInteger(SEED) || (ONLY !== undefined && !Number.isInteger(ONLY))) {
  console.error('usage: node bench/fault-trials.mjs [--trials 20] [--seed N] [--trial K] [--keep]');
  process.exit(2);
}
const startEmulator = await loadStartEmulator();
const { mulberry32 } = await import(new URL('../dist/common/seeded-random.js', import.meta.url).href);

const work = mkdtempSync(join(tmpdir(), 'kestra-fault-trials-'));
const cliConfig = writeDevOverrides(work);
const tfEnv = Object.fromEntries(Object.entries(process.env).filter(([k]) => !/^(TF_|KESTRA_)/.test(k)));
Object.assign(tfEnv, { TF_CLI_CONFIG_FILE: cliConfig, CHECKPOINT_DISABLE: '1', TF_IN_AUTOMATION: '1', TF_INPUT: '0' });

const FAULT_KINDS = [
  ['503', { status: 503 }],
  ['429', { status: 429, retryAfter: 1 }],
  ['drop before', { drop: true }],
  ['drop after', { drop: true, phase: 'after' }],
  ['500 after', { status: 500, phase: 'after' }],
  ['truncated 2xx', { body: 'truncated', phase: 'after' }],
  ['cut-off 2xx', { body: 'interrupted', phase: 'after' }],
  ['200 without id', { body: 'without-id', phase: 'after' }],
  ['slower than timeout', { phase: 'during', latencyMs: (TIMEOUT_SECONDS + 1) * 1000 }],
  // Answers held after the work: a kill then often lands between the work and the provider hearing of it.
  ['answer held 2 s', { phase: 'after', latencyMs: 2_000 }],
];

console.log(`fault trials: seed ${SEED}, ${ONLY === undefined ? `${TRIALS} trials` : `trial ${ONLY} only`}, terraform timeout ${TIMEOUT_SECONDS} s, node ${process.version}`);
console.log(`replay one with: node bench/fault-trials.mjs --seed ${SEED} --trial K`);
const rows = [];
let stopping = false;
let running; // the terraform child, killed if this script is interrupted
const stop = () => {
  stopping = true;
  running?.kill('SIGKILL');
  rmSync(work, { recursive: true, force: true });
  process.exit(130);
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
try {
  for (let t = ONLY ?? 0; t < (ONLY === undefined ? TRIALS : ONLY + 1); t++) rows.push(await trial(t));
} finally {
  if (!args.keep && !stopping) rmSync(work, { recursive: true, force: true });
}

console.log('');
printTable(
  ['trial', 'faults', 'kill after', 'failed by design', 'healthy applies', 'dups', 'orphans', 'dead secrets', 'strangers touched', 'left after destroy'],
  rows.map((r) => [
    String(r.trial),
    r.faults,
    r.killAfter,
    String(r.failedByDesign),
    r.healthyApplies,
    String(r.duplicates),
    String(r.orphans),
    String(r.deadSecrets),
    String(r.strangersTouched),
    String(r.leftAfterDestroy),
  ]),
);
const sum = (key) => rows.reduce((total, r) => total + r[key], 0);
console.log('');
console.log(`trials ${rows.length}, provider killed in ${rows.filter((r) => r.killAfter !== '-' && !r.killAfter.includes('not')).length}`);
console.log(`duplicates ${sum('duplicates')}, orphans ${sum('orphans')}, dead secrets in state ${sum('deadSecrets')}, strangers touched ${sum('strangersTouched')}, left after destroy ${sum('leftAfterDestroy')}`);
console.log(`settled on the first healthy apply: ${rows.filter((r) => r.healthyApplies === '1').length}/${rows.length}`);

// ---------------------------------------------------------------------------------------------------------

async function trial(t) {
  const random = mulberry32(SEED + t);
  const pick = (n) => Math.floor(random() * n);
  const size = 2 + pick(4);
  const faults = FAULT_KINDS.filter(() => random() < 0.5).map(([name, rule]) => ({ name, rule, rate: Math.round((0.03 + random() * 0.12) * 100) / 100 }));
  const kill = random() < 0.7;
  const objects = 1 + 4 * size;
  // Early enough that the apply, which faults may cut short, is still creating.
  const killAfter = kill ? 1 + pick(Math.ceil(objects / 2)) : undefined;
  const prefix = `trial${t}`;
  const dir = join(work, prefix);
  mkdirSync(dir);
  const dataDir = join(work, `${prefix}-data`);
  mkdirSync(dataDir);
  const emulator = await startEmulator({ dataDir, enableControl: true });
  const api = client(emulator.url);
  try {
    const strangers = await seedStrangers(api, prefix);
    writeFileSync(join(dir, 'main.tf'), fleetConfig(emulator.url, prefix, size));
    // Every tenant call (reads, creates, deletes) is exposed; the credentials check at configure is not, so a
    // fault there does not end the apply before it creates anything.
    for (const f of faults) await api('POST', '/__emulator/faults', { path: '^/api/v1/main/', count: 1_000_000, rate: f.rate, ...f.rule });
    const label = `trial ${t}: ${size} accounts, ${faults.map((f) => `${f.name} ${f.rate}`).join(', ') || 'no faults'}${kill ? `, kill after ${killAfter} objects` : ''}`;
    process.stderr.write(`${label}\n`);

    const unfaulted = client(emulator.url, { outsideFaults: true });
    const first = await terraform(dir, ['apply', '-auto-approve', '-no-color'], kill ? { killAfter: () => countFleet(unfaulted, prefix).then((n) => n >= killAfter) } : {});
    const failedByDesign = first.code === 0 ? 0 : (first.output.match(/may or may not have been created/g) ?? []).length;
    await api('DELETE', '/__emulator/faults');

    let healthyApplies = 'never';
    for (let run = 1; run <= HEALTHY_APPLIES; run++) {
      const again = await terraform(dir, ['apply', '-auto-approve', '-no-color']);
      if (again.code === 0) {
        healthyApplies = String(run);
        break;
      }
      process.stderr.write(`  healthy apply ${run} failed:\n${again.output.split('\n').filter((l) => /Error|error/.test(l)).slice(0, 6).join('\n')}\n`);
    }
    const plan = await terraform(dir, ['plan', '-detailed-exitcode', '-no-color']);
    if (plan.code !== 0) healthyApplies += ' (plan not empty)';

    const found = await audit(api, dir, prefix, size);
    const strangersTouched = JSON.stringify(await strangers.now()) === JSON.stringify(strangers.before) ? 0 : 1;
    await terraform(dir, ['destroy', '-auto-approve', '-no-color']);
    const leftAfterDestroy = await countFleet(api, prefix);
    const row = {
      trial: t,
      faults: faults.map((f) => f.name).join('+') || '-',
      killAfter: killAfter === undefined ? '-' : `${killAfter}${first.killed ? '' : ' (not reached)'}`,
      failedByDesign,
      healthyApplies,
      ...found,
      strangersTouched,
      leftAfterDestroy,
    };
    process.stderr.write(`  -> dups ${row.duplicates}, orphans ${row.orphans}, dead secrets ${row.deadSecrets}, strangers touched ${strangersTouched}, left ${leftAfterDestroy}\n`);
    return row;
  } finally {
    await emulator.close();
  }
}

function fleetConfig(url, prefix, size) {
  return `terraform {
  required_providers {
    kestra = { source = "kestra-iam/kestra" }
  }
}
provider "kestra" {
  url      = ${JSON.stringify(url)}
  username = ${JSON.stringify(ADMIN[0])}
  password = ${JSON.stringify(ADMIN[1])}
  timeout  = ${TIMEOUT_SECONDS}
}
resource "kestra_role" "fleet" {
  name        = "${prefix}-role"
  permissions = { FLOW = ["READ"] }
}
resource "kestra_service_account" "fleet" {
  count = ${size}
  name  = "${prefix}-\${count.index}"
}
resource "kestra_role_binding" "fleet" {
  count              = ${size}
  role_id            = kestra_role.fleet.id
  service_account_id = kestra_service_account.fleet[count.index].id
}
resource "kestra_api_token" "fleet" {
  count              = ${2 * size}
  service_account_id = kestra_service_account.fleet[floor(count.index / 2)].id
  name               = "deploy"
}
`;
}

/** The fleet on the server against the state: duplicates, orphans, and secrets in state that stopped working. */
async function audit(api, dir, prefix, size) {
  const state = await stateIds(dir);
  const fleet = await serverFleet(api, prefix);
  let duplicates = Math.max(0, fleet.roles.length - 1);
  const unmanaged = fleet.roles.filter((id) => !state.has(id)).map((id) => `role ${id}`);
  for (const account of fleet.accounts) {
    if (!state.has(account.id)) unmanaged.push(`account ${account.name} ${account.id}`);
    duplicates += Math.max(0, account.bindings.length - 1) + Math.max(0, account.tokens.length - 2);
    unmanaged.push(...account.bindings.filter((id) => !state.has(id)).map((id) => `binding ${id} of ${account.name}`));
    unmanaged.push(...account.tokens.filter((id) => !state.has(id)).map((id) => `token ${id} of ${account.name}`));
  }
  duplicates += Math.max(0, fleet.accounts.length - size);
  if (unmanaged.length > 0) process.stderr.write(`  on the server, in no state: ${unmanaged.join(', ')}\n`);
  const orphans = unmanaged.length;
  let deadSecrets = 0;
  for (const token of state.tokens) if (token === null || (await api('GET', '/api/v1/me', undefined, { bearer: token })).status !== 200) deadSecrets += 1;
  return { duplicates, orphans, deadSecrets };
}

async function serverFleet(api, prefix) {
  const all = (await api('GET', '/api/v1/main/service-accounts?size=1000')).body.results;
  const accounts = [];
  for (const a of all.filter((x) => x.username.startsWith(`${prefix}-`))) {
    const bindings = (await api('GET', `/api/v1/main/bindings/search?type=USER&id=${a.id}&size=100`)).body.results.map((b) => b.id);
    const tokens = (await api('GET', `/api/v1/main/service-accounts/${a.id}/api-tokens`)).body.results.map((x) => x.id);
    accounts.push({ id: a.id, name: a.username, bindings, tokens });
  }
  const roles = (await api('GET', `/api/v1/main/roles/search?q=${prefix}-role&size=100`)).body.results
    .filter((r) => r.name === `${prefix}-role`)
    .map((r) => r.id)
    .filter((id) => id !== strangerRoles.get(prefix));
  return { accounts, roles };
}

async function countFleet(api, prefix) {
  const { accounts, roles } = await serverFleet(api, prefix);
  return roles.length + accounts.reduce((n, a) => n + 1 + a.bindings.length + a.tokens.length, 0);
}

async function seedStrangers(api, prefix) {
  const role = (await api('POST', '/api/v1/main/roles', { name: `${prefix}-role`, permissions: { EXECUTION: ['READ'] } })).body;
  strangerRoles.set(prefix, role.id);
  const account = (await api('POST', '/api/v1/main/service-accounts', { name: `stranger-${prefix}`, description: 'not ours' })).body;
  await api('POST', `/api/v1/main/service-accounts/${account.id}/api-tokens`, { name: 'deploy' });
  await api('POST', '/api/v1/main/bindings', { type: 'USER', externalId: account.id, roleId: role.id });
  const now = async () => ({
    role: (await api('GET', `/api/v1/main/roles/${role.id}`)).body,
    account: (await api('GET', `/api/v1/main/service-accounts/${account.id}`)).body,
    tokens: (await api('GET', `/api/v1/main/service-accounts/${account.id}/api-tokens`)).body.results.map((x) => [x.id, x.name, x.description]),
    bindings: (await api('GET', `/api/v1/main/bindings/search?type=USER&id=${account.id}&size=100`)).body.results.map((b) => b.id),
  });
  return { before: await now(), now };
}

/** Ids of every object in the state, and the secrets of its tokens. */
async function stateIds(dir) {
  const shown = await terraform(dir, ['show', '-json', '-no-color']);
  const resources = JSON.parse(shown.stdout).values?.root_module?.resources ?? [];
  const ids = new Set();
  const tokens = [];
  for (const r of resources) {
    if (r.type === 'kestra_api_token') {
      ids.add(r.values.token_id);
      tokens.push(r.values.token);
    } else ids.add(r.values.id);
  }
  return { has: (id) => ids.has(id), tokens };
}

/**
 * Runs terraform in `dir`. With `killAfter`, polls it while terraform runs and, once it holds, kills the
 * provider process terraform started with SIGKILL: a node child, or the launcher (`cat`) of a session
 * attached to a warm provider, whose death abandons the session as a killed provider's would.
 */
function terraform(dir, argv, options = {}) {
  return new Promise((resolve, reject) => {
    const child = spawn('terraform', argv, { cwd: dir, env: tfEnv, stdio: ['ignore', 'pipe', 'pipe'] });
    running = child;
    let killed = false;
    let stdout = '';
    let output = '';
    child.stdout.on('data', (d) => ((stdout += d), (output += d)));
    child.stderr.on('data', (d) => (output += d));
    let done = false;
    child.on('error', reject);
    child.on('close', (code) => {
      done = true;
      resolve({ code, stdout, output, killed });
    });
    if (options.killAfter) {
      const poll = async () => {
        while (!done) {
          if (await options.killAfter()) {
            const provider = providerChildOf(child.pid);
            if (provider !== undefined) {
              process.kill(provider.pid, 'SIGKILL');
              killed = true;
              process.stderr.write(`  killed provider ${provider.pid} (${provider.exe === 'cat' ? 'the launcher of a session served by a warm provider' : provider.exe})\n`);
              return;
            }
          }
          await new Promise((r) => setTimeout(r, 25));
        }
      };
      poll().catch(reject);
    }
  });
}

function providerChildOf(pid) {
  for (const entry of readdirSync('/proc').filter((e) => /^\d+$/.test(e))) {
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      const exe = basename(realpathSync(`/proc/${entry}/exe`));
      if (ppid === pid && (exe.startsWith('node') || exe === 'cat')) return { pid: Number(entry), exe };
    } catch {
      // the process ended while we looked
    }
  }
  return undefined;
}

/**
 * An admin client of the emulator. `outsideFaults` spells the API prefix `/%61pi/`: the emulator routes it like
 * `/api/` (and authenticates it the same way), but the trials' fault rules match `^/api/v1/main/` in the raw
 * path, so this script can watch the server during a faulty apply without its own calls being delayed or cut.
 */
function client(base, { outsideFaults = false } = {}) {
  const basic = `Basic ${Buffer.from(`${ADMIN[0]}:${ADMIN[1]}`).toString('base64')}`;
  return async (method, path, body, auth) => {
    const res = await fetch(base + (outsideFaults ? path.replace(/^\/api\//, '/%61pi/') : path), {
      method,
      headers: { 'content-type': 'application/json', authorization: auth?.bearer ? `Bearer ${auth.bearer}` : basic },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const text = await res.text();
    return { status: res.status, body: text ? JSON.parse(text) : undefined };
  };
}

