#!/usr/bin/env node
// The emulator at scale: 100,000 service accounts in a --data directory, and what token-authenticated clients
// see on loopback. Needs `npm run build` (it runs dist/).
//
// The accounts are written straight into a fresh data directory through the emulator's own store (one
// transaction, so the list sizes and the search index are kept by the same triggers as for API writes), then
// `node dist/emulator/main.js --data DIR` is started as a child process, and clients with an API token of a
// tenant admin run each kind of request for DURATION seconds, first one client alone (the latency a request
// sees), then CONCURRENCY clients at once (throughput, and latency under load):
//
//   get            GET    /api/v1/main/service-accounts/{id}               (random account)
//   create         POST   /api/v1/main/service-accounts                    (a new account per request)
//   list page      GET    /api/v1/main/service-accounts?page=P&size=10     (random page of all of them)
//   list, last     GET    …?page=<last>&size=10                            (the deepest page)
//   search q       GET    …?filters[q][EQUALS]=<6 characters of a name>    (substring search)
//   find by name   GET    …?filters[name][EQUALS]=<a name>                 (a look-up by name, one call)
//
// Then one client's `get` runs beside CONCURRENCY clients reading list pages, and, as the baseline, beside as many
// clients doing `get` themselves: the server does one request at a time, so the lone GET waits its turn either
// way; if a list blocked the server for longer than a GET, the first figure would exceed the second.
//
// Every request authenticates its token and records its use, an fsynced commit with --data, as on the real server.
//
// usage: node bench/emulator-scale.mjs [--accounts 100000] [--duration 5] [--concurrency 16] [--data DIR]
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import { Pool } from 'undici';
import { newId } from '../dist/emulator/ids.js';
import { Store } from '../dist/emulator/store/index.js';
import { printTable } from './support.mjs';

const { values } = parseArgs({
  options: {
    accounts: { type: 'string', default: '100000' },
    duration: { type: 'string', default: '5' },
    concurrency: { type: 'string', default: '16' },
    data: { type: 'string' },
  },
});
const accounts = Number(values.accounts);
const durationMs = Number(values.duration) * 1000;
const concurrency = Number(values.concurrency);
const dataDir = values.data ?? mkdtempSync(join(tmpdir(), 'kestra-emulator-scale-'));
const ADMIN = ['admin@kestra.io', 'Admin1234!'];

function seed() {
  const store = Store.open({ dataDir, kestraVersion: '1.3', adminUser: ADMIN[0], adminPassword: ADMIN[1] });
  const names = [];
  const ids = [];
  const started = performance.now();
  store.transaction(() => {
    for (let i = 0; i < accounts; i++) {
      const id = newId();
      const name = `bench-${i.toString(36)}-${id.slice(0, 6).toLowerCase()}`;
      store.users.insert({ id, type: 'SERVICE_ACCOUNT', username: name, description: `seeded account ${i}`, superAdmin: false, restricted: false });
      store.users.grantTenant(id, 'main');
      ids.push(id);
      names.push(name);
    }
  });
  const seconds = (performance.now() - started) / 1000;
  store.close();
  return { ids, names, seconds };
}

async function startEmulator() {
  const child = spawn(process.execPath, [join(import.meta.dirname, '..', 'dist', 'emulator', 'main.js'), '--data', dataDir], {
    stdio: ['ignore', 'pipe', 'ignore'],
  });
  const line = await new Promise((resolve, reject) => {
    createInterface({ input: child.stdout }).once('line', resolve);
    child.once('exit', (code) => reject(new Error(`the emulator exited (${code}) before listening`)));
  });
  return { child, url: line.replace(/^listening on /, '') };
}

const percentile = (sorted, p) => sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
const pick = (list) => list[Math.floor(Math.random() * list.length)];

console.log(`seeding ${accounts} service accounts into ${dataDir} …`);
const seeded = seed();
console.log(`seeded in ${seeded.seconds.toFixed(1)} s`);
const emulator = await startEmulator();
const pool = new Pool(emulator.url, { connections: concurrency * 2, pipelining: 1 });

