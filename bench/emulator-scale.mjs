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
// Then one client's `get` runs beside CONCURRENCY clients reading list pages, and, as the reference, beside as
// many clients doing `get` themselves: the server does one request at a time, so the lone GET waits its turn
// either way; if a list blocked the server for longer than a GET, the first figure would exceed the second.
//
// Every request authenticates its token and records its use, an fsynced commit with --data, as on the real server.
// Each row gives what the clients saw and, from the emulator's request log, the time the server spent on each
// request (from its arrival to its answer, fsync included, queueing in the kernel and the client excluded; in
// the last two rows, of every request the server answered, the GET and its neighbours).
//
// --baseline DIR runs the same against another build's dist/ directory (an older checkout's, for instance) in
// the same run, with its own fresh data directory, and prints its table after ours.
//
// usage: node bench/emulator-scale.mjs [--accounts 100000] [--duration 5] [--concurrency 16] [--baseline DIR]
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { Pool } from 'undici';
import { printTable } from './support.mjs';

const { values } = parseArgs({
  options: {
    accounts: { type: 'string', default: '100000' },
    duration: { type: 'string', default: '5' },
    concurrency: { type: 'string', default: '16' },
    baseline: { type: 'string' },
  },
});
const accounts = Number(values.accounts);
const durationMs = Number(values.duration) * 1000;
const concurrency = Number(values.concurrency);
const ADMIN = ['admin@kestra.io', 'Admin1234!'];

const percentile = (sorted, p) => sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
const pick = (list) => list[Math.floor(Math.random() * list.length)];

/** Writes the accounts into a fresh data directory with the build's own store. */
async function seed(dist, dataDir) {
  const { Store } = await import(pathToFileURL(join(dist, 'emulator', 'store', 'index.js')).href);
  const { newId } = await import(pathToFileURL(join(dist, 'emulator', 'ids.js')).href);
  const store = Store.open({ dataDir, kestraVersion: '1.3', adminUser: ADMIN[0], adminPassword: ADMIN[1] });
  const ids = [];
  const names = [];
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

/** Starts the build's emulator on the data directory; its request log lines feed `onTime`. */
async function startEmulator(dist, dataDir, onTime) {
  const child = spawn(process.execPath, [join(dist, 'emulator', 'main.js'), '--data', dataDir], { stdio: ['ignore', 'pipe', 'pipe'] });
  // Request log lines end with the server's time for the request: "… GET /api/… 200 1.3ms".
  createInterface({ input: child.stderr }).on('line', (line) => {
    const m = / (\d+\.\d)ms$/.exec(line);
    if (m) onTime(Number(m[1]));
  });
  const line = await new Promise((resolvePromise, reject) => {
    createInterface({ input: child.stdout }).once('line', resolvePromise);
    child.once('exit', (code) => reject(new Error(`the emulator exited (${code}) before listening`)));
  });
  return { child, url: line.replace(/^listening on /, '') };
}

/** Every phase against one build; returns the table rows. */
async function measure(dist) {
  const dataDir = mkdtempSync(join(tmpdir(), 'kestra-emulator-scale-'));
  try {
    console.log(`${dist}: seeding ${accounts} service accounts …`);
    const seeded = await seed(dist, dataDir);
    console.log(`  seeded in ${seeded.seconds.toFixed(1)} s`);
    let serverTimes = [];
    const emulator = await startEmulator(dist, dataDir, (ms) => serverTimes.push(ms));
    const pool = new Pool(emulator.url, { connections: concurrency * 2, pipelining: 1 });
    try {
      const call = async (method, path, authorization, body) => {
        const res = await pool.request({ method, path, headers: { authorization, 'content-type': 'application/json' }, body: body && JSON.stringify(body) });
        const text = await res.body.text();
        if (res.statusCode >= 300) throw new Error(`${method} ${path}: ${res.statusCode} ${text}`);
        return text === '' ? undefined : JSON.parse(text);
      };
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
      const load = async (next, workers, until) => {
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
      };

      const rows = [];
      const report = (name, clients, { latencies, failures }, seconds) => {
        const ms = (v) => (v === undefined ? '-' : v.toFixed(1));
        const server = serverTimes.sort((a, b) => a - b);
        rows.push([
          name,
          String(clients),
          String(latencies.length),
          String(failures),
          (latencies.length / seconds).toFixed(0),
          ms(percentile(latencies, 50)),
          ms(percentile(latencies, 99)),
          ms(latencies.at(-1)),
          ms(percentile(server, 50)),
          ms(percentile(server, 99)),
        ]);
      };
      const phase = async (name, clients, ...kinds) => {
        serverTimes = [];
        const started = performance.now();
        const until = started + durationMs;
        const [result] = await Promise.all(kinds.map(([next, workers]) => load(next, workers, until)));
        report(name, clients, result, (performance.now() - started) / 1000);
      };

      await load(requests.get, concurrency, performance.now() + 1000);
      for (const [name, next] of Object.entries(requests)) {
        await phase(name, 1, [next, 1]);
        await phase(name, concurrency, [next, concurrency]);
      }
      for (const beside of ['get', 'list page']) await phase(`get beside ${concurrency} × ${beside}`, 1, [requests.get, 1], [requests[beside], concurrency]);
      return rows;
    } finally {
      await pool.close();
      emulator.child.kill('SIGTERM');
      await new Promise((resolvePromise) => emulator.child.once('exit', resolvePromise));
    }
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
}

const builds = [resolve(import.meta.dirname, '..', 'dist'), ...(values.baseline === undefined ? [] : [resolve(values.baseline)])];
const tables = [];
for (const dist of builds) tables.push([dist, await measure(dist)]);
const header = ['request', 'clients', 'requests', 'failed', 'req/s', 'p50 ms', 'p99 ms', 'max ms', 'server p50', 'server p99'];
for (const [dist, rows] of tables) {
  console.log(`\n${dist}: ${accounts} service accounts in tenant main, --data, ${values.duration} s per row, load average ${loadavg()[0].toFixed(1)}`);
  printTable(header, rows);
}
