import { AIStreamError, errorText } from '../shared/errors';
import type { StreamConfig } from './types';

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
  const { endpoint, credentials } = config;
  let configured = config.headers;
  try {
    if (typeof configured === 'function') configured = await configured(); // at send time: fresh tokens
  } catch (error) {
    throw new AIStreamError('invalid', `config.headers() failed: ${errorText(error)}`, { cause: error });
  }
  // A Headers object so a user's 'content-type' replaces ours instead of being joined to it.
  const headers = new Headers({ 'Content-Type': 'application/json', Accept: 'text/event-stream, application/x-ndjson, text/plain' });
  for (const [name, value] of Object.entries({ ...configured, ...request.headers })) headers.set(name, value);
  if (request.lastEventId !== undefined) headers.set('Last-Event-ID', request.lastEventId);

  const { body, signal } = request;
  const init: RequestInit = { method: 'POST', headers, body: typeof body === 'string' ? body : JSON.stringify(body), signal };
  // Only when asked: some runtimes (Cloudflare Workers) throw on any `credentials` value.
  if (credentials) init.credentials = credentials;

  let response: Response;
  try {
    response = await (config.fetch ?? fetch)(endpoint, init);
  } catch (error) {
    if (signal.aborted) throw error;
    // A relative endpoint needs a page to be relative to: in Node (no `location`) it never works.
    if (!resolvesToURL(endpoint)) throw new AIStreamError('invalid', `${endpoint} is a relative endpoint and there is no page to resolve it: use an absolute URL`, { cause: error });
    // undici hides the useful part (ECONNREFUSED, ENOTFOUND) in `cause`.
    const code = (error as { cause?: { code?: unknown } } | undefined)?.cause?.code;
    const detail = typeof code === 'string' ? ` (${code})` : '';
    throw new AIStreamError('network', `Could not reach ${endpoint}: ${errorText(error)}${detail}`, {
      retryable: true,
      cause: error,
    });
  }
  if (!response.ok) throw await httpError(response, signal);
  // 204 to a resume: the server holds nothing after Last-Event-ID because the reply had already ended.
  if (response.status === 204 && request.lastEventId !== undefined) return response;
  if (!response.body) throw new AIStreamError('protocol', `The response from ${endpoint} has no body`);
  return response;
}

/** Whether `endpoint` is an absolute URL, or a relative one and there is a page to resolve it against. */
function resolvesToURL(endpoint: string): boolean {
  try {
    new URL(endpoint, (globalThis as { location?: { href?: string } }).location?.href);
    return true;
  } catch {
    return false;
  }
}

/** Turns a non-2xx response into an AIStreamError('http') whose message quotes the server. */
export async function httpError(response: Response, signal?: AbortSignal): Promise<AIStreamError> {
  const { status, statusText, headers } = response;
  const text = await response.text().catch((error: unknown) => {
    if (signal?.aborted) throw error;
    return '';
  });
  const { message, code } = serverMessage(text);
  const failed = `Request failed with ${status}${statusText ? ` ${statusText}` : ''}`;
  return new AIStreamError('http', message ? `${failed}: ${message}` : failed, {
    status,
    serverCode: code,
    retryable: isRetryableStatus(status),
    retryAfter: parseRetryAfter(headers),
  });
}

function asText(value: unknown): string | undefined {
  return typeof value === 'string' && value ? value : undefined;
}

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
  const body = Object(json) as Record<string, unknown>;
  // `{ error: { message, code | type } }` (OpenAI, Anthropic) or the fields at the top level.
  const { error } = body;
  const source = (error && typeof error === 'object' ? error : body) as Record<string, unknown>;
  const detail = Array.isArray(body.detail) // FastAPI validation errors: [{ msg }]
    ? body.detail.map((item: { msg?: unknown }) => item?.msg).filter(asText).join('; ')
    : body.detail;
  return {
    message: asText(json) ?? asText(error) ?? asText(source.message) ?? asText(detail),
    code: asText(source.code) ?? asText(source.type),
  };
}

/** 408 timeout, 409 conflict (lock contention), 429 rate limit and every 5xx are worth another try. */
export function isRetryableStatus(status: number): boolean {
  return status === 408 || status === 409 || status === 429 || status >= 500;
}

/** Reads `retry-after-ms` (OpenAI, Azure) or `Retry-After` (seconds or an HTTP date) as milliseconds. */
export function parseRetryAfter(headers: Headers): number | undefined {
  const ms = parseFloat(headers.get('retry-after-ms')!);
  if (ms >= 0) return ms;
  const value = headers.get('retry-after');
  if (!value) return undefined;
  const seconds = Number(value);
  if (Number.isFinite(seconds)) return seconds >= 0 ? seconds * 1000 : undefined;
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - Date.now());
}
