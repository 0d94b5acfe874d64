#!/usr/bin/env node
// Token-authenticated GET throughput of the Kestra EE emulator on loopback.
//
// Starts the emulator from dist/ (run `npx tsc -p tsconfig.json` first) in this process, creates a service
// account bound to a role that lets it read service accounts, gives it an API token, then keeps
// CONCURRENCY requests in flight (GET /api/v1/main/service-accounts/{id} with `Authorization: Bearer`)
// for DURATION seconds after a short warm-up, and prints requests/s and latency percentiles.
//
// usage: node bench/emulator-throughput.mjs [--duration 10] [--concurrency 32] [--data DIR]
import { parseArgs } from 'node:util';
import { Pool } from 'undici';
import { startEmulator } from '../dist/emulator/index.js';

const { values } = parseArgs({
  options: {
    duration: { type: 'string', default: '10' },
    concurrency: { type: 'string', default: '32' },
    warmup: { type: 'string', default: '2' },
    data: { type: 'string' },
  },
});
const durationMs = Number(values.duration) * 1000;
const warmupMs = Number(values.warmup) * 1000;
const concurrency = Number(values.concurrency);

const emulator = await startEmulator({ host: '127.0.0.1', port: 0, dataDir: values.data });
const pool = new Pool(emulator.url, { connections: concurrency, pipelining: 1 });
const admin = 'Basic ' + Buffer.from('admin@kestra.io:Admin1234!').toString('base64');

async function call(method, path, authorization, body) {
  const res = await pool.request({
    method,
    path,
    headers: { authorization, 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.body.text();
  if (res.statusCode >= 300) throw new Error(`${method} ${path}: ${res.statusCode} ${text}`);
  return text === '' ? undefined : JSON.parse(text);
}

const sa = await call('POST', '/api/v1/main/service-accounts', admin, { name: 'bench-reader' });
const role = await call('POST', '/api/v1/main/roles', admin, { name: 'bench', permissions: { SERVICE_ACCOUNT: ['READ'] } });
await call('POST', '/api/v1/main/bindings', admin, { type: 'USER', externalId: sa.id, roleId: role.id });
const { fullToken } = await call('POST', `/api/v1/main/service-accounts/${sa.id}/api-tokens`, admin, { name: 'bench' });
const bearer = `Bearer ${fullToken}`;
const path = `/api/v1/main/service-accounts/${sa.id}`;

/** Runs `concurrency` workers until `until`; returns each request's latency in ms and the error count. */
async function load(until) {
  const latencies = [];
  let errors = 0;
  const worker = async () => {
    while (performance.now() < until) {
      const started = performance.now();
      try {
        const res = await pool.request({ method: 'GET', path, headers: { authorization: bearer } });
        await res.body.dump();
        if (res.statusCode !== 200) errors += 1;
      } catch {
        errors += 1;
      }
      latencies.push(performance.now() - started);
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  return { latencies, errors };
}

const percentile = (sorted, p) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];

await load(performance.now() + warmupMs);
const started = performance.now();
const { latencies, errors } = await load(started + durationMs);
const elapsedS = (performance.now() - started) / 1000;
latencies.sort((a, b) => a - b);

console.log(`kestra-emulator token-authenticated GET ${path.replace(sa.id, '{id}')}`);
console.log(`  storage      ${values.data ? `SQLite in ${values.data}` : 'in-memory SQLite'}`);
console.log(`  concurrency  ${concurrency}, ${elapsedS.toFixed(1)} s after ${values.warmup} s warm-up`);
console.log(`  requests     ${latencies.length} (${errors} errors)`);
console.log(`  throughput   ${(latencies.length / elapsedS).toFixed(0)} requests/s`);
console.log(`  latency      p50 ${percentile(latencies, 50).toFixed(2)} ms, p99 ${percentile(latencies, 99).toFixed(2)} ms, max ${latencies.at(-1).toFixed(2)} ms`);

await pool.close();
await emulator.close();
