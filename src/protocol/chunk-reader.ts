import type { SSEEvent, StreamPart } from './parts';

/** One decoded unit of the body: an SSE event, an NDJSON line or a text chunk. */
export interface DecodedEvent {
  parts: StreamPart[];
  /** The SSE `id:` of the event, kept so the core can resume with Last-Event-ID. */
  id?: string;
  /** The SSE event as parsed, or the NDJSON line / text chunk. */
  raw: SSEEvent | string;
}

/**
 * Turns the body's text, chunk by chunk, into decoded events. Each call returns the events
 * the chunk completed, so the caller yields one batch per network chunk.
 */
export interface ChunkReader {
  push(text: string): DecodedEvent[];
  /** The body has ended: returns whatever its framing completes at the end. */
  end(): DecodedEvent[];
}

/** Shared empty batch: most chunks of a slow stream complete nothing, no need to allocate. */
export const NO_EVENTS: DecodedEvent[] = [];
