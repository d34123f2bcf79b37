import { AIStreamError, errorText, isRetryableStatus } from '../shared/errors';
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
  if (!response.ok) throw await failedRequestError(response, signal);
  // 204 to a resume: the server holds nothing after Last-Event-ID because the reply had already ended.
  if (response.status === 204 && request.lastEventId !== undefined) return response;
  if (!response.body) throw new AIStreamError('protocol', `The response from ${endpoint} has no body`);
  return response;
}

/**
 * Reading an error response is code only a failed request needs: it loads on demand. Should that
 * load fail too, the error still says what happened (the status), without the server's message.
 */
function failedRequestError(response: Response, signal: AbortSignal): Promise<AIStreamError> {
  return import('./http-error').then(
    ({ httpError }) => httpError(response, signal),
    () => new AIStreamError('http', `Request failed with ${response.status}`, { status: response.status, retryable: isRetryableStatus(response.status) }),
  );
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
