import { parseEventJSON, serverErrorPart } from './parse-json';
import type { SSEEvent, StreamPart } from './parts';

/**
 * Unnamed JSON events, as hand-written routes send them: `data: {"token":"Hi"}`,
 * `data: {"content":"Hi"}` … `data: [DONE]`. No envelope, no end marker but the optional
 * `[DONE]`: decodeBody ends such a stream at a clean end of the body.
 */

/** An event without a name (or the SSE default name `message`): what the generic decoder reads. */
export const isUnnamedEvent = ({ event }: SSEEvent): boolean => event === undefined || event === 'message';

/**
 * The event's text: the first of `token`, `content`, `text`, `delta` that is a string, else
 * `choices[0].delta.content`; undefined when there is none.
 */
function textOf(value: Record<string, unknown>): unknown {
  for (const field of ['token', 'content', 'text', 'delta']) if (typeof value[field] == 'string') return value[field];
  return (value.choices as { delta?: { content?: unknown } }[] | undefined)?.[0]?.delta?.content;
}

/**
 * Decodes one unnamed event: `[DONE]` ends the reply, a JSON object gives its text or its
 * `error` (a string or `{ message, code }`). Undefined when the event holds none of them.
 */
export function decodeGenericEvent(event: SSEEvent): StreamPart[] | undefined {
  if (event.data === '[DONE]') return [{ type: 'done' }];
  const value = Object(parseEventJSON(event.data, 'SSE')) as Record<string, unknown>;
  const { error } = value;
  if (error) {
    const { message = error, code } = error as { message?: unknown; code?: unknown };
    return [serverErrorPart(message, code)];
  }
  const text = textOf(value);
  if (typeof text != 'string') return undefined;
  return text ? [{ type: 'text-delta', delta: text }] : [];
}
