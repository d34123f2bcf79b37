import { isAbortError } from '../core/errors';
import { errorCodeString, isRetryableErrorCode } from '../protocol/retryable';
import type { ErrorInput, KitErrorPayload } from './types';

/** Code sent when the caller gave a message but no code. */
export const DEFAULT_ERROR_CODE = 'server_error';
/** What a client sees for thrown values that are not Errors (their contents may be anything). */
const UNKNOWN_ERROR: KitErrorPayload = { error: 'Internal server error', code: 'internal_error' };

interface ErrorFields {
  code?: unknown;
  type?: unknown;
  status?: unknown;
  serverCode?: unknown;
  retryable?: unknown;
  /** @anthropic-ai/sdk: the API's own message (its `message` is the whole JSON body). */
  apiMessage?: unknown;
}

/**
 * Turns whatever `sendError` / `abort` got into the `error` event payload: a message and a code,
 * never a stack. Provider SDK errors (openai / @anthropic-ai/sdk APIError) keep their code
 * (`rate_limit_exceeded`, `overloaded_error`, ...) and whether a retry may help.
 */
export function toErrorPayload(error: ErrorInput): KitErrorPayload {
  if (typeof error === 'string') return { error: error || UNKNOWN_ERROR.error, code: DEFAULT_ERROR_CODE };
  if (error instanceof Error) return fromError(error);
  if (error !== null && typeof error === 'object' && typeof (error as { error?: unknown }).error === 'string') {
    const given = error as { error: string; code?: unknown; retryable?: unknown };
    const payload: KitErrorPayload = {
      error: given.error,
      code: typeof given.code === 'string' && given.code ? given.code : DEFAULT_ERROR_CODE,
    };
    if (typeof given.retryable === 'boolean') payload.retryable = given.retryable;
    return payload;
  }
  return { ...UNKNOWN_ERROR };
}

function fromError(error: Error): KitErrorPayload {
  if (isAbortError(error)) return { error: 'The request was aborted', code: 'aborted' };
  const fields = error as Error & ErrorFields;
  const status = typeof fields.status === 'number' ? fields.status : undefined;
  const providerCode = errorCodeString(fields.serverCode, fields.code, fields.type);
  const code = providerCode ?? (status !== undefined ? `http_${status}` : DEFAULT_ERROR_CODE);
  const message = typeof fields.apiMessage === 'string' && fields.apiMessage ? fields.apiMessage : error.message;
  const payload: KitErrorPayload = { error: message || UNKNOWN_ERROR.error, code };
  if (typeof fields.retryable === 'boolean') payload.retryable = fields.retryable;
  else if (status !== undefined || providerCode !== undefined) payload.retryable = isRetryableErrorCode(status, code);
  return payload;
}
