import { AIStreamError } from './errors';
import { isRetryableStatus, parseRetryAfter } from './retry';
import type { StreamPart } from '../protocol/parts';
import type { StreamConfig } from './types';

/** The message of anything thrown. */
export const errorText = (error: unknown): string => (error instanceof Error ? error.message : String(error));

/** An error the server reported inside the stream. */
export function serverError(part: Extract<StreamPart, { type: 'error' }>): AIStreamError {
  return new AIStreamError('server', part.message, { serverCode: part.code, retryable: part.retryable ?? false });
}

export const DEFAULT_IDLE_TIMEOUT = 60_000;
const ACCEPT = 'text/event-stream, application/x-ndjson, text/plain';

export interface StreamRequest {
  body: unknown;
  /** Per-send headers (`send(content, { headers })`). */
  headers?: Record<string, string> | undefined;
  /** Set when reconnecting, so a resumable server continues after this event. */
  lastEventId?: string | undefined;
  signal: AbortSignal;
}

/**
 * POSTs the request and returns the OK response, or throws a typed AIStreamError:
 * 'http' (non-2xx, with the server's own message), 'network' (no answer).
 * An abort is rethrown untouched; the caller knows why it aborted.
 */
export async function openStream(config: StreamConfig, request: StreamRequest): Promise<Response> {
  // A Headers object so a user's 'content-type' replaces ours instead of being joined to it.
  const headers = new Headers({ 'Content-Type': 'application/json', Accept: ACCEPT });
  let configured = config.headers;
  if (typeof configured === 'function') {
    try {
      configured = await configured(); // at send time: fresh tokens
    } catch (error) {
      throw new AIStreamError('invalid', `config.headers() failed: ${errorText(error)}`, { cause: error });
    }
  }
  for (const extra of [configured, request.headers]) {
    for (const [name, value] of Object.entries(extra ?? {})) headers.set(name, value);
  }
  if (request.lastEventId !== undefined) headers.set('Last-Event-ID', request.lastEventId);

  const init: RequestInit = {
    method: 'POST',
    headers,
    body: typeof request.body === 'string' ? request.body : JSON.stringify(request.body),
    signal: request.signal,
  };
  // Only when asked: some runtimes (Cloudflare Workers) throw on any `credentials` value.
  if (config.credentials) init.credentials = config.credentials;

  let response: Response;
  try {
    response = await (config.fetch ?? globalThis.fetch)(config.endpoint, init);
  } catch (error) {
    if (request.signal.aborted) throw error;
    throw networkError(config.endpoint, error);
  }
  if (!response.ok) throw await httpError(response, request.signal);
  if (!response.body) throw new AIStreamError('protocol', `The response from ${config.endpoint} has no body`);
  return response;
}

function networkError(url: string, error: unknown): AIStreamError {
  // undici hides the useful part (ECONNREFUSED, ENOTFOUND) in `cause`.
  const code = (error as { cause?: { code?: unknown } } | undefined)?.cause?.code;
  const detail = typeof code === 'string' ? ` (${code})` : '';
  return new AIStreamError('network', `Could not reach ${url}: ${errorText(error)}${detail}`, {
    retryable: true,
    cause: error,
  });
}

/** Turns a non-2xx response into an AIStreamError('http') whose message quotes the server. */
export async function httpError(response: Response, signal?: AbortSignal): Promise<AIStreamError> {
  let text = '';
  try {
    text = await response.text();
  } catch (error) {
    if (signal?.aborted) throw error;
  }
  const { message, code } = serverMessage(text);
  const status = `${response.status}${response.statusText ? ` ${response.statusText}` : ''}`;
  return new AIStreamError('http', `Request failed with ${status}${message ? `: ${message}` : ''}`, {
    status: response.status,
    serverCode: code,
    retryable: isRetryableStatus(response.status),
    retryAfter: parseRetryAfter(response.headers),
  });
}

const asText = (value: unknown) => (typeof value === 'string' && value ? value : undefined);

/** Pulls the human message out of the error bodies providers and frameworks send. */
export function serverMessage(text: string): { message?: string | undefined; code?: string | undefined } {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    // Plain text is shown (shortened); an HTML error page is noise.
    const plain = text.replace(/\s+/g, ' ').trim();
    if (!plain || plain.startsWith('<')) return {};
    return { message: plain.length > 200 ? `${plain.slice(0, 200)}…` : plain };
  }
  if (!json || typeof json !== 'object') return { message: asText(json) };
  const body = json as Record<string, unknown>;
  const error = body.error as Record<string, unknown> | string | undefined;
  if (error && typeof error === 'object') {
    return { message: asText(error.message), code: asText(error.code) ?? asText(error.type) };
  }
  const detail = Array.isArray(body.detail) // FastAPI validation errors: [{ msg }]
    ? body.detail.map((item: { msg?: unknown }) => item?.msg).filter(asText).join('; ')
    : body.detail;
  return {
    message: asText(error) ?? asText(body.message) ?? asText(detail),
    code: asText(body.code) ?? asText(body.type),
  };
}

/**
 * Calls `onIdle` when `touch()` has not been called for `ms` (0 disables). Per chunk it only
 * stores a timestamp; the single timer re-arms itself for the remaining time.
 */
export function idleTimer(ms: number, onIdle: () => void): { touch: () => void; clear: () => void } {
  let last = Date.now();
  let timer: ReturnType<typeof setTimeout> | undefined;
  const check = () => {
    const idle = Date.now() - last;
    if (idle >= ms) onIdle();
    else timer = setTimeout(check, ms - idle);
  };
  if (ms > 0) timer = setTimeout(check, ms);
  return {
    touch: () => {
      last = Date.now();
    },
    clear: () => clearTimeout(timer),
  };
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
