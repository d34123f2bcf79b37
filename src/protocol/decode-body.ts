import { AIStreamError } from '../shared/errors';
import { DEFAULT_MAX_BUFFER_SIZE } from './buffer-limit';
import type { BodyDecoder, DecodedEvent, Unit, UnitDecoder, UnitReader } from './chunk-reader';
import { framingFromContentType, type BodyFraming } from './framing';
import { isUnnamedEvent } from './generic-json';
import { decodeKit, KIT_EVENT_NAMES } from './kit';
import type { SSEEvent, WireFormat } from './parts';
import { createSSEReader } from './sse-reader';

export type { DecodedEvent } from './chunk-reader';

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

/**
 * Everything else (sniffing, NDJSON, text, JSON replies, provider detection) is a chunk of its
 * own, loaded when a body needs it: the kit's SSE replies decode without it.
 */
const loadBodyFormats = () => import('./body-formats');

/** The kit's own SSE events: what the kit's servers send. */
const KIT_DECODER: BodyDecoder = { decode: decodeKit as UnitDecoder, sseFormat: 'kit' };

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
 * The kit decoder is always at hand; the other framings and dialects' decoders are loaded
 * (once) when the Content-Type, the first bytes or the first event name them.
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

/** decodeBody without the generator: what the reply reader (openReply) pulls from (one async layer less per network chunk). */
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
          const sniffedAs = (await loadBodyFormats()).sniffFraming(sniffed, done);
          if (!sniffedAs) continue;
          framing = typed === 'json' && sniffedAs !== 'sse' ? 'json' : sniffedAs;
          text = sniffed;
        }
        units =
          framing === 'sse'
            ? createSSEReader(maxBufferSize, options.onRetry)
            : (await loadBodyFormats()).otherReaderFor(framing, maxBufferSize);
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

/**
 * The decoder for the whole body, from its framing and its first unit. A kit SSE event needs
 * nothing loaded; anything else is decided (and its decoder loaded) by the body-formats chunk.
 */
async function decoderFor(framing: BodyFraming, protocol: WireFormat | 'auto', first: Unit): Promise<BodyDecoder> {
  if (framing === 'sse') {
    const name = (first as SSEEvent).event ?? '';
    // Auto-detection reads an `error` first event's data: the kit, Anthropic and Responses share the name.
    if (KIT_EVENT_NAMES.has(name) && (protocol === 'kit' || (protocol === 'auto' && name !== 'error'))) return KIT_DECODER;
  }
  return (await loadBodyFormats()).decoderFor(framing, protocol, first);
}
