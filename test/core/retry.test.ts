import { describe, expect, it } from 'vitest';
import { DEFAULT_RETRY, retryDelay } from '../../src/core/retry';
import { MAX_SERVER_DELAY } from '../../src/core/retry';
import { isRetryableStatus } from '../../src/shared/errors';
import { parseRetryAfter } from '../../src/core/http-error';

describe('retryDelay', () => {
  it('has the documented defaults', () => {
    expect(DEFAULT_RETRY).toEqual({ maxRetries: 3, backoff: 'exponential', initialDelay: 1000, maxDelay: 10000 });
  });

  it('exponential: equal jitter between half and all of initialDelay × 2^(attempt-1), capped', () => {
    const low = () => 0;
    const high = () => 1;
    expect([1, 2, 3, 4, 5].map((attempt) => retryDelay(attempt, {}, undefined, low))).toEqual([500, 1000, 2000, 4000, 5000]);
    expect([1, 2, 3, 4, 5].map((attempt) => retryDelay(attempt, {}, undefined, high))).toEqual([1000, 2000, 4000, 8000, 10000]);
    for (let i = 0; i < 50; i++) {
      const delay = retryDelay(3, { initialDelay: 100 });
      expect(delay).toBeGreaterThanOrEqual(200);
      expect(delay).toBeLessThanOrEqual(400);
    }
  });

  it('linear: initialDelay × attempt, capped at maxDelay', () => {
    const config = { backoff: 'linear' as const, initialDelay: 300, maxDelay: 1000 };
    expect([1, 2, 3, 4].map((attempt) => retryDelay(attempt, config))).toEqual([300, 600, 900, 1000]);
  });

  it('uses the wait the server asked for, capped at max(maxDelay, one minute)', () => {
    expect(retryDelay(1, { initialDelay: 10 }, { retryAfter: 1500 })).toBe(1500);
    expect(retryDelay(1, {}, { retryAfter: 3_600_000 })).toBe(MAX_SERVER_DELAY);
    expect(retryDelay(1, { maxDelay: 120_000 }, { retryAfter: 3_600_000 })).toBe(120_000);
  });
});

describe('parseRetryAfter', () => {
  const headers = (init: Record<string, string>) => new Headers(init);
  it('reads seconds, HTTP dates and retry-after-ms', () => {
    expect(parseRetryAfter(headers({ 'Retry-After': '2' }))).toBe(2000);
    expect(parseRetryAfter(headers({ 'Retry-After': '0.5' }))).toBe(500);
    expect(parseRetryAfter(headers({ 'retry-after-ms': '250', 'Retry-After': '9' }))).toBe(250);
    const date = new Date(Date.now() + 5000).toUTCString();
    const fromDate = parseRetryAfter(headers({ 'Retry-After': date }))!;
    expect(fromDate).toBeGreaterThan(3000);
    expect(fromDate).toBeLessThanOrEqual(5000);
    expect(parseRetryAfter(headers({ 'Retry-After': new Date(0).toUTCString() }))).toBe(0);
    expect(parseRetryAfter(headers({ 'Retry-After': 'soon' }))).toBeUndefined();
    expect(parseRetryAfter(headers({}))).toBeUndefined();
  });
});

describe('isRetryableStatus', () => {
  it('retries 408, 409, 429 and 5xx only', () => {
    expect([408, 409, 429, 500, 502, 503, 504, 529].every(isRetryableStatus)).toBe(true);
    expect([400, 401, 403, 404, 413, 422].some(isRetryableStatus)).toBe(false);
  });
});
