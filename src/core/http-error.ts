// Error responses: what a failed request's status, body and headers say, as a typed error.
// Loaded on demand by openStream (a request that succeeds never needs it).
// isRetryableStatus lives with the errors: importing it from request.ts would split request.ts into a chunk of its own.
import { AIStreamError, isRetryableStatus } from '../shared/errors';

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
