import { decodeBody, type DecodedEvent, type DecodeOptions } from '../../../src/protocol/decode-body';
import type { StreamPart } from '../../../src/protocol/parts';
import { streamOf } from './streams';

export interface Collected {
  batches: DecodedEvent[][];
  events: DecodedEvent[];
  parts: StreamPart[];
}

/** Runs decodeBody over the chunks to the end. */
export async function collect(chunks: readonly Uint8Array[], options?: DecodeOptions): Promise<Collected> {
  const batches: DecodedEvent[][] = [];
  for await (const batch of decodeBody(streamOf(chunks).stream, options)) batches.push(batch);
  const events = batches.flat();
  return { batches, events, parts: events.flatMap((event) => event.parts) };
}

/** Adjacent text and reasoning deltas joined, so results compare equal however the body was split. */
export function mergeDeltas(parts: readonly StreamPart[]): StreamPart[] {
  const merged: StreamPart[] = [];
  for (const part of parts) {
    const last = merged[merged.length - 1];
    if (
      last !== undefined &&
      (part.type === 'text-delta' || part.type === 'reasoning-delta') &&
      last.type === part.type
    ) {
      merged[merged.length - 1] = { type: part.type, delta: last.delta + part.delta };
    } else {
      merged.push(part);
    }
  }
  return merged;
}
