import { framingFromContentType, type BodyFraming } from './framing';
import { KIT_EVENT_NAMES } from './kit';
import type { SSEEvent, WireFormat } from './parts';

/** Object-level dialects: the JSON shapes an SSE event or an NDJSON line can have. */
export type JSONDialect = 'openai-chat' | 'openai-responses' | 'anthropic' | 'ollama';

/** The `type`s of Anthropic Messages stream events (used to recognise the format). */
export const ANTHROPIC_EVENT_TYPES: ReadonlySet<string> = new Set([
  'message_start',
  'content_block_start',
  'content_block_delta',
  'content_block_stop',
  'message_delta',
  'message_stop',
  'ping',
]);

/**
 * Picks the wire format from the response Content-Type and, for SSE, the first event.
 * `text/plain` → text; NDJSON types → ndjson; anything else is SSE, whose dialect comes from
 * `first` ('kit' when there is no first event or it is not recognised).
 */
export function detectFormat(contentType: string | null | undefined, first?: SSEEvent): WireFormat {
  const framing = framingFromContentType(contentType);
  if (framing === 'text' || framing === 'ndjson') return framing;
  return first ? detectSSEFormat(first) : 'kit';
}

/** Chooses the SSE dialect from a stream's first event; 'kit' when nothing else fits. */
export function detectSSEFormat(first: SSEEvent): WireFormat {
  const name = first.event ?? '';
  // `error` is shared by the kit, Anthropic and Responses: only its data can tell them apart.
  if (name !== 'error' && KIT_EVENT_NAMES.has(name)) return 'kit';
  if (first.data === '[DONE]') return 'openai-chat';
  if (name.startsWith('response.')) return 'openai-responses';
  if (ANTHROPIC_EVENT_TYPES.has(name)) return 'anthropic';
  let dialect: JSONDialect | undefined;
  try {
    dialect = detectJSONDialect(JSON.parse(first.data));
  } catch {
    // not JSON: not a provider's
  }
  // A kit error event `{"error":"…"}` looks like an Ollama error line.
  return dialect === undefined || dialect === 'ollama' ? 'kit' : dialect;
}

/** Recognises a provider's event object by its shape; `undefined` when it matches none. */
export function detectJSONDialect(value: unknown): JSONDialect | undefined {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return undefined;
  const { type, error, choices, object, done, response } = value as Record<string, unknown>;
  const errorObject = typeof error === 'object' && error !== null;
  if (typeof type === 'string') {
    if (type.startsWith('response.')) return 'openai-responses';
    if (ANTHROPIC_EVENT_TYPES.has(type)) return 'anthropic';
    // Anthropic nests the error object; Responses puts code and message at the top level.
    if (type === 'error') return errorObject ? 'anthropic' : 'openai-responses';
  }
  if (Array.isArray(choices) || object === 'chat.completion.chunk' || errorObject) return 'openai-chat';
  if ('message' in value || typeof done === 'boolean' || typeof response === 'string' || typeof error === 'string') {
    return 'ollama';
  }
  return undefined;
}

/** Past this many leading whitespace characters we stop waiting for a telling character. */
const MAX_SNIFF_LENGTH = 1024;

/** What an SSE body starts with: a comment or one of the four fields. */
const SSE_STARTS = [':', 'data:', 'event:', 'id:', 'retry:'];

/**
 * Guesses the framing of a body without a Content-Type from its first characters: an SSE
 * field or comment → SSE, `{` → NDJSON, anything else → text. Returns `undefined` while the
 * prefix is too short to tell (unless `complete`, i.e. the body has ended).
 */
export function sniffFraming(prefix: string, complete: boolean): BodyFraming | undefined {
  const start = prefix.trimStart(); // whitespace and a byte order mark say nothing
  if (!start) return complete || prefix.length > MAX_SNIFF_LENGTH ? 'text' : undefined;
  if (start[0] === '{' || start[0] === '\x1e' /* json-seq */) return 'ndjson';
  if (SSE_STARTS.some((field) => start.startsWith(field))) return 'sse';
  // "da" may become "data:": wait for more, unless there is no more.
  return !complete && SSE_STARTS.some((field) => field.startsWith(start)) ? undefined : 'text';
}
