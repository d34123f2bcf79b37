import type { AIStreamError } from '../shared/errors';
import type { RetryConfig } from './types';

export const DEFAULT_RETRY: Required<RetryConfig> = {
  maxRetries: 3,
  backoff: 'exponential',
  initialDelay: 1000,
  maxDelay: 10_000,
};

/**
 * The longest a server may make us wait (Retry-After / retry-after-ms) before the next try:
 * `maxDelay` or one minute, whichever is larger. A longer ask is cut to this cap (the next try
 * then usually fails fast with the server's own message instead of hanging for minutes).
 */
export const MAX_SERVER_DELAY = 60_000;

/**
 * Milliseconds to wait before retry number `attempt` (1-based).
 * - exponential: "equal jitter" — half of `initialDelay × 2^(attempt-1)` (capped at maxDelay) plus a
 *   random part up to the other half, so clients that failed together spread out yet never retry
 *   at once.
 * - linear: `initialDelay × attempt`, capped at maxDelay, no jitter.
 * When the error carries the server's own wait (`retryAfter`), that wins, capped at
 * max(maxDelay, MAX_SERVER_DELAY).
 */
export function retryDelay(
  attempt: number,
  config: RetryConfig = {},
  error?: Pick<AIStreamError, 'retryAfter'>,
  random: () => number = Math.random,
): number {
  const { backoff, initialDelay, maxDelay } = { ...DEFAULT_RETRY, ...config };
  if (error?.retryAfter !== undefined) return Math.min(error.retryAfter, Math.max(maxDelay, MAX_SERVER_DELAY));
  if (backoff === 'linear') return Math.min(maxDelay, initialDelay * attempt);
  const base = Math.min(maxDelay, initialDelay * 2 ** (attempt - 1));
  return Math.round(base / 2 + random() * (base / 2));
}

/** Resolves after `ms`, or at once when `signal` aborts (the caller checks why it woke). */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal?.aborted) return resolve();
    const done = () => {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal?.addEventListener('abort', done);
  });
}
