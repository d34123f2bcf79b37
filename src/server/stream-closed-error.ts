/** Why a stream's `signal` fired. */
export type StreamClosedCode =
  /** The client closed the connection or cancelled the body. */
  | 'client_disconnected'
  /** The client read too slowly: more than `maxBufferedBytes` would have been buffered. */
  | 'buffer_overflow'
  /** `abort()` was called. */
  | 'aborted'
  /** A cancel request stopped the reply (`ResumeStore.cancel`, e.g. the user pressed Stop). */
  | 'cancelled';

/**
 * The `reason` of a stream's `signal`. Its name is `AbortError` so code that checks for aborts
 * (fetch callers, SDKs) treats it as one; `code` says why.
 */
export class StreamClosedError extends Error {
  override readonly name = 'AbortError';
  readonly code: StreamClosedCode;

  constructor(code: StreamClosedCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.code = code;
  }
}
