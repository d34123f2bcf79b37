import { createParser } from 'eventsource-parser';
import { eventTooLargeError } from './buffer-limit';
import type { UnitReader } from './chunk-reader';
import type { SSEEvent } from './parts';

/** Splits Server-Sent Events out of the body's text with eventsource-parser. */
export function createSSEReader(maxBufferSize: number, onRetry?: (milliseconds: number) => void): UnitReader<SSEEvent> {
  let events: SSEEvent[] = [];
  let endsWithCR = false;
  /** The last characters of the body, enough to see whether it ends between events. */
  let tail = '';
  const parser = createParser({
    onEvent(event) {
      // The parser only bounds what it holds between chunks; an event that arrived whole in one
      // chunk is measured here.
      if (event.data.length > maxBufferSize) throw eventTooLargeError(maxBufferSize);
      events.push(event);
    },
    onError(error) {
      // The parser has already dropped its buffers; stop here rather than decode a cut event.
      // Unknown fields and bad retry values are ignored, as the SSE spec says.
      if (error.type === 'max-buffer-size-exceeded') throw eventTooLargeError(maxBufferSize);
    },
    onRetry,
    maxBufferSize,
  });
  const take = () => {
    const taken = events;
    events = [];
    return taken;
  };
  return {
    push(text) {
      parser.feed(text);
      endsWithCR = text.endsWith('\r');
      tail = text.length >= TAIL_LENGTH ? text.slice(-TAIL_LENGTH) : (tail + text).slice(-TAIL_LENGTH);
      return events.length ? take() : [];
    },
    end() {
      // The parser holds back a final CR to see whether an LF follows. At the end of the body
      // it is a line end, so complete it (this dispatches an event only if the CR was the
      // blank line ending it; an unfinished event is discarded, as the SSE spec says).
      if (endsWithCR) parser.feed('\n');
      return take();
    },
    endsAtEventBoundary: () => endsBetweenEvents(tail),
  };
}

const TAIL_LENGTH = 256;

/**
 * Whether SSE text ends between events: after its last blank line there are only comment lines
 * (`: ping`) and blank lines, all terminated. A tail with no blank line at all counts only if it is the whole
 * body (nothing but comments).
 */
function endsBetweenEvents(tail: string): boolean {
  const rest = tail.split(/\r\n\r\n|\n\n|\r\r|\n\r\n|\r\n\n/).pop()!;
  return /^((:[^\r\n]*)?(\r\n|\r|\n))*$/.test(rest) && (rest !== tail || tail.length < TAIL_LENGTH);
}
