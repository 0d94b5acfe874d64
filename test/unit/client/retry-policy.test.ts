import { describe, expect, it } from '@jest/globals';
import type { RetryTuning } from '../../../provider/client/config.js';
import { decideRetry, parseRetryAfter } from '../../../provider/client/retry-policy.js';

const tuning: RetryTuning = { maxAttempts: 4, baseDelayMs: 100, maxDelayMs: 1_000, random: () => 0 };
const NOW = Date.parse('2026-01-01T00:00:00Z');

describe('decideRetry', () => {
  it.each([429, 502, 503, 504])('retries status %i', (statusCode) => {
    expect(decideRetry({ attempt: 1, idempotent: true, statusCode }, 60_000, tuning, NOW).retry).toBe(true);
  });

  it.each([400, 401, 403, 404, 409, 422, 500])('does not retry status %i', (statusCode) => {
    expect(decideRetry({ attempt: 1, idempotent: true, statusCode }, 60_000, tuning, NOW)).toEqual({ retry: false });
  });

  it.each(['ECONNRESET', 'EPIPE', 'UND_ERR_SOCKET', 'ECONNREFUSED'])('retries network error %s', (networkCode) => {
    expect(decideRetry({ attempt: 1, idempotent: true, networkCode }, 60_000, tuning, NOW).retry).toBe(true);
  });

  it.each(['ENOTFOUND', 'UND_ERR_INVALID_ARG', 'CERT_HAS_EXPIRED'])('does not retry %s', (networkCode) => {
    expect(decideRetry({ attempt: 1, idempotent: true, networkCode }, 60_000, tuning, NOW)).toEqual({ retry: false });
  });

  it('stops after maxAttempts attempts', () => {
    expect(decideRetry({ attempt: 3, idempotent: true, statusCode: 503 }, 60_000, tuning, NOW).retry).toBe(true);
    expect(decideRetry({ attempt: 4, idempotent: true, statusCode: 503 }, 60_000, tuning, NOW)).toEqual({ retry: false });
  });

  it('backs off exponentially, with half of each delay random', () => {
    const low = (attempt: number) => decideRetry({ attempt, idempotent: true, statusCode: 503 }, 60_000, { ...tuning, maxAttempts: 9 }, NOW);
    const high = (attempt: number) =>
      decideRetry({ attempt, idempotent: true, statusCode: 503 }, 60_000, { ...tuning, maxAttempts: 9, random: () => 0.999 }, NOW);
    expect([1, 2, 3, 4, 5, 6].map((a) => low(a))).toEqual(
      [50, 100, 200, 400, 500, 500].map((delayMs) => ({ retry: true, delayMs })),
    );
    expect(high(2)).toEqual({ retry: true, delayMs: 200 });
  });

  it('honours Retry-After over the backoff, even above maxDelayMs', () => {
    expect(decideRetry({ attempt: 1, idempotent: true, statusCode: 429, retryAfter: '3' }, 60_000, tuning, NOW)).toEqual({ retry: true, delayMs: 3_000 });
  });

  it('gives up when the wait would outlast the remaining time', () => {
    expect(decideRetry({ attempt: 1, idempotent: true, statusCode: 429, retryAfter: '3' }, 2_999, tuning, NOW)).toEqual({ retry: false });
    expect(decideRetry({ attempt: 1, idempotent: true, statusCode: 503 }, 10, tuning, NOW)).toEqual({ retry: false });
  });
});

describe('parseRetryAfter', () => {
  it('reads delta-seconds', () => {
    expect(parseRetryAfter('0', NOW)).toBe(0);
    expect(parseRetryAfter(' 120 ', NOW)).toBe(120_000);
  });

  it('reads an HTTP date, never going below zero', () => {
    expect(parseRetryAfter('Thu, 01 Jan 2026 00:00:05 GMT', NOW)).toBe(5_000);
    expect(parseRetryAfter('Wed, 31 Dec 2025 23:00:00 GMT', NOW)).toBe(0);
  });

  it('ignores unreadable values', () => {
    expect(parseRetryAfter('soon', NOW)).toBeUndefined();
    expect(parseRetryAfter('-5', NOW)).toBeUndefined();
  });
});

describe('creates', () => {
  const tuning = { maxAttempts: 4, baseDelayMs: 100, maxDelayMs: 1_000, random: () => 0.5 };
  it.each([
    [{ statusCode: 429 }, true],
    [{ statusCode: 503 }, true],
    [{ statusCode: 502 }, false],
    [{ statusCode: 504 }, false],
    [{ networkCode: 'ECONNREFUSED' }, true],
    [{ networkCode: 'ECONNRESET' }, false],
    [{ networkCode: 'UND_ERR_SOCKET' }, false],
  ])('after %o a create is retried: %s', (failure, expected) => {
    expect(decideRetry({ attempt: 1, idempotent: false, ...failure }, 60_000, tuning, 0).retry).toBe(expected);
  });
});
