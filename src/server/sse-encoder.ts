/** Builds the SSE frames of the kit protocol (docs/protocol.md). */

const utf8 = new TextEncoder();

/**
 * Event names of the kit protocol (docs/protocol.md), as in the reference's types section:
 * `SSEEventType.TOKEN === 'token'`. The reference's six members plus the kit's own events.
 */
export enum SSEEventType {
  START = 'start',
  TOKEN = 'token',
  REASONING = 'reasoning',
  REASONING_SIGNATURE = 'reasoning-signature',
  TOOL_CALL_START = 'tool-call-start',
  TOOL_CALL_DELTA = 'tool-call-delta',
  TOOL_CALL_END = 'tool-call-end',
  USAGE = 'usage',
  METADATA = 'metadata',
  TOOL_RESULT = 'tool-result',
  SOURCE = 'source',
  DATA = 'data',
  STEP_START = 'step-start',
  FINISH = 'finish',
  ERROR = 'error',
  DONE = 'done',
}

/** An event name as a string literal (`'token'`, ...). */
export type KitEventName = `${SSEEventType}`;

/**
 * One event. `data` is already JSON text: JSON.stringify escapes CR and LF, so it is always a
 * single `data:` line.
 */
export function encodeEventFrame(id: string, event: string, data: string): Uint8Array {
  return utf8.encode(`id: ${id}\nevent: ${event}\ndata: ${data}\n\n`);
}

/** A comment line: clients ignore it except to reset their idle timer. */
export const HEARTBEAT_FRAME: Uint8Array = utf8.encode(': ping\n\n');

/** UTF-8 length of a string without allocating its bytes. */
export function utf8Length(text: string): number {
  let length = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code < 0x80) length += 1;
    else if (code < 0x800) length += 2;
    else if (code >= 0xd800 && code <= 0xdbff && isLowSurrogate(text.charCodeAt(i + 1))) {
      // A surrogate pair is one 4-byte character.
      length += 4;
      i++;
    } else length += 3; // lone surrogates are encoded as U+FFFD, 3 bytes
  }
  return length;
}

function isLowSurrogate(code: number): boolean {
  return code >= 0xdc00 && code <= 0xdfff;
}
