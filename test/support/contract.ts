import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { OPENAPI_DIR, REPO_ROOT } from './paths.js';

/**
 * Bridge to the contract checker (contract-worker.mjs), which validates each observed response against the
 * operation's schema in the vendored Kestra EE OpenAPI document of the emulated version.
 */

export type SpecVersion = '1.3' | '2.0';

export interface ObservedResponse {
  method: string;
  path: string;
  status: number;
  /** Parsed JSON body, or undefined when the body was empty. */
  body: unknown;
}

/** Which rule of the contract a response breaks. */
export type ContractRule =
  /** A 2xx on a path no operation of the document matches. */
  | 'undocumented-path'
  /** A status the operation does not document. */
  | 'undocumented-status'
  /** A body where the operation documents none. */
  | 'undocumented-body'
  /** A 2xx body that does not match the operation's response schema (or that of its typed twin). */
  | 'schema'
  /** An error body that is not Micronaut's JsonError. */
  | 'not-a-json-error'
  /** The checker itself could not judge the response (a document that does not load, a bug in the worker). */
  | 'checker-failed';

export interface ContractProblem {
  /** The response judged, as "METHOD /path -> status". */
  where: string;
  rule: ContractRule;
  /** For 'schema' and 'not-a-json-error': the JSON Schema keyword broken (additionalProperties, type, required, format…). */
  keyword?: string;
  /** For 'schema' and 'not-a-json-error': the offending field as a JSON pointer into the body ('' for the body itself). */
  field?: string;
  /** The operation whose documentation the response was held to. */
  operation?: string;
  message: string;
}

let worker: Worker | undefined;
let nextId = 0;
const pending = new Map<number, (problems: ContractProblem[]) => void>();

function contractWorker(): Worker {
  if (!worker) {
    worker = new Worker(join(REPO_ROOT, 'test', 'support', 'contract-worker.mjs'), { workerData: { specDir: OPENAPI_DIR } });
    worker.on('message', ({ id, problems }: { id: number; problems: ContractProblem[] }) => {
      pending.get(id)?.(problems);
      pending.delete(id);
      if (pending.size === 0) worker?.unref();
    });
    worker.on('error', (e) => {
      for (const resolve of pending.values()) resolve([{ where: 'contract worker', rule: 'checker-failed', message: `contract worker failed: ${e.message}` }]);
      pending.clear();
    });
  }
  return worker;
}

/** Problems found with one response; empty when it honours the contract. */
export function contractViolations(version: SpecVersion, response: ObservedResponse): Promise<ContractProblem[]> {
  const w = contractWorker();
  const id = nextId++;
  w.ref();
  return new Promise((resolve) => {
    pending.set(id, resolve);
    w.postMessage({ id, version, response });
  });
}
