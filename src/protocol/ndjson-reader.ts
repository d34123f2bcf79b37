import { eventTooLargeError } from './buffer-limit';
import type { UnitReader } from './chunk-reader';

/**
 * Splits newline-delimited JSON (also JSON Lines and json-seq) into its non-blank lines, without
 * the json-seq Record Separator and surrounding whitespace. The last line needs no newline.
 */
export function createNDJSONReader(maxBufferSize: number): UnitReader<string> {
  /** The unfinished last line of the text so far. */
  let pending = '';
  const lines = (text: string, final: boolean): string[] => {
    const split = (pending + text).split('\n');
    pending = final ? '' : split.pop()!;
    if (pending.length > maxBufferSize) throw eventTooLargeError(maxBufferSize);
    const complete: string[] = [];
    for (const line of split) {
      if (line.length > maxBufferSize) throw eventTooLargeError(maxBufferSize);
      // RFC 7464 (application/json-seq) starts every record with a Record Separator.
      const json = (line.charCodeAt(0) === 0x1e ? line.slice(1) : line).trim();
      if (json) complete.push(json);
    }
    return complete;
  };
  return { push: (text) => lines(text, false), end: () => lines('', true) };
}
