import { AIStreamError } from '../shared/errors';
import { eventTooLargeError } from './buffer-limit';
import type { BodyDecoder, SSEDialect, Unit, UnitDecoder, UnitReader } from './chunk-reader';
import { loadDecoders } from './decoders';
import { detectJSONDialect, detectSSEFormat } from './detect-format';
import type { BodyFraming } from './framing';
import { decodeGenericEvent, isUnnamedEvent } from './generic-json';
import { decodeJSONReply } from './json-reply';
import { decodeKit, KIT_EVENT_NAMES } from './kit';
import { createNDJSONReader } from './ndjson-reader';
import { parseEventJSON } from './parse-json';
import type { SSEEvent, WireFormat } from './parts';

/**
 * What decodeBody needs for a body that is not the kit's own SSE: sniffing a body without a
 * Content-Type, the NDJSON, text and JSON readers, and choosing a decoder when the first SSE
 * event is not a kit event. A chunk of its own, loaded when such a body arrives: an app that
 * talks to a kit server never downloads it.
 */

export { sniffFraming } from './detect-format';

/** The unit reader of a body that is not SSE. */
export function otherReaderFor(framing: Exclude<BodyFraming, 'sse'>, maxBufferSize: number): UnitReader {
  if (framing === 'ndjson') return createNDJSONReader(maxBufferSize);
  if (framing === 'text') return { push: (text) => [text], end: () => [] };
  let whole = ''; // json: one reply, decoded when the body is complete
  return {
    push(text) {
      whole += text;
      if (whole.length > maxBufferSize) throw eventTooLargeError(maxBufferSize);
      return [];
    },
    end: () => [whole],
  };
}

/** The decoder for the whole body, from its framing and its first unit (loading it if need be). */
export async function decoderFor(framing: BodyFraming, protocol: WireFormat | 'auto', first: Unit): Promise<BodyDecoder> {
  if (framing === 'text') return { decode: (text) => [{ type: 'text-delta', delta: text as string }] };
  if (framing === 'json') {
    // The whole body is the one unit: decode it now.
    const parts = await decodeJSONReply(first as string);
    return { decode: () => parts };
  }
  if (framing === 'ndjson') {
    const line = first as string;
    const dialect = detectJSONDialect(parseEventJSON(line, 'NDJSON'));
    if (!dialect) {
      const problem = "Could not recognise the NDJSON stream's format from its first line";
      throw new AIStreamError('protocol', `${problem}: ${line.slice(0, 100)}`);
    }
    const { objectDecoder } = await loadDecoders[dialect]();
    return { decode: (line) => objectDecoder(parseEventJSON(line as string, 'NDJSON')) };
  }
  const event = first as SSEEvent;
  const format = (protocol === 'auto' ? detectSSEFormat(event) : protocol) as 'kit' | SSEDialect;
  if (format !== 'kit') return { decode: (await loadDecoders[format]()).sseDecoder as UnitDecoder, sseFormat: format };
  // Neither a kit event nor generic JSON, and no provider's: fail now rather than read nothing.
  const readable = isUnnamedEvent(event) ? !!decodeGenericEvent(event) : KIT_EVENT_NAMES.has(event.event!);
  if (!readable) throw unrecognisedStreamError(event);
  return { decode: decodeKit as UnitDecoder, sseFormat: 'kit' };
}

/** For a stream whose first event no decoder reads: quotes it, shortened. */
function unrecognisedStreamError({ event, data }: SSEEvent): AIStreamError {
  const quoted = `${event ? `event: ${event} ` : ''}data: ${data}`;
  return new AIStreamError('protocol', `Unreadable stream, first event: ${quoted.length > 120 ? `${quoted.slice(0, 120)}…` : quoted}`);
}
