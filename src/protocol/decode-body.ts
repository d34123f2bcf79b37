import { AIStreamError } from '../shared/errors';
import { DEFAULT_MAX_BUFFER_SIZE, eventTooLargeError } from './buffer-limit';
import type { DecodedEvent, UnitReader } from './chunk-reader';
import { loadDecoders } from './decoders';
import { detectJSONDialect, detectSSEFormat, framingFromContentType, sniffFraming, type BodyFraming } from './detect-format';
import { decodeGenericEvent, isUnnamedEvent, unrecognisedStreamError } from './generic-json';
import { decodeJSONReply } from './json-reply';
import { decodeKit, KIT_EVENT_NAMES } from './kit';
import { createNDJSONReader } from './ndjson-reader';
import { parseEventJSON } from './parse-json';
import type { SSEEvent, StreamPart, WireFormat } from './parts';
import { createSSEReader } from './sse-reader';

export type { DecodedEvent } from './chunk-reader';
// Callers of decodeBody find format detection next to it.
export { detectFormat } from './detect-format';

export interface DecodeOptions {
  /** Default 'auto': from the Content-Type, the first event or, lacking both, the first bytes. */
  protocol?: WireFormat | 'auto';
  /** The response's Content-Type. */
  contentType?: string | null;
  /** Most characters one event (SSE event, NDJSON line, JSON reply) may hold. Default 1_048_576. */
  maxBufferSize?: number;
  /** Called for every chunk of bytes received, heartbeats included (the core's idle timer). */
  onActivity?: () => void;
  /** Called when the server sends an SSE `retry:` field, with its value in milliseconds. */
  onRetry?: (milliseconds: number) => void;
}

type Unit = SSEEvent | string;
/** The provider dialects that stream as SSE. */
type SSEDialect = Exclude<WireFormat, 'kit' | 'text' | 'ndjson'>;
type UnitDecoder = (unit: Unit) => StreamPart[];
/** The decoder of a body and the SSE format it decodes (undefined for text, NDJSON, JSON). */
interface BodyDecoder {
  decode: UnitDecoder;
  sseFormat?: 'kit' | SSEDialect;
}

/** Shared so the hot loop allocates no options object per chunk. */
const STREAMING: TextDecodeOptions = { stream: true };

/**
 * Decodes a response body into parts. Yields one batch per network chunk, not one promise per
 * event, which would cost more than the decoding itself on fast streams.
 *
 * SSE formats end when the server says so (`done`); a body that ends without it is left for
 * the core to treat as a dropped connection. Text, NDJSON and JSON have no end marker, so their
 * end of body yields a final `done` (unless the dialect sent one). So do SSE streams of unnamed
 * JSON events (a hand-written route's `data: {"token":"…"}`; no kit event, no provider envelope),
 * when the body ends cleanly at an event boundary; a body cut inside an event is a drop.
 *
 * Fails at once (protocol error) for a Content-Type no streaming reply has (`text/html`…) and
 * for an SSE stream whose first event no decoder reads.
 *
 * A JSON body (`application/json`, `…+json`) is a non-streaming reply, e.g. from a server that
 * ignored `stream: true`: an OpenAI chat completion, Responses object, Anthropic message or
 * Ollama reply decodes as one complete reply; anything else fails with a protocol error
 * ("Expected a streaming response but got application/json: …"), which is not retried.
 *
 * The kit decoder is always at hand; the other dialects' decoders are loaded (once) when the
 * Content-Type or first event names them.
 *
 * Throws AIStreamError('protocol') for undecodable input. Stopping the iteration cancels the body.
 */
export async function* decodeBody(
  body: ReadableStream<Uint8Array>,
  options: DecodeOptions = {},
): AsyncGenerator<DecodedEvent[], void, undefined> {
  const batches = openBatches(body, options);
  try {
    for (let events; (events = await batches.next()); ) yield events;
  } finally {
    batches.cancel();
  }
}

/** decodeBody without the generator: what readReply pulls from (one async layer less per network chunk). */
export interface EventBatches {
  /** The events of the next network chunk(s) that held any, or undefined at the end of the body. Not called again after it threw. */
  next(): Promise<DecodedEvent[] | undefined>;
  /**
   * Frees the body. A no-op when the body is finished; otherwise the consumer stopped or decoding
   * failed, and the rest of the body is not wanted. The result is not awaited: a source's cancel
   * may never settle, and errors from an already failed body don't matter here.
   */
  cancel(): void;
}

