import { createParser, type EventSourceMessage, type ParseError } from 'eventsource-parser';
import { eventTooLargeError } from './buffer-limit';
import { NO_EVENTS, type ChunkReader, type DecodedEvent } from './chunk-reader';
import { detectSSEFormat } from './detect-format';
import { decoderFor } from './decoders';
import type { Decoder } from './parts';

export interface SSEReaderOptions {
  /** The dialect's decoder; when absent it is chosen from the first event. */
  decoder?: Decoder | undefined;
  maxBufferSize: number;
  onRetry?: ((milliseconds: number) => void) | undefined;
}

const CR = 13;

/** Reads Server-Sent Events with eventsource-parser and decodes each one. */
export function createSSEReader(options: SSEReaderOptions): ChunkReader {
  const { maxBufferSize } = options;
  let decoder = options.decoder;
  let batch: DecodedEvent[] = [];
  let endsWithCR = false;

  // Declared once per body, not per event: the parser calls these for every event.
  const onEvent = (event: EventSourceMessage): void => {
    // The parser only bounds what it holds between chunks; an event that arrived whole in one
    // chunk is measured here.
    if (event.data.length > maxBufferSize) throw eventTooLargeError(maxBufferSize);
    if (decoder === undefined) decoder = decoderFor(detectSSEFormat(event));
    batch.push({ parts: decoder(event), id: event.id, raw: event });
  };
  const onError = (error: ParseError): void => {
    // The parser has already dropped its buffers; stop here rather than decode a cut event.
    // Unknown fields and bad retry values are ignored, as the SSE spec says.
    if (error.type === 'max-buffer-size-exceeded') throw eventTooLargeError(maxBufferSize);
  };
  const parser = createParser({ onEvent, onError, onRetry: options.onRetry, maxBufferSize });

  return {
    push(text) {
      parser.feed(text);
      endsWithCR = text.charCodeAt(text.length - 1) === CR;
      if (batch.length === 0) return NO_EVENTS;
      const events = batch;
      batch = [];
      return events;
    },
    end() {
      // The parser holds back a final CR to see whether an LF follows. At the end of the body
      // it is a line end, so complete it (this dispatches an event only if the CR was the
      // blank line ending it; an unfinished event is discarded, as the SSE spec says).
      if (endsWithCR) parser.feed('\n');
      const events = batch;
      batch = [];
      return events;
    },
  };
}
