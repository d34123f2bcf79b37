import { ANTHROPIC_EVENT_TYPES } from './anthropic';
import { KIT_EVENT_NAMES } from './kit';
import type { SSEEvent, WireFormat } from './parts';

/** Object-level dialects: the JSON shapes an SSE event or an NDJSON line can have. */
export type JSONDialect = 'openai-chat' | 'openai-responses' | 'anthropic' | 'ollama';

/** How the body is framed, before knowing which dialect its events speak. */
export type BodyFraming = 'sse' | 'ndjson' | 'text';

const NDJSON_TYPES: ReadonlySet<string> = new Set(['application/x-ndjson', 'application/jsonl', 'application/json-seq']);

/** The format kit-speaking servers use, and so the answer when nothing says otherwise. */
const DEFAULT_SSE_FORMAT: WireFormat = 'kit';

/**
 * Picks the wire format from the response Content-Type and, for SSE, the first event.
 * `text/plain` → text; NDJSON types → ndjson; anything else is SSE, whose dialect comes from
 * `first` ('kit' when there is no first event or it is not recognised).
 */
export function detectFormat(contentType: string | null | undefined, first?: SSEEvent): WireFormat {
  const framing = framingFromContentType(contentType);
  if (framing === 'text' || framing === 'ndjson') return framing;
  return first ? detectSSEFormat(first) : DEFAULT_SSE_FORMAT;
}

/** `undefined` when there is no content type (the body must be sniffed). Unknown types are SSE. */
export function framingFromContentType(contentType: string | null | undefined): BodyFraming | undefined {
  if (!contentType) return undefined;
  const semicolon = contentType.indexOf(';');
  const mediaType = (semicolon === -1 ? contentType : contentType.slice(0, semicolon)).trim().toLowerCase();
  if (mediaType === '') return undefined;
  if (mediaType === 'text/plain') return 'text';
  if (NDJSON_TYPES.has(mediaType)) return 'ndjson';
  return 'sse';
}

/** Chooses the SSE dialect from a stream's first event. */
export function detectSSEFormat(first: SSEEvent): WireFormat {
  const name = first.event;
  // `error` is shared by the kit, Anthropic and Responses: only its data can tell them apart.
  if (name !== undefined && name !== 'error' && KIT_EVENT_NAMES.has(name)) return 'kit';
  if (first.data === '[DONE]') return 'openai-chat';
  if (name !== undefined && name.startsWith('response.')) return 'openai-responses';
  if (name !== undefined && ANTHROPIC_EVENT_TYPES.has(name)) return 'anthropic';
  let data: unknown;
  try {
    data = JSON.parse(first.data);
  } catch {
    return DEFAULT_SSE_FORMAT;
  }
  const dialect = detectJSONDialect(data);
  // A kit error event `{"error":"…"}` looks like an Ollama error line.
  return dialect === undefined || dialect === 'ollama' ? DEFAULT_SSE_FORMAT : dialect;
}

/** Recognises a provider's event object by its shape; `undefined` when it matches none. */
export function detectJSONDialect(value: unknown): JSONDialect | undefined {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return undefined;
  const obj = value as Record<string, unknown>;
  const type = obj.type;
  if (typeof type === 'string') {
    if (type.startsWith('response.')) return 'openai-responses';
    if (ANTHROPIC_EVENT_TYPES.has(type)) return 'anthropic';
    // Anthropic nests the error object; Responses puts code and message at the top level.
    if (type === 'error') return typeof obj.error === 'object' && obj.error !== null ? 'anthropic' : 'openai-responses';
  }
  if (Array.isArray(obj.choices) || obj.object === 'chat.completion.chunk') return 'openai-chat';
  if (typeof obj.error === 'object' && obj.error !== null) return 'openai-chat';
  if ('message' in obj || typeof obj.done === 'boolean' || typeof obj.response === 'string' || typeof obj.error === 'string') {
    return 'ollama';
  }
  return undefined;
}

const SSE_FIELD_PREFIXES = ['data:', 'event:', 'id:', 'retry:'];

/** Past this many leading whitespace characters we stop waiting for a telling character. */
const MAX_SNIFF_LENGTH = 1024;

/**
 * Guesses the framing of a body without a Content-Type from its first characters: an SSE
 * field or comment → SSE, `{` → NDJSON, anything else → text. Returns `undefined` while the
 * prefix is too short to tell (unless `complete`, i.e. the body has ended).
 */
export function sniffFraming(prefix: string, complete: boolean): BodyFraming | undefined {
  let start = 0;
  while (start < prefix.length && isWhitespace(prefix.charCodeAt(start))) start++;
  if (start === prefix.length) return complete || prefix.length > MAX_SNIFF_LENGTH ? 'text' : undefined;
  const first = prefix.charCodeAt(start);
  if (first === 0x7b /* { */ || first === 0x1e /* RS, json-seq */) return 'ndjson';
  if (first === 0x3a /* : */) return 'sse';
  const rest = prefix.slice(start, start + 6);
  let couldBeField = false;
  for (const field of SSE_FIELD_PREFIXES) {
    if (rest.startsWith(field)) return 'sse';
    if (field.startsWith(rest)) couldBeField = true;
  }
  return couldBeField && !complete ? undefined : 'text';
}

function isWhitespace(code: number): boolean {
  return code === 0x20 || code === 0x09 || code === 0x0a || code === 0x0d || code === 0xfeff;
}
