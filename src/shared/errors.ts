/**
 * One error class with a discriminating `code`, so callers can `switch (err.code)` and
 * still `instanceof AIStreamError`.
 */
export type AIStreamErrorCode =
  /** The server answered with a non-2xx status. `status` is set. */
  | 'http'
  /** The request never got an answer (DNS, refused, reset, offline). */
  | 'network'
  /** No bytes arrived for `idleTimeout` ms, or the reply took longer than `timeout` ms. */
  | 'timeout'
  /** The body could not be decoded (bad JSON, unknown format, event too large). */
  | 'protocol'
  /** The server reported an error inside the stream (`event: error`, Anthropic error, ...). */
  | 'server'
  /** `send()` was called while a reply was still streaming. */
  | 'busy'
  /** Bad arguments or configuration. */
  | 'invalid'
  /** Saving or restoring a chat failed (quota, private mode, a damaged record); the chat goes on in memory. */
  | 'storage';

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
  // Declared, not initialised: the constructor sets them all.
  declare readonly code: AIStreamErrorCode;
  declare readonly status: number | undefined;
  declare readonly serverCode: string | undefined;
  declare readonly retryable: boolean;
  declare readonly retryAfter: number | undefined;

  constructor(code: AIStreamErrorCode, message: string, init: AIStreamErrorInit = {}) {
    super(message, init); // Error reads `cause` from it
    this.code = code;
    this.status = init.status;
    this.serverCode = init.serverCode;
    this.retryable = init.retryable ?? false;
    this.retryAfter = init.retryAfter;
  }
}

/** An error the server reported inside the stream. */
export function serverError(part: { message: string; code?: string | undefined; retryable?: boolean | undefined }): AIStreamError {
  return new AIStreamError('server', part.message, { serverCode: part.code, retryable: !!part.retryable });
}

/** A body that ended before `done` (or a `finish`): the connection dropped. Worth a retry. */
export function droppedError(): AIStreamError {
  return new AIStreamError('network', 'The connection closed before the reply finished', { retryable: true });
}

/** The body broke while reading (socket reset, undici's "terminated"). Worth a retry. */
export function readError(error: unknown): AIStreamError {
  return new AIStreamError('network', `The connection broke while reading the reply: ${errorText(error)}`, {
    retryable: true,
    cause: error,
  });
}

/** The message of anything thrown. */
export function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

export function isAbortError(error: unknown): boolean {
  return (
    typeof error === 'object' &&
    error !== null &&
    ((error as { name?: unknown }).name === 'AbortError' || (error as { code?: unknown }).code === 20)
  );
}

/** 408 timeout, 409 conflict (lock contention), 429 rate limit and every 5xx are worth another try. */
export function isRetryableStatus(status: number): boolean {
  return status === 408 || status === 409 || status === 429 || status >= 500;
}