async function call(method, path, authorization, body) {
  const res = await pool.request({ method, path, headers: { authorization, 'content-type': 'application/json' }, body: body && JSON.stringify(body) });
  const text = await res.body.text();
  if (res.statusCode >= 300) throw new Error(`${method} ${path}: ${res.statusCode} ${text}`);
  return text === '' ? undefined : JSON.parse(text);
}

const admin = `Basic ${Buffer.from(ADMIN.join(':')).toString('base64')}`;
const caller = await call('POST', '/api/v1/main/service-accounts', admin, { name: 'bench-caller' });
await call('POST', '/api/v1/main/bindings', admin, { type: 'USER', externalId: caller.id, roleId: 'admin_main' });
const bearer = `Bearer ${(await call('POST', `/api/v1/main/service-accounts/${caller.id}/api-tokens`, admin, { name: 'bench' })).fullToken}`;
const lastPage = Math.ceil((accounts + 1) / 10);
let created = 0;

const requests = {
  get: () => ({ method: 'GET', path: `/api/v1/main/service-accounts/${pick(seeded.ids)}` }),
  create: () => ({ method: 'POST', path: '/api/v1/main/service-accounts', body: JSON.stringify({ name: `bench-new-${process.pid}-${created++}` }) }),
  'list page': () => ({ method: 'GET', path: `/api/v1/main/service-accounts?page=${1 + Math.floor(Math.random() * lastPage)}&size=10` }),
  'list, last page': () => ({ method: 'GET', path: `/api/v1/main/service-accounts?page=${lastPage}&size=10` }),
  'search q': () => ({ method: 'GET', path: `/api/v1/main/service-accounts?filters[q][EQUALS]=${pick(seeded.names).slice(-6)}` }),
  'find by name': () => ({ method: 'GET', path: `/api/v1/main/service-accounts?filters[name][EQUALS]=${pick(seeded.names)}` }),
};

/** Runs `workers` clients of `next` until `until`; each request's latency in ms, and the failures. */
async function load(next, workers, until) {
  const latencies = [];
  let failures = 0;
  const worker = async () => {
    while (performance.now() < until) {
      const { method, path, body } = next();
      const started = performance.now();
      try {
        const res = await pool.request({ method, path, body, headers: { authorization: bearer, 'content-type': 'application/json' } });
        await res.body.dump();
        if (res.statusCode >= 300) failures += 1;
      } catch {
        failures += 1;
      }
      latencies.push(performance.now() - started);
    }
  };
  await Promise.all(Array.from({ length: workers }, worker));
  return { latencies: latencies.sort((a, b) => a - b), failures };
}

const rows = [];
function report(name, clients, { latencies, failures }, seconds) {
  const ms = (v) => v.toFixed(1);
  rows.push([name, String(clients), String(latencies.length), String(failures), (latencies.length / seconds).toFixed(0), ms(percentile(latencies, 50)), ms(percentile(latencies, 99)), ms(latencies.at(-1))]);
}

async function phase(name, next, clients) {
  const started = performance.now();
  const result = await load(next, clients, started + durationMs);
  report(name, clients, result, (performance.now() - started) / 1000);
}

await load(requests.get, concurrency, performance.now() + 1000);
for (const [name, next] of Object.entries(requests)) {
  await phase(name, next, 1);
  await phase(name, next, concurrency);
}
for (const beside of ['get', 'list page']) {
  const started = performance.now();
  const until = started + durationMs;
  const [gets] = await Promise.all([load(requests.get, 1, until), load(requests[beside], concurrency, until)]);
  report(`get beside ${concurrency} × ${beside}`, 1, gets, (performance.now() - started) / 1000);
}

const load1 = loadavg()[0].toFixed(1);
console.log(`\n${accounts} service accounts in tenant main, SQLite in ${dataDir}, ${values.duration} s per row, load average ${load1}`);
printTable(['request', 'clients', 'requests', 'failed', 'req/s', 'p50 ms', 'p99 ms', 'max ms'], rows);

await pool.close();
emulator.child.kill('SIGTERM');
await new Promise((resolve) => emulator.child.once('exit', resolve));
if (values.data === undefined) rmSync(dataDir, { recursive: true, force: true });
