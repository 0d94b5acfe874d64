import type { Agent as AgentType, Dispatcher, RetryHandler } from 'undici';
// undici's index also loads fetch, WebSocket, cookies and the rest, and through them Node's own copy of undici
// (globalThis.Headers): about 40 ms at every ConfigureProvider, in every provider process. We need three
// modules; `request` is what the index installs as Dispatcher.prototype.request.
import Agent from 'undici/lib/dispatcher/agent.js';
import request from 'undici/lib/api/api-request.js';
import retryInterceptor from 'undici/lib/interceptor/retry.js';
import type { KestraLogger, ResolvedConfig } from './config.js';
import { summarizeErrorBody } from './error-body.js';
import {
  KestraStoppedError,
  apiErrorFor,
  KestraAmbiguousWriteError,
  KestraApiError,
  KestraConnectionError,
  KestraResponseError,
  KestraTimeoutError,
  type CallSite,
  type KestraError,
} from './errors.js';
import { outboundSecureContext } from './outbound-trust.js';
import { Redactor } from './redact.js';
import { decideRetry, neverSent, RETRYABLE_STATUSES, UNPROCESSED_STATUSES } from './retry-policy.js';

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export interface ApiCall {
  method: HttpMethod;
  /** API path from `/api/v1`, query string included (see `ApiPaths`). */
  path: string;
  body?: unknown;
  /** Safe to send twice, hence retried; defaults to true for GET, PUT and DELETE only. */
  idempotent?: boolean;
  /** The success body carries a secret (a new API token): never quoted anywhere, not even in errors. */
  secretResponse?: boolean;
  /** What the caller needs for this call, named in 403 messages ("the ROLE permission on tenant main"). */
  requires?: string;
  /** Secrets in this call's body (a user's password), redacted from server text like the credentials. */
  secrets?: string[];
}

/** What an operation's transport shares with the client's: the connection pool and the secrets to redact. */
interface OperationOf {
  dispatcher: Dispatcher;
  secrets: string[];
  deadline: number;
}

// A 2xx answer, or the raw failure to classify.
type Outcome = { ok: true; status: number; text: string } | { ok: false; error: unknown };

/**
 * Sends API calls: headers, the timeout (of the operation, see `forOperation`), retries of idempotent
 * calls (undici's retry interceptor, driven by `decideRetry`), debug logging and error mapping. Knows nothing
 * of the resources.
 *
 * A create (a call that is not idempotent) whose outcome the client cannot know fails with
 * `KestraAmbiguousWriteError`: it timed out or lost its connection after it was sent, got a 5xx other than 503
 * (a server may fail after doing the work), or got a 2xx whose body is unreadable or lacks what the call needs.
 * 429 and 503 say the request was not processed (RFC 9110), so a create is sent again after them.
 */
export class Transport {
  readonly #config: ResolvedConfig;
  readonly #dispatcher: Dispatcher;
  readonly #ownsDispatcher: boolean;
  readonly #logger: KestraLogger | undefined;
  /** The configured credentials, and secrets learnt since (tokens this client created), shared with its operations. */
  readonly #secrets: string[];
  readonly #stopSignal: AbortSignal | undefined;
  /** When the operation this transport serves must be done (`forOperation`); undefined: each call gets the whole timeout. */
  readonly #deadline: number | undefined;

