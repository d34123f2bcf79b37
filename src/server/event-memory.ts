/**
 * What the memory resume store's events cost in the V8 heap, so its byte bound is a bound on
 * memory and not only on event text. Figures for 64-bit Node without pointer compression (how
 * Node ships), checked by test/server/resume-store-memory.test.ts with `--expose-gc`.
 */
/**
 * Per event besides its text: what a `{ seq, event, data }` object, its array slot and spare
 * capacity take. The store now keeps the name and data in two arrays of strings (less than this),
 * and still counts this much so its byte bound drops the same events as before and stays a bound.
 */
const EVENT_OVERHEAD_BYTES = 72;
/** Map, hash and length of a sequential string. */
const STRING_HEADER_BYTES = 16;
/** A stream's own bookkeeping: its log object, array, waiter set and map entry. */
export const STREAM_OVERHEAD_BYTES = 512;

/** Heap bytes of one recorded event. Its name is usually a shared constant; counted as characters anyway. */
export function eventMemoryBytes(name: string, data: string): number {
  return EVENT_OVERHEAD_BYTES + stringMemoryBytes(data) + name.length;
}

/** V8 keeps a string in 1 byte per character when all are Latin-1, else 2 (whatever its UTF-8 size). */
function stringMemoryBytes(text: string): number {
  let bytesPerChar = 1;
  for (let i = 0; i < text.length; i++) {
    if (text.charCodeAt(i) > 0xff) {
      bytesPerChar = 2;
      break;
    }
  }
  return STRING_HEADER_BYTES + Math.ceil((text.length * bytesPerChar) / 8) * 8;
}
