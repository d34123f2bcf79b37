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
 * Whether SSE text ends between events: its last line is terminated, and the last line before
 * any trailing comments (`: ping`) is blank, i.e. the last event was dispatched. Whitespace or
 * comments alone count as between events.
 */
function endsBetweenEvents(tail: string): boolean {
  const lines = tail.split(/\r\n|\r|\n/);
  if (lines.pop() !== '') return false; // the last line is unfinished
  let last = lines.length - 1;
  while (last >= 0 && lines[last]!.startsWith(':')) last--;
  // A tail that holds only comments is taken as whole lines; a long one would have been cut.
  return last < 0 ? tail.length < TAIL_LENGTH : lines[last] === '';
}
