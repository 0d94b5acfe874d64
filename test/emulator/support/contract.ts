import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { REPO_ROOT } from '../../support/paths.js';

/**
 * Bridge to the contract checker (contract-worker.mjs), which validates each observed response against the
 * operation's schema in the Kestra EE OpenAPI document of the emulated version.
 */

export type SpecVersion = '1.3' | '2.0';

export interface ObservedResponse {
  method: string;
  path: string;
  status: number;
  /** Parsed JSON body, or undefined when the body was empty. */
  body: unknown;
}

const SPEC_DIR = process.env.KESTRA_API_SPEC_DIR ?? join(REPO_ROOT, '..', 'shared', 'kestra-api');

let worker: Worker | undefined;
let nextId = 0;
const pending = new Map<number, (problems: string[]) => void>();

function contractWorker(): Worker {
  if (!worker) {
    worker = new Worker(join(REPO_ROOT, 'test', 'emulator', 'support', 'contract-worker.mjs'), { workerData: { specDir: SPEC_DIR } });
    worker.on('message', ({ id, problems }: { id: number; problems: string[] }) => {
      pending.get(id)?.(problems);
      pending.delete(id);
      if (pending.size === 0) worker?.unref();
    });
    worker.on('error', (e) => {
      for (const resolve of pending.values()) resolve([`contract worker failed: ${e.message}`]);
      pending.clear();
    });
  }
  return worker;
}

/** Problems found with one response; empty when it honours the contract. */
export function contractViolations(version: SpecVersion, response: ObservedResponse): Promise<string[]> {
  const w = contractWorker();
  const id = nextId++;
  w.ref();
  return new Promise((resolve) => {
    pending.set(id, resolve);
    w.postMessage({ id, version, response });
  });
}
