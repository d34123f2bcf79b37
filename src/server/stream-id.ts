import { parseEventId as parseKitEventId } from '../protocol/event-id';

/**
 * Stream ids go into event ids (`<streamId>-<seq>`), store keys and cancel URLs, so they stay
 * to letters, digits and `_`, at most 128 of them. The one check every server path uses: the
 * writer for a given `streamId`, the resume and cancel helpers for what a request names, the
 * Redis store before a key is built.
 */
const STREAM_ID = /^[A-Za-z0-9_]{1,128}$/;

export function isStreamId(value: unknown): value is string {
  return typeof value === 'string' && STREAM_ID.test(value);
}

/** 16 random hex characters from the platform CSPRNG (Node, browsers, edge workers). */
export function createStreamId(): string {
  const bytes = globalThis.crypto.getRandomValues(new Uint8Array(8));
  let id = '';
  for (const byte of bytes) id += byte.toString(16).padStart(2, '0');
  return id;
}

export function assertStreamId(streamId: string): string {
  if (!isStreamId(streamId)) {
    throw new TypeError(`streamId must be 1 to 128 letters, digits or "_" (got ${JSON.stringify(streamId)})`);
  }
  return streamId;
}

export function formatEventId(streamId: string, seq: number): string {
  return `${streamId}-${seq}`;
}

/**
 * Parses a `Last-Event-ID` value written by this kit; undefined for anything else, including an
 * id whose stream id no server of the kit could have chosen (too long, say): such a request
 * names no stream and never reaches the store.
 */
export function parseEventId(value: string | null | undefined): { streamId: string; seq: number } | undefined {
  const position = parseKitEventId(value);
  return position && isStreamId(position.streamId) ? position : undefined;
}
