import { MockAgent } from 'undici';
import { KestraClient, type KestraClientOptions } from '../../../provider/client/index.js';

export const ORIGIN = 'http://kestra.test:8080';
export const PASSWORD = 'Hunter2-Sup3r-Secret';
export const USERNAME = 'admin@kestra.io';

export interface LogLine {
  msg: string;
  fields: Record<string, unknown> | undefined;
}

/** A request as the mock server saw it. */
export interface SeenRequest {
  method: string;
  path: string;
  headers: Record<string, string>;
  body: unknown;
}

/** A client wired to a MockAgent that refuses real network access, with its log lines captured. */
export function mockKestra(overrides: Partial<KestraClientOptions> = {}) {
  const agent = new MockAgent();
  agent.disableNetConnect();
  const logs: LogLine[] = [];
  const logWaiters: { pattern: RegExp; resolve: (line: LogLine) => void }[] = [];
  const log = (line: LogLine) => {
    logs.push(line);
    for (const waiter of logWaiters.filter((w) => w.pattern.test(line.msg))) {
      logWaiters.splice(logWaiters.indexOf(waiter), 1);
      waiter.resolve(line);
    }
  };
  const client = new KestraClient({
    url: ORIGIN,
    tenantId: 'main',
    auth: { kind: 'basic', username: USERNAME, password: PASSWORD },
    timeoutMs: 5_000,
    dispatcher: agent,
    logger: { debug: (msg, fields) => log({ msg, fields }) },
    retry: { baseDelayMs: 1, maxDelayMs: 4, random: () => 0.5 },
    ...overrides,
  });
  const origin = new URL(overrides.url ?? ORIGIN).origin;
  const pool = agent.get(origin);
  const seen: SeenRequest[] = [];
  const releases: (() => void)[] = [];

  /** Answers one request (or `times` requests) on `method path` and records what was sent. */
  function reply(
    method: string,
    path: string,
    status: number,
    body?: unknown,
    headers: Record<string, string> = {},
  ) {
    return pool.intercept({ method, path }).reply((opts) => {
      seen.push(record(opts));
      const data = body === undefined ? '' : typeof body === 'string' ? body : JSON.stringify(body);
      const contentType = typeof body === 'string' ? 'text/html' : 'application/json';
      return { statusCode: status, data, responseOptions: { headers: { 'content-type': contentType, ...headers } } };
    });
  }

  /**
   * Receives one request on `method path` and holds the answer until `release()`: `arrived` resolves when the
   * request has reached the server, so a test can act while it is in flight. Held answers are released on close.
   */
  function hold(method: string, path: string, status: number, body?: unknown) {
    let arrive!: (request: SeenRequest) => void;
    const arrived = new Promise<SeenRequest>((resolve) => (arrive = resolve));
    let release!: () => void;
    const released = new Promise<void>((resolve) => (release = resolve));
    releases.push(release);
    const answer = body === undefined ? '' : JSON.stringify(body);
    // undici waits for a promise returned as the data (the types leave that out, hence the explicit TData).
    pool.intercept({ method, path }).reply<Promise<string>>(
      status,
      (opts) => {
        const request = record(opts);
        seen.push(request);
        arrive(request);
        return released.then(() => answer);
      },
      { headers: { 'content-type': 'application/json' } },
    );
    return { arrived, release };
  }

  /** Resolves with the first log line (already written, or to come) whose message matches `pattern`. */
  function logged(pattern: RegExp): Promise<LogLine> {
    return new Promise((resolve) => {
      const found = logs.find((line) => pattern.test(line.msg));
      if (found) resolve(found);
      else logWaiters.push({ pattern, resolve });
    });
  }

  const close = async () => {
    releases.forEach((release) => release());
    await agent.close();
  };
  return { agent, pool, client, logs, seen, reply, hold, logged, close };
}

function record(opts: { method: string; path: string; headers?: unknown; body?: unknown }): SeenRequest {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries((opts.headers ?? {}) as Record<string, string>)) headers[name.toLowerCase()] = value;
  const raw = typeof opts.body === 'string' ? opts.body : undefined;
  return { method: opts.method, path: opts.path, headers, body: raw === undefined ? undefined : JSON.parse(raw) };
}

/** A network error shaped like Node's or undici's (`code` is what the client reads). */
export function networkError(code: string, message = code): Error {
  return Object.assign(new Error(message), { code });
}

/** The error a promise rejects with; fails the test when it resolves. */
export async function rejectionOf(promise: Promise<unknown>): Promise<Error> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof Error) return error;
    throw new Error(`rejected with a non-Error: ${String(error)}`);
  }
  throw new Error('expected the call to fail, but it succeeded');
}
