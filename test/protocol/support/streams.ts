import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const encoder = new TextEncoder();

/** The bytes of a file under test/fixtures. */
export function fixtureBytes(path: string): Uint8Array {
  return new Uint8Array(readFileSync(fileURLToPath(new URL(`../../fixtures/${path}`, import.meta.url))));
}

export function bytes(text: string): Uint8Array {
  return encoder.encode(text);
}

/** Mulberry32: a tiny seeded PRNG so random splits are reproducible. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function splitEvery(data: Uint8Array, size: number): Uint8Array[] {
  const chunks: Uint8Array[] = [];
  for (let i = 0; i < data.length; i += size) chunks.push(data.subarray(i, i + size));
  return chunks;
}

/** Splits at random offsets (chunks of 1 to maxChunk bytes), so lines and characters get cut anywhere. */
export function splitRandomly(data: Uint8Array, seed: number, maxChunk = 40): Uint8Array[] {
  const random = seededRandom(seed);
  const chunks: Uint8Array[] = [];
  let offset = 0;
  while (offset < data.length) {
    const size = 1 + Math.floor(random() * maxChunk);
    chunks.push(data.subarray(offset, offset + size));
    offset += size;
  }
  return chunks;
}

export interface TrackedStream {
  stream: ReadableStream<Uint8Array>;
  /** How many chunks the consumer has pulled. */
  pulled(): number;
  cancelled(): boolean;
}

/** A body that hands out the given chunks on demand (pull), recording pulls and cancellation. */
export function streamOf(chunks: readonly Uint8Array[]): TrackedStream {
  let index = 0;
  let wasCancelled = false;
  const stream = new ReadableStream<Uint8Array>(
    {
      pull(controller) {
        const chunk = chunks[index++];
        if (chunk === undefined) controller.close();
        else controller.enqueue(chunk);
      },
      cancel() {
        wasCancelled = true;
      },
    },
    { highWaterMark: 0 },
  );
  return { stream, pulled: () => index, cancelled: () => wasCancelled };
}
