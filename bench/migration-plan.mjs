#!/usr/bin/env node
// What the switch from kestra-io/kestra costs in time, step by step, for N service accounts each with a token and
// a binding (3N + 1 resources with the role): `npm run migrate`, `terraform state replace-provider`, the apply
// that records the moves, the first plan (moves, upgrades and refresh of every resource), and, side by side as
// the baseline, the plan of the same resources once the state is this provider's.
//
//   node bench/migration-plan.mjs [--sizes 10,100] [--rounds 3] [--keep]
//
// For each N: a fresh in-process emulator (SQLite in a fresh data dir), the objects made through the API as the
// official provider makes them, and a state in the official provider's shape for them. Terraform runs the
// provider from bin/ with its own CLI config (dev_overrides, no init, no registry), CHECKPOINT_DISABLE=1 and
// TF_IN_AUTOMATION=1; nothing leaves 127.0.0.1. Figures only: nothing is asserted. Everything lives under a
// temporary directory that is removed at the end (kept with --keep).
import { spawn } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { loadStartEmulator, printTable, writeDevOverrides } from './support.mjs';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const MIGRATE = join(ROOT, 'scripts/migrate-from-official.mjs');
const ADMIN = ['admin@kestra.io', 'Admin1234!'];
const OFFICIAL = 'registry.terraform.io/kestra-io/kestra';
const OURS = 'registry.terraform.io/kestra-iam/kestra';

const { values: args } = parseArgs({ options: { sizes: { type: 'string' }, rounds: { type: 'string' }, keep: { type: 'boolean' } } });
const SIZES = String(args.sizes ?? '10,100').split(',').map(Number);
const ROUNDS = Number(args.rounds ?? 3);
if (SIZES.some((n) => !Number.isInteger(n) || n < 1) || !Number.isInteger(ROUNDS) || ROUNDS < 1) {
  console.error('usage: node bench/migration-plan.mjs [--sizes 10,100] [--rounds 3] [--keep]');
  process.exit(2);
}
const startEmulator = await loadStartEmulator();

const work = mkdtempSync(join(tmpdir(), 'kestra-bench-migration-'));
const cliConfig = writeDevOverrides(work);
const env = { ...process.env, TF_CLI_CONFIG_FILE: cliConfig, CHECKPOINT_DISABLE: '1', TF_IN_AUTOMATION: '1' };
for (const key of Object.keys(env)) if (/^(TF_(LOG.*|REATTACH_PROVIDERS|DATA_DIR|WORKSPACE|CLI_ARGS.*|VAR_.*)|KESTRA_.*)$/.test(key)) delete env[key];

console.log(`migration bench: sizes ${SIZES.join(',')}, node ${process.version}, load ${loadavg().map((l) => l.toFixed(2)).join(' ')}`);
const rows = [];
try {
  for (const n of SIZES) {
    const dataDir = join(work, `emulator-${n}`);
    mkdirSync(dataDir);
    const emulator = await startEmulator({ dataDir, port: 0 });
    try {
      const dir = join(work, `workspace-${n}`);
      mkdirSync(dir);
      const objects = await makeObjects(emulator.url, n);
      writeFileSync(join(dir, 'terraform.tfstate'), officialState(objects));
      writeFileSync(join(dir, 'main.tf'), configuration(emulator.url, n));
      const row = { n, resources: 3 * n + 1 };
      row.migrate = await timed(process.execPath, [MIGRATE, dir], dir);
      row.replace = await timed('terraform', ['state', 'replace-provider', '-auto-approve', '-no-color', OFFICIAL, OURS], dir);
      // Copies of the handed-over directory: one to apply, the others each planned once as a first plan. The
      // first plans and the plans of the applied copy alternate, so load and a warming server weigh on both alike.
      const copies = Array.from({ length: ROUNDS + 1 }, (_, i) => {
        const copy = join(work, `workspace-${n}-${i}`);
        cpSync(dir, copy, { recursive: true });
        return copy;
      });
      const applied = copies.pop();
      row.apply = await timed('terraform', ['apply', '-auto-approve', '-no-color', '-input=false'], applied);
      row.plans = [];
      row.steady = [];
      for (const copy of copies) {
        row.plans.push(await timed('terraform', ['plan', '-no-color', '-input=false'], copy));
        row.steady.push(await timed('terraform', ['plan', '-no-color', '-input=false', '-detailed-exitcode'], applied));
      }
      rows.push(row);
      console.error(`  N=${n}: first plans ${row.plans.map(secs).join(', ')} s; plans once migrated ${row.steady.map(secs).join(', ')} s`);
    } finally {
      await emulator.close();
    }
  }
} finally {
  if (!args.keep) rmSync(work, { recursive: true, force: true });
}

console.log('');
console.log(`seconds of wall clock per command; load at the end ${loadavg().map((l) => l.toFixed(2)).join(' ')}`);
printTable(
  ['N', 'resources', 'npm run migrate', 'replace-provider', 'apply (records moves)', 'first plan', 'plan once migrated (baseline)', 'first plan / baseline'],
  rows.map((r) => [
    String(r.n),
    String(r.resources),
    secs(r.migrate),
    secs(r.replace),
    secs(r.apply),
    spread(r.plans),
    spread(r.steady),
    `${(median(r.plans) / median(r.steady)).toFixed(2)}x`,
  ]),
);
console.log(`first plan and baseline: median (min-max) of ${ROUNDS} rounds`);

