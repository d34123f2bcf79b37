import type { SSEEvent, StreamPart, WireFormat } from './parts';

/** One decoded unit of the body: an SSE event, an NDJSON line or a text chunk. */
export interface DecodedEvent {
  parts: StreamPart[];
  /** The SSE `id:` of the event, kept so the core can resume with Last-Event-ID. */
  id?: string | undefined;
  /** The SSE event as parsed, or the NDJSON line / text chunk. */
  raw: SSEEvent | string;
}

/**
 * Splits the body's text, chunk by chunk, into its units (SSE events, NDJSON lines, …). Each
 * call returns the units the chunk completed, so the caller yields one batch per network chunk.
 */
export interface UnitReader<Unit extends SSEEvent | string = SSEEvent | string> {
  push(text: string): Unit[];
  /** The body has ended: returns whatever its framing completes at the end. */
  end(): Unit[];
  /** SSE only: whether the text so far ends between events (nothing of an event left unfinished). */
  endsAtEventBoundary?(): boolean;
}

/** A unit of the body: an SSE event, or an NDJSON line / text chunk / whole JSON body. */
export type Unit = SSEEvent | string;
/** The provider dialects that stream as SSE. */
export type SSEDialect = Exclude<WireFormat, 'kit' | 'text' | 'ndjson'>;
export type UnitDecoder = (unit: Unit) => StreamPart[];
/** The decoder of a body and the SSE format it decodes (undefined for text, NDJSON, JSON). */
export interface BodyDecoder {
  decode: UnitDecoder;
  sseFormat?: 'kit' | SSEDialect;
}
