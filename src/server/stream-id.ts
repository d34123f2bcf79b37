import { isStreamId } from '../protocol/event-id';

export { isStreamId, parseEventId } from '../protocol/event-id';

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