/** decodeBody's work, pulled batch by batch; the caller must cancel() when it stops (see decodeBody). */
export function openBatches(body: ReadableStream<Uint8Array>, options: DecodeOptions = {}): EventBatches {
  const { protocol = 'auto', onActivity } = options;
  const maxBufferSize = options.maxBufferSize ?? DEFAULT_MAX_BUFFER_SIZE;
  // Bytes are decoded here, not through a TextDecoderStream, so that onActivity sees every
  // network chunk (even one holding half a character) and stopping cancels the body itself.
  const reader = body.getReader();
  const textDecoder = new TextDecoder();
  // An explicit protocol wins over the Content-Type, except that a JSON type is sniffed (SSE
  // mislabelled as JSON still reads as SSE). A body with neither is sniffed too.
  const typed = framingFromContentType(options.contentType);
  let framing: BodyFraming | undefined;
  let decoder: BodyDecoder | undefined;
  /** An SSE stream of unnamed events only so far: the body's clean end is the reply's end. */
  let unnamedOnly = true;
  if (protocol === 'text' || protocol === 'ndjson') framing = protocol;
  else if (typed !== 'json' && typed !== 'unsupported') framing = protocol === 'auto' ? typed : 'sse';
  let units: UnitReader | undefined;
  /** Text held back while sniffing. */
  let sniffed = '';
  /** The last event decoded ended with `done`. */
  let ended = false;
  let done = false;
  let checked = false;

  async function read(): Promise<DecodedEvent[] | undefined> {
    if (!checked) {
      checked = true;
      if (!(maxBufferSize > 0)) {
        throw new AIStreamError('invalid', `maxBufferSize must be a positive number of characters, got ${maxBufferSize}`);
      }
      if (typed === 'unsupported') {
        throw new AIStreamError('protocol', `Expected a streaming response but got Content-Type ${options.contentType}`);
      }
    }
    while (!done) {
      const chunk = await reader.read();
      done = chunk.done;
      if (!done) onActivity?.();
      // At the end, a body cut inside a character leaves bytes behind: they decode to U+FFFD.
      let text = textDecoder.decode(chunk.value, done ? undefined : STREAMING);
      if (!units) {
        if (!framing) {
          sniffed += text;
          const sniffedAs = sniffFraming(sniffed, done);
          if (!sniffedAs) continue;
          framing = typed === 'json' && sniffedAs !== 'sse' ? 'json' : sniffedAs;
          text = sniffed;
        }
        units = readerFor(framing, maxBufferSize, options.onRetry);
      }
      let batch = text ? units.push(text) : [];
      if (done) batch = batch.concat(units.end());
      let events: DecodedEvent[] = [];
      if (batch.length) {
        decoder ??= await decoderFor(framing!, protocol, batch[0]!);
        const decodeUnit = decoder.decode;
        events = batch.map((unit) => ({ parts: decodeUnit(unit), id: (unit as SSEEvent).id, raw: unit }));
        const parts = events[events.length - 1]!.parts;
        ended = parts[parts.length - 1]?.type === 'done';
        if (unnamedOnly && decoder.sseFormat === 'kit') unnamedOnly = (batch as SSEEvent[]).every(isUnnamedEvent);
      }
      // Text, NDJSON, JSON and unnamed SSE events have no end marker: the end of the body ends the reply.
      const endsWithBody =
        framing !== 'sse' || (decoder?.sseFormat === 'kit' && unnamedOnly && units.endsAtEventBoundary?.() === true);
      if (done && endsWithBody && !ended) events.push({ parts: [{ type: 'done' }], raw: '' });
      if (events.length) return events;
    }
    return undefined;
  }

  return {
    next: read,
    cancel: () => void reader.cancel().catch(() => {}),
  };
}

function readerFor(framing: BodyFraming, maxBufferSize: number, onRetry: DecodeOptions['onRetry']): UnitReader {
  if (framing === 'sse') return createSSEReader(maxBufferSize, onRetry);
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
async function decoderFor(framing: BodyFraming, protocol: WireFormat | 'auto', first: Unit): Promise<BodyDecoder> {
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
