/**
 * One error class with a discriminating `code`, so callers can `switch (err.code)` and
 * still `instanceof AIStreamError`.
 */
export type AIStreamErrorCode =
  /** The server answered with a non-2xx status. `status` is set. */
  | 'http'
  /** The request never got an answer (DNS, refused, reset, offline). */
  | 'network'
  /** No bytes arrived for `idleTimeout` ms. */
  | 'timeout'
  /** The body could not be decoded (bad JSON, unknown format, event too large). */
  | 'protocol'
  /** The server reported an error inside the stream (`event: error`, Anthropic error, ...). */
  | 'server'
  /** `send()` was called while a reply was still streaming. */
  | 'busy'
  /** Bad arguments or configuration. */
  | 'invalid';

export interface AIStreamErrorInit {
  status?: number;
  /** Machine-readable code from the server (`rate_limit_error`, `RATE_LIMIT`, ...). */
  serverCode?: string;
  retryable?: boolean;
  /** Milliseconds the server asked us to wait (Retry-After / retry-after-ms). */
  retryAfter?: number;
  cause?: unknown;
}

export class AIStreamError extends Error {
  override readonly name = 'AIStreamError';
  readonly code: AIStreamErrorCode;
  readonly status: number | undefined;
  readonly serverCode: string | undefined;
  readonly retryable: boolean;
  readonly retryAfter: number | undefined;

  constructor(code: AIStreamErrorCode, message: string, init: AIStreamErrorInit = {}) {
    super(message, init.cause === undefined ? undefined : { cause: init.cause });
    this.code = code;
    this.status = init.status;
    this.serverCode = init.serverCode;
    this.retryable = init.retryable ?? false;
    this.retryAfter = init.retryAfter;
  }
}

export function isAbortError(error: unknown): boolean {
  return (
    typeof error === 'object' &&
    error !== null &&
    ((error as { name?: unknown }).name === 'AbortError' || (error as { code?: unknown }).code === 20)
  );
}
