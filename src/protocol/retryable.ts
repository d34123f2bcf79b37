/** Words providers use for transient failures (overloaded_error, server_error, rate_limit_exceeded, ...). */
const TRANSIENT = /overload|rate_limit|rate-limit|too_many_requests|server_error|internal|unavailable|timeout|timed_out/i;

/**
 * Guesses from a provider's error type/code whether trying again may succeed.
 * Numeric codes are HTTP statuses (OpenRouter and some proxies): 429 and 5xx are transient.
 */
export function isRetryableErrorCode(...codes: unknown[]): boolean {
  for (const code of codes) {
    if (typeof code === 'number' && (code === 429 || code >= 500)) return true;
    if (typeof code === 'string' && TRANSIENT.test(code)) return true;
  }
  return false;
}

/** Provider error codes come as strings or numbers; parts carry strings. */
export function errorCodeString(...codes: unknown[]): string | undefined {
  for (const code of codes) {
    if (typeof code === 'string' && code !== '') return code;
    if (typeof code === 'number') return String(code);
  }
  return undefined;
}
