import { AIStreamError } from '../core/errors';
import { parseEventJSON, serverErrorPart } from './parse-json';
import type { SSEEvent, StreamPart } from './parts';

/**
 * Unnamed JSON events, as hand-written routes send them: `data: {"token":"Hi"}`,
 * `data: {"content":"Hi"}` … `data: [DONE]`. No envelope, no end marker but the optional
 * `[DONE]`: decodeBody ends such a stream at a clean end of the body.
 */

/** The field names hand-written routes put their text in, in the order they are looked at. */
export const GENERIC_TEXT_FIELDS = ['token', 'content', 'text', 'delta'] as const;

/** An event without a name (or the SSE default name `message`): what the generic decoder reads. */
export function isUnnamedEvent(event: SSEEvent): boolean {
  return event.event === undefined || event.event === 'message';
}

/** The event's text, `''` when a text field is there but empty; undefined when it has none. */
function textOf(value: Record<string, unknown>): string | undefined {
  for (const field of GENERIC_TEXT_FIELDS) if (typeof value[field] === 'string') return value[field] as string;
  const choices = value.choices;
  const content = Array.isArray(choices) ? (choices[0] as { delta?: { content?: unknown } } | undefined)?.delta?.content : undefined;
  return typeof content === 'string' ? content : undefined;
}

function errorOf(value: Record<string, unknown>): StreamPart | undefined {
  const { error } = value;
  if (typeof error === 'string') return serverErrorPart(error);
  if (error && typeof error === 'object') {
    const { message, code } = error as { message?: unknown; code?: unknown };
    return serverErrorPart(message, code);
  }
  return undefined;
}

/**
 * Decodes one unnamed event: `[DONE]` ends the reply, a JSON object gives its text (or its
 * `error`). `recognised` is false when the event holds none of the fields this decoder reads.
 */
export function decodeGenericEvent(event: SSEEvent): { parts: StreamPart[]; recognised: boolean } {
  if (event.data === '[DONE]') return { parts: [{ type: 'done' }], recognised: true };
  const value = parseEventJSON(event.data, 'SSE');
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return { parts: [], recognised: false };
  const record = value as Record<string, unknown>;
  const error = errorOf(record);
  if (error) return { parts: [error], recognised: true };
  const text = textOf(record);
  if (text === undefined) return { parts: [], recognised: false };
  return { parts: text ? [{ type: 'text-delta', delta: text }] : [], recognised: true };
}

/** The error for a stream whose first event no decoder reads: it quotes the event, shortened. */
export function unrecognisedStreamError(event: SSEEvent): AIStreamError {
  const lines = [...(event.event !== undefined ? [`event: ${event.event}`] : []), `data: ${event.data}`].join(' ');
  const quoted = lines.length > 120 ? `${lines.slice(0, 120)}…` : lines;
  return new AIStreamError(
    'protocol',
    `The stream's first event carries nothing this client reads (no kit event name, no provider format, no ${GENERIC_TEXT_FIELDS.join('/')} field): ${quoted}`,
  );
}