function secs(seconds) {
  return seconds.toFixed(2);
}

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

function spread(values) {
  return `${secs(median(values))} (${secs(Math.min(...values))}-${secs(Math.max(...values))})`;
}

/** Wall-clock seconds of one command; throws with its output when it fails (a non-empty steady plan included). */
function timed(command, argv, cwd) {
  return new Promise((resolve, reject) => {
    const start = performance.now();
    const child = spawn(command, argv, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk) => (output += chunk));
    child.stderr.on('data', (chunk) => (output += chunk));
    child.on('error', reject);
    child.on('close', (code) => (code === 0 ? resolve((performance.now() - start) / 1000) : reject(new Error(`${command} ${argv.join(' ')} exited ${code}:\n${output.slice(-3000)}`))));
  });
}

/** The objects as the official provider makes them: a role, and N service accounts, each with a binding and a token. */
async function makeObjects(url, n) {
  const call = async (path, body) => {
    const response = await fetch(`${url}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Basic ${Buffer.from(ADMIN.join(':')).toString('base64')}` },
      body: JSON.stringify(body),
    });
    if (!response.ok) throw new Error(`POST ${path}: ${response.status} ${await response.text()}`);
    return response.json();
  };
  const role = await call('/api/v1/main/roles', { namespaceId: '', name: 'deployer', description: '', permissions: { FLOW: ['READ', 'UPDATE'] }, isDefault: false });
  const accounts = [];
  for (let i = 0; i < n; i += 1) {
    const sa = await call('/api/v1/main/service-accounts', { name: `bot-${i}`, description: '', superAdmin: false, groups: [] });
    const binding = await call('/api/v1/main/bindings', { type: 'USER', externalId: sa.id, roleId: role.id });
    const token = await call(`/api/v1/main/service-accounts/${sa.id}/api-tokens`, { name: 'ci', description: 'CI', maxAge: 'P30D', extended: false });
    accounts.push({ sa, binding, token });
  }
  return { role, accounts };
}

/** The official provider's state of those objects (its shapes: see test/support/official-state.ts). */
function officialState({ role, accounts }) {
  // One resource of the state; `counted` gives it an instance per account, index_key as `count` makes them.
  const resource = (type, name, attributesOf, counted = true) => ({
    mode: 'managed',
    type,
    name,
    ...(counted ? { each: 'list' } : {}),
    provider: `provider["${OFFICIAL}"]`,
    instances: (counted ? accounts : [undefined]).map((account, i) => ({
      ...(counted ? { index_key: i } : {}),
      schema_version: 0,
      attributes: attributesOf(account),
      sensitive_attributes: type.endsWith('_api_token') ? [[{ type: 'get_attr', value: 'full_token' }]] : [],
      private: 'bnVsbA==',
    })),
  });
  return JSON.stringify({
    version: 4,
    terraform_version: '1.11.4',
    serial: 1,
    lineage: '8d2f4c1e-0b6a-4f3e-9c7d-5a1b2c3d4e5f',
    outputs: {},
    resources: [
      resource('kestra_role', 'deployer', () => ({ id: role.id, tenant_id: 'main', namespace: '', name: 'deployer', description: '', is_default: false, permissions: [{ type: 'FLOW', permissions: ['READ', 'UPDATE'] }] }), false),
      resource('kestra_service_account', 'bot', ({ sa }) => ({ id: sa.id, name: sa.name, description: '', super_admin: false, groups: [] })),
      resource('kestra_binding', 'bot', ({ sa, binding }) => ({ id: binding.id, tenant_id: 'main', type: 'USER', external_id: sa.id, role_id: role.id, namespace: '' })),
      resource('kestra_service_account_api_token', 'bot', ({ sa, token }) => ({ id: token.id, service_account_id: sa.id, name: 'ci', description: 'CI', max_age: 'P30D', extended: false, full_token: token.fullToken })),
    ],
    check_results: null,
  });
}

function configuration(url, n) {
  return `terraform {
  required_providers {
    kestra = { source = "kestra-iam/kestra" }
  }
}

provider "kestra" {
  url      = ${JSON.stringify(url)}
  username = ${JSON.stringify(ADMIN[0])}
  password = ${JSON.stringify(ADMIN[1])}
}

resource "kestra_role" "deployer" {
  name        = "deployer"
  permissions = { FLOW = ["READ", "UPDATE"] }
}

resource "kestra_service_account" "bot" {
  count = ${n}
  name  = "bot-\${count.index}"
}

# A former USER binding keeps user_id, a service account's too.
resource "kestra_role_binding" "bot" {
  count   = ${n}
  role_id = kestra_role.deployer.id
  user_id = kestra_service_account.bot[count.index].id
}

resource "kestra_api_token" "bot" {
  count              = ${n}
  service_account_id = kestra_service_account.bot[count.index].id
  name               = "ci"
  description        = "CI"
  max_age            = "P30D"
}
`;
}

