/** Stream ids go into event ids (`<streamId>-<seq>`), so they stay to letters, digits and `_`. */
const STREAM_ID = /^[A-Za-z0-9_]+$/;

/** 16 random hex characters from the platform CSPRNG (Node, browsers, edge workers). */
export function createStreamId(): string {
  const bytes = globalThis.crypto.getRandomValues(new Uint8Array(8));
  let id = '';
  for (const byte of bytes) id += byte.toString(16).padStart(2, '0');
  return id;
}

export function assertStreamId(streamId: string): string {
  if (!STREAM_ID.test(streamId)) {
    throw new TypeError(`streamId must contain only letters, digits and "_" (got ${JSON.stringify(streamId)})`);
  }
  return streamId;
}

export function formatEventId(streamId: string, seq: number): string {
  return `${streamId}-${seq}`;
}

/** Parses a `Last-Event-ID` value written by this kit (shared with the client, which resumes by it). */
export { parseEventId } from '../protocol/event-id';