  /** `of`: only from `forOperation`. */
  constructor(config: ResolvedConfig, dispatcher: Dispatcher | undefined, logger: KestraLogger | undefined, stopSignal?: AbortSignal, of?: OperationOf) {
    this.#config = config;
    this.#stopSignal = stopSignal;
    this.#logger = logger;
    if (of !== undefined) {
      this.#dispatcher = of.dispatcher;
      this.#ownsDispatcher = false;
      this.#secrets = of.secrets;
      this.#deadline = of.deadline;
      return;
    }
    // One keep-alive Agent per client, so connections are reused across calls.
    this.#dispatcher = dispatcher ?? newAgent(config.origin, config.env);
    this.#ownsDispatcher = dispatcher === undefined;
    // An abandoned session's requests end as a killed process's would: their connections cut.
    config.abandonSignal?.addEventListener('abort', () => void this.#dispatcher.destroy().catch(() => {}), { once: true });
    this.#secrets = [...config.secrets];
    this.#deadline = undefined;
  }

  /**
   * This transport for one operation (a resource create, a read...): every call made through it shares one
   * deadline, `timeout` from now (or the enclosing operation's, when sooner), retries and waits included.
   */
  forOperation(): Transport {
    const deadline = Math.min(this.#deadline ?? Infinity, Date.now() + this.#config.timeoutMs);
    return new Transport(this.#config, undefined, this.#logger, this.#stopSignal, { dispatcher: this.#dispatcher, secrets: this.#secrets, deadline });
  }

  /** Milliseconds left before the operation's deadline (the whole timeout outside an operation). */
  remainingMs(): number {
    return this.#callDeadline() - Date.now();
  }

  /** When the call starting now must be done. */
  #callDeadline(): number {
    return this.#deadline ?? Date.now() + this.#config.timeoutMs;
  }

  /** Sends the call and returns its parsed JSON body, checked by `isExpected` when given. */
  async json<T>(call: ApiCall, isExpected?: (body: unknown) => body is T): Promise<T> {
    const { status, text } = await this.#exchange(call);
    const site = this.#site(call);
    // The work was done, but what it made cannot be read: for a create, that is an unknown outcome.
    const unreadable = (problem: string) => {
      const error = new KestraResponseError(site, status, problem);
      return isIdempotent(call) ? error : new KestraAmbiguousWriteError(site, error);
    };
    if (text.trim() === '') throw unreadable('an empty body where JSON was expected');
    let body: unknown;
    try {
      body = JSON.parse(text);
    } catch {
      throw unreadable('a body that is not valid JSON');
    }
    if (isExpected && !isExpected(body)) throw unreadable('a body of an unexpected shape');
    return body as T;
  }

  /** From now on `secret` is redacted like the credentials (the secret of a token this client created). */
  addSecret(secret: string): void {
    this.#secrets.push(secret);
  }

  /** Sends the call and discards whatever body comes back. */
  async send(call: ApiCall): Promise<void> {
    await this.#exchange(call);
  }

  async close(): Promise<void> {
    if (this.#ownsDispatcher) await this.#dispatcher.close();
  }

  async #exchange(call: ApiCall): Promise<{ status: number; text: string }> {
    const site = this.#site(call);
    const abandoned = this.#config.abandonSignal;
    if (this.#stopSignal?.aborted || abandoned?.aborted) throw new KestraStoppedError(site);
    const idempotent = isIdempotent(call);
    const started = Date.now();
    const deadline = this.#callDeadline();
    // Nothing was sent, so even a create has a certain outcome: it did not happen.
    if (deadline <= started) throw new KestraTimeoutError(site, this.#config.timeoutMs);
    const attempts = { count: 1 };
    const abort = new AbortController();
    const timer = setTimeout(() => abort.abort(new KestraTimeoutError(site, this.#config.timeoutMs)), deadline - started);

    // Every call goes through the retry interceptor; decideRetry limits creates to provably unprocessed attempts.
    const dispatcher = this.#dispatcher.compose(
      retryInterceptor({
        methods: [call.method],
        // A create answered 502 or 504 must come back as is: it is ambiguous, never retried.
        statusCodes: [...(idempotent ? RETRYABLE_STATUSES : UNPROCESSED_STATUSES)],
        retry: this.#retryCallback(site, idempotent, deadline, abort.signal, attempts),
      }),
    );

    let outcome: Outcome;
    try {
      const response = await request.call(dispatcher, {
        origin: this.#config.origin,
        path: site.path,
        method: call.method,
        headers: this.#headers(call.body !== undefined),
        body: call.body === undefined ? null : JSON.stringify(call.body),
        signal: abort.signal,
      });
      const text = await readBody(response, site);
      outcome = response.statusCode >= 200 && response.statusCode < 300
        ? { ok: true, status: response.statusCode, text }
        : { ok: false, error: this.#statusError(call, site, response.statusCode, text, attempts.count) };
      this.#logDone(site, response.statusCode, started, attempts.count);
    } catch (error) {
      outcome = { ok: false, error: abandoned?.aborted ? new KestraStoppedError(site) : abort.signal.aborted ? abort.signal.reason : error };
      this.#logDone(site, abort.signal.aborted ? 'timeout' : exhaustedStatus(error) ?? errorCode(error) ?? 'error', started, attempts.count);
    } finally {
      clearTimeout(timer);
    }

    if (outcome.ok) return outcome;
    throw this.#classify(outcome.error, call, site, idempotent, attempts.count);
  }

  #site(call: ApiCall): CallSite {
    return { method: call.method, path: this.#config.basePath + call.path };
  }

  #headers(hasBody: boolean): Record<string, string> {
    return {
      ...this.#config.headers,
      ...(hasBody ? { 'content-type': 'application/json' } : {}),
      ...this.#config.extraHeaders,
    };
  }

  #retryCallback(
    site: CallSite,
    idempotent: boolean,
    deadline: number,
    signal: AbortSignal,
    attempts: { count: number },
  ): RetryHandler.RetryCallback {
    return (err, { state }, done) => {
      const failed = err as Error & { code?: string; statusCode?: number; headers?: Record<string, unknown> };
      const statusCode = failed.code === 'UND_ERR_REQ_RETRY' ? failed.statusCode : undefined;
      const retryAfter = failed.headers?.['retry-after'];
      const now = Date.now();
      const decision = decideRetry(
        {
          attempt: state.counter,
          idempotent,
          ...(statusCode !== undefined ? { statusCode } : failed.code !== undefined ? { networkCode: failed.code } : {}),
          ...(typeof retryAfter === 'string' ? { retryAfter } : {}),
        },
        deadline - now,
        this.#config.retry,
        now,
      );
      if (!decision.retry || signal.aborted) {
        done(err);
        return;
      }
      if (this.#stopSignal?.aborted) {
        done(new KestraStoppedError(site));
        return;
      }
      attempts.count = state.counter + 1;
      this.#logger?.debug(
        `${site.method} ${site.path} attempt ${state.counter} failed (${statusCode ?? failed.code}), retrying in ${decision.delayMs} ms`,
        { method: site.method, path: site.path, attempt: state.counter, status: statusCode ?? failed.code, delay_ms: decision.delayMs },
      );
      const onAbort = () => {
        clearTimeout(wait);
        this.#stopSignal?.removeEventListener('abort', onStop);
        done(signal.reason as Error);
      };
      // A stop cuts a backoff wait short: the call fails now instead of retrying later.
      const onStop = () => {
        clearTimeout(wait);
        signal.removeEventListener('abort', onAbort);
        done(new KestraStoppedError(site));
      };
      const wait = setTimeout(() => {
        signal.removeEventListener('abort', onAbort);
        this.#stopSignal?.removeEventListener('abort', onStop);
        done(null);
      }, decision.delayMs);
      signal.addEventListener('abort', onAbort, { once: true });
      this.#stopSignal?.addEventListener('abort', onStop, { once: true });
    };
  }

  #statusError(call: ApiCall, site: CallSite, status: number, text: string, attempts: number): KestraApiError {
    const redactor = new Redactor([...this.#secrets, ...(call.secrets ?? [])]);
    const summary = summarizeErrorBody(text, redactor, !call.secretResponse);
    return apiErrorFor({
      ...site,
      status,
      ...summary,
      attempts,
      ...(call.requires !== undefined ? { requires: call.requires } : {}),
    });
  }

  /** Turns a failure into the catalogue error; non-idempotent calls that may have been applied become ambiguous. */
  #classify(error: unknown, call: ApiCall, site: CallSite, idempotent: boolean, attempts: number): unknown {
    const ambiguousUnlessIdempotent = (cause: KestraError) =>
      idempotent ? cause : new KestraAmbiguousWriteError(site, cause);

    if (error instanceof KestraStoppedError) return error;
    if (error instanceof KestraTimeoutError || error instanceof KestraResponseError) return ambiguousUnlessIdempotent(error);
    const lastStatus = exhaustedStatus(error);
    // undici has dropped the last body by then, so there is no server message to quote.
    if (lastStatus !== undefined) return this.#statusError(call, site, lastStatus, '', attempts);
    if (error instanceof KestraApiError) {
      // A server may fail after doing the work, and a gateway may have let the request through; 503 is a refusal.
      return error.status >= 500 && error.status !== 503 ? ambiguousUnlessIdempotent(error) : error;
    }
    const code = errorCode(error);
    // A bug on our side, not the network; its text may quote what was being sent, so it is redacted too.
    if (code === undefined || code.startsWith('UND_ERR_INVALID')) return this.#redacted(error);
    const connection = new KestraConnectionError(site, code, attempts, error);
    return neverSent(code) ? connection : ambiguousUnlessIdempotent(connection);
  }

  #redacted(error: unknown): unknown {
    if (!(error instanceof Error)) return error;
    const redactor = new Redactor(this.#secrets);
    const message = redactor.redact(error.message);
    return message === error.message ? error : Object.assign(new Error(message), { name: error.name, code: errorCode(error) });
  }

  #logDone(site: CallSite, status: number | string, started: number, attempts: number): void {
    const durationMs = Date.now() - started;
    this.#logger?.debug(`${site.method} ${site.path} ${status} ${durationMs}ms`, {
      method: site.method,
      path: site.path,
      status,
      duration_ms: durationMs,
      ...(attempts > 1 ? { attempts } : {}),
    });
  }
}

/** The body; a 2xx whose body breaks off is an answer that cannot be read (the work is done). */
async function readBody(response: Dispatcher.ResponseData, site: CallSite): Promise<string> {
  try {
    return await response.body.text();
  } catch (error) {
    if (response.statusCode < 200 || response.statusCode >= 300) throw error;
    throw new KestraResponseError(site, response.statusCode, `a body cut off before its end (${errorCode(error) ?? 'read error'})`);
  }
}

function isIdempotent(call: ApiCall): boolean {
  return call.idempotent ?? (call.method === 'GET' || call.method === 'PUT' || call.method === 'DELETE');
}

function newAgent(origin: string, env: NodeJS.ProcessEnv): AgentType {
  const secureContext = outboundSecureContext(origin, env);
  return new Agent(secureContext ? { connect: { secureContext } } : {});
}

/** The status of undici's error for a retryable status that was not (or no longer) retried. */
function exhaustedStatus(error: unknown): number | undefined {
  return isRecord(error) && error.code === 'UND_ERR_REQ_RETRY' && typeof error.statusCode === 'number' && error.statusCode >= 300
    ? error.statusCode
    : undefined;
}

function errorCode(error: unknown): string | undefined {
  return isRecord(error) && typeof error.code === 'string' ? error.code : undefined;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}
