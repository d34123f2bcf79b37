import { AIStreamError } from '../core/errors';
import { DEFAULT_MAX_BUFFER_SIZE } from './buffer-limit';
import type { ChunkReader, DecodedEvent } from './chunk-reader';
import { decoderFor } from './decoders';
import { framingFromContentType, sniffFraming, type BodyFraming } from './detect-format';
import { createNDJSONReader } from './ndjson-reader';
import type { WireFormat } from './parts';
import { createSSEReader } from './sse-reader';
import { createTextReader } from './text-reader';

export type { DecodedEvent } from './chunk-reader';
// Callers of decodeBody find format detection next to it.
export { detectFormat } from './detect-format';

export interface DecodeOptions {
  /** Default 'auto': from the Content-Type, the first event or, lacking both, the first bytes. */
  protocol?: WireFormat | 'auto';
  /** The response's Content-Type. */
  contentType?: string | null;
  /** Most characters one event (SSE event, NDJSON line) may hold. Default 1_048_576. */
  maxBufferSize?: number;
  /** Called for every chunk of bytes received, heartbeats included (the core's idle timer). */
  onActivity?: () => void;
  /** Called when the server sends an SSE `retry:` field, with its value in milliseconds. */
  onRetry?: (milliseconds: number) => void;
}

/**
 * Decodes a response body into parts. Yields one batch per network chunk, not one promise per
 * event, which would cost more than the decoding itself on fast streams.
 *
 * SSE formats end when the server says so (`done`); a body that ends without it is left for
 * the core to treat as a dropped connection. Text and NDJSON have no end marker, so their end
 * of body yields a final `done`.
 *
 * Throws AIStreamError('protocol') for undecodable input. Stopping the iteration cancels the body.
 */
export async function* decodeBody(
  body: ReadableStream<Uint8Array>,
  options: DecodeOptions = {},
): AsyncGenerator<DecodedEvent[], void, undefined> {
  const { onActivity } = options;
  // Bytes are decoded here, not through a TextDecoderStream, so that onActivity sees every
  // network chunk (even one holding half a character) and stopping cancels the body itself.
  const reader = body.getReader();
  const textDecoder = new TextDecoder();
  let chunkReader: ChunkReader | undefined;
  /** Text held back while sniffing a body that came without a Content-Type. */
  let sniffed = '';
  try {
    chunkReader = readerForOptions(options);
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      onActivity?.();
      const text = textDecoder.decode(value, STREAMING);
      if (text === '') continue;
      if (chunkReader === undefined) {
        sniffed += text;
        const framing = sniffFraming(sniffed, false);
        if (framing === undefined) continue;
        chunkReader = readerForFraming(framing, options);
        const events = chunkReader.push(sniffed);
        sniffed = '';
        if (events.length > 0) yield events;
        continue;
      }
      const events = chunkReader.push(text);
      if (events.length > 0) yield events;
    }
    // A body cut inside a character leaves bytes behind: they decode to U+FFFD.
    const rest = sniffed + textDecoder.decode();
    chunkReader ??= readerForFraming(sniffFraming(rest, true) ?? 'text', options);
    const events = rest === '' ? chunkReader.end() : chunkReader.push(rest).concat(chunkReader.end());
    if (events.length > 0) yield events;
  } finally {
    // A no-op when the body is finished; otherwise the consumer stopped or decoding failed,
    // and the rest of the body is not wanted. The result is not awaited: a source's cancel
    // may never settle, and errors from an already failed body don't matter here.
    reader.cancel().catch(ignore);
  }
}

/** Shared so the hot loop allocates no options object per chunk. */
const STREAMING: TextDecodeOptions = { stream: true };

/** The reader the options determine up front; `undefined` when the body must be sniffed. */
function readerForOptions(options: DecodeOptions): ChunkReader | undefined {
  const protocol = options.protocol ?? 'auto';
  const maxBufferSize = options.maxBufferSize ?? DEFAULT_MAX_BUFFER_SIZE;
  if (!(maxBufferSize > 0)) {
    throw new AIStreamError('invalid', `maxBufferSize must be a positive number of characters, got ${maxBufferSize}`);
  }
  if (protocol === 'text') return createTextReader();
  if (protocol === 'ndjson') return createNDJSONReader(maxBufferSize);
  if (protocol !== 'auto') {
    return createSSEReader({ decoder: decoderFor(protocol), maxBufferSize, onRetry: options.onRetry });
  }
  const framing = framingFromContentType(options.contentType);
  return framing === undefined ? undefined : readerForFraming(framing, options);
}

function readerForFraming(framing: BodyFraming, options: DecodeOptions): ChunkReader {
  const maxBufferSize = options.maxBufferSize ?? DEFAULT_MAX_BUFFER_SIZE;
  switch (framing) {
    case 'text':
      return createTextReader();
    case 'ndjson':
      return createNDJSONReader(maxBufferSize);
    case 'sse':
      return createSSEReader({ maxBufferSize, onRetry: options.onRetry });
  }
}

function ignore(): void {}
