import { AIStreamError, isAbortError } from '../core/errors';
import { errorCodeString, isRetryableErrorCode } from '../protocol/retryable';
import type { ErrorInput, KitErrorPayload } from './types';

/** Code sent when the caller gave a message but no code. */
export const DEFAULT_ERROR_CODE = 'server_error';
/** What a client sees for an Error of the app, or any thrown value that is not an Error. */
const INTERNAL_ERROR: KitErrorPayload = { error: 'Internal server error', code: 'internal_error' };
/** Provider codes are identifiers (`invalid_api_key`, `overloaded_error`); anything else is not sent. */
const SAFE_CODE = /^[A-Za-z0-9_.:-]{1,64}$/;

interface ErrorFields {
  code?: unknown;
  type?: unknown;
  status?: unknown;
  serverCode?: unknown;
  retryable?: unknown;
  /** openai / @anthropic-ai/sdk APIError: the parsed error body. */
  error?: unknown;
  /** http-errors / Express convention: the message is safe to show the client. */
  expose?: unknown;
}

/** The wire payload, and whether it hides what was given (then the original goes to `onError`). */
export interface DescribedError {
  payload: KitErrorPayload;
  masked: boolean;
}

/**
 * A failure the provider reported inside its stream (an `error` event, decoded into a part).
 * An Error, so it is masked and reported like a thrown SDK error.
 */
export class ProviderStreamError extends Error {
  override readonly name = 'ProviderStreamError';
  readonly code: string | undefined;
  readonly retryable: boolean | undefined;

  constructor(part: { message: string; code?: string | undefined; retryable?: boolean | undefined }) {
    super(part.message);
    this.code = part.code;
    this.retryable = part.retryable;
  }
}

/**
 * What the client is sent for what `sendError` / `abort` got. Masked by default: an Error
 * becomes a generic message and a stable code (a provider failure keeps the provider's code and
 * HTTP status, never its message, which may echo a key or a URL). What the developer wrote
 * explicitly — a string, an `{ error, code }` object, an Error marked `expose: true` — is sent
 * as given. Never a stack.
 */
export function describeError(error: ErrorInput): DescribedError {
  if (typeof error === 'string') return explicit({ error: error || INTERNAL_ERROR.error, code: DEFAULT_ERROR_CODE });
  if (error instanceof Error) return fromError(error);
  if (error !== null && typeof error === 'object' && typeof (error as { error?: unknown }).error === 'string') {
    const given = error as { error: string; code?: unknown; retryable?: unknown };
    const payload: KitErrorPayload = {
      error: given.error,
      code: typeof given.code === 'string' && given.code ? given.code : DEFAULT_ERROR_CODE,
    };
    if (typeof given.retryable === 'boolean') payload.retryable = given.retryable;
    return explicit(payload);
  }
  return { payload: { ...INTERNAL_ERROR }, masked: true };
}

/** The payload alone (see `describeError`). */
export function toErrorPayload(error: ErrorInput): KitErrorPayload {
  return describeError(error).payload;
}

function explicit(payload: KitErrorPayload): DescribedError {
  return { payload, masked: false };
}

function fromError(error: Error): DescribedError {
  // The kit's own generic words; nothing of the error itself.
  if (isAbortError(error)) return explicit({ error: 'The request was aborted', code: 'aborted' });
  const fields = error as Error & ErrorFields;
  const status = typeof fields.status === 'number' ? fields.status : undefined;
  if (fields.expose === true && error.message) {
    const payload: KitErrorPayload = { error: error.message, code: safeCode(fields.code) ?? (status ? `http_${status}` : DEFAULT_ERROR_CODE) };
    if (status !== undefined) payload.status = status;
    return explicit(payload);
  }
  if (!isProviderFailure(error, status)) return { payload: { ...INTERNAL_ERROR }, masked: true };

  const providerCode = safeCode(errorCodeString(fields.serverCode, fields.code, fields.type));
  const code = providerCode ?? (status !== undefined ? `http_${status}` : 'provider_error');
  const payload: KitErrorPayload = { error: providerMessage(status, code), code };
  if (status !== undefined) payload.status = status;
  if (typeof fields.retryable === 'boolean') payload.retryable = fields.retryable;
  else payload.retryable = isRetryableErrorCode(status, code);
  return { payload, masked: true };
}

/**
 * A model provider's failure: an SDK APIError (it has the HTTP `status`, or the parsed error body
 * in `error` for errors inside the stream), the kit's own HTTP / stream errors, an error event.
 */
function isProviderFailure(error: Error, status: number | undefined): boolean {
  if (status !== undefined) return true;
  if (error instanceof AIStreamError || error instanceof ProviderStreamError) return true;
  const body = (error as ErrorFields).error;
  return body !== null && typeof body === 'object';
}

function safeCode(code: unknown): string | undefined {
  const text = errorCodeString(code);
  return text !== undefined && SAFE_CODE.test(text) ? text : undefined;
}

/** Generic words for a provider failure, from its status or code; the client also gets both. */
function providerMessage(status: number | undefined, code: string): string {
  if (status === 401) return 'The model provider did not accept the server’s credentials';
  if (status === 403) return 'The model provider refused the request';
  if (status === 404) return 'The model provider does not know the model or endpoint';
  if (status === 408 || /timeout|timed_out/i.test(code)) return 'The model provider timed out';
  if (code === 'network') return 'The connection to the model provider failed';
  if (status === 429 || /rate_limit|too_many_requests/i.test(code)) return 'The model provider is rate limiting requests';
  if (status === 529 || status === 503 || /overload|unavailable/i.test(code)) return 'The model provider is overloaded';
  if ((status !== undefined && status >= 500) || /server_error|internal/i.test(code)) return 'The model provider had an internal error';
  if (status !== undefined && status >= 400) return 'The model provider rejected the request';
  return 'The model provider reported an error';
}

/**
 * Hands a masked error to the app: its `onError` hook, or `console.error` when it has none, so
 * the full error (message, stack, provider body) is still seen on the server.
 */
export function reportError(onError: ((error: unknown) => void) | undefined, error: unknown, payload: KitErrorPayload): void {
  if (!onError) {
    console.error(`ai-stream-kit/server: sent the client "${payload.error}" (${payload.code}) for:`, error);
    return;
  }
  try {
    onError(error);
  } catch (hookError) {
    console.error('ai-stream-kit/server: onError threw', hookError, 'while reporting', error);
  }
}
