import type { RetryTuning } from './config.js';

/** Statuses where the server (or a gateway) asks to come back later. */
export const RETRYABLE_STATUSES: readonly number[] = [429, 502, 503, 504];

/** The connection broke after it was established: a request may have been sent. */
const DROPPED_CONNECTION_CODES: ReadonlySet<string> = new Set(['ECONNRESET', 'EPIPE', 'UND_ERR_SOCKET']);

/** No connection was made, so nothing was sent; worth retrying while a server restarts. */
const REFUSED_CONNECTION_CODES: ReadonlySet<string> = new Set(['ECONNREFUSED', 'UND_ERR_CONNECT_TIMEOUT']);

const UNREACHABLE_CODES: ReadonlySet<string> = new Set([
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EHOSTDOWN',
  'ENETDOWN',
]);

/** True when the error proves the request never reached the server (connect or TLS handshake failed). */
export function neverSent(networkCode: string): boolean {
  return REFUSED_CONNECTION_CODES.has(networkCode) || UNREACHABLE_CODES.has(networkCode) || /CERT|TLS|SSL/.test(networkCode);
}

export interface FailedAttempt {
  /** 1 for the first attempt. */
  attempt: number;
  /** False for creates: those are retried only when the server provably did not process them. */
  idempotent: boolean;
  statusCode?: number;
  networkCode?: string;
  retryAfter?: string;
}

export type RetryDecision = { retry: false } | { retry: true; delayMs: number };

/**
 * Statuses by which the server says it did not process the request (rate limited, unavailable): even a create
 * may be sent again. A 502 or 504 comes from a gateway that may have passed the request on, so it may not.
 */
export const UNPROCESSED_STATUSES: readonly number[] = [429, 503];

/** Whether a call should be sent again after `failure`, and after how long. */
export function decideRetry(failure: FailedAttempt, remainingMs: number, tuning: RetryTuning, now: number): RetryDecision {
  const retryable = failure.idempotent
    ? failure.statusCode !== undefined
      ? RETRYABLE_STATUSES.includes(failure.statusCode)
      : failure.networkCode !== undefined &&
        (DROPPED_CONNECTION_CODES.has(failure.networkCode) || REFUSED_CONNECTION_CODES.has(failure.networkCode))
    : failure.statusCode !== undefined
      ? UNPROCESSED_STATUSES.includes(failure.statusCode)
      : failure.networkCode !== undefined && neverSent(failure.networkCode);
  if (!retryable || failure.attempt >= tuning.maxAttempts) return { retry: false };

  const asked = failure.retryAfter === undefined ? undefined : parseRetryAfter(failure.retryAfter, now);
  const delayMs = asked ?? backoff(failure.attempt, tuning);
  // Waiting past the deadline would only turn the server's answer into a less useful timeout.
  return delayMs < remainingMs ? { retry: true, delayMs } : { retry: false };
}

/** Retry-After as delta-seconds or an HTTP date, in milliseconds from `now`; undefined when unreadable. */
export function parseRetryAfter(value: string, now: number): number | undefined {
  const text = value.trim();
  if (/^\d+$/.test(text)) return Number(text) * 1000;
  // An HTTP date always names a weekday or month; this keeps Date.parse from reading "-5" as a year.
  const at = /[a-z]/i.test(text) ? Date.parse(text) : Number.NaN;
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}

// Exponential backoff with "equal jitter": half fixed, half random, so retries spread but never bunch at 0.
function backoff(attempt: number, tuning: RetryTuning): number {
  const ceiling = Math.min(tuning.maxDelayMs, tuning.baseDelayMs * 2 ** (attempt - 1));
  return Math.round(ceiling / 2 + tuning.random() * (ceiling / 2));
}
