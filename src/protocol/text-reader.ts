import type { ChunkReader } from './chunk-reader';

/** Plain text: every chunk is text to append, and the end of the body ends the reply. */
export function createTextReader(): ChunkReader {
  return {
    push(text) {
      return [{ parts: [{ type: 'text-delta', delta: text }], raw: text }];
    },
    end() {
      return [{ parts: [{ type: 'done' }], raw: '' }];
    },
  };
}
