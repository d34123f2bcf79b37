/** Reads raw SSE events (and comments) from a body, for tests that check the exact wire format. */
import { createParser } from 'eventsource-parser';

export interface WireEvent {
  id: string | undefined;
  event: string | undefined;
  data: string;
}

export interface WireRead {
  events: WireEvent[];
  comments: string[];
  /** The body as text. */
  text: string;
}

/** Reads the whole body. */
export async function readWire(body: ReadableStream<Uint8Array> | null): Promise<WireRead> {
  const read: WireRead = { events: [], comments: [], text: '' };
  const parser = createParser({
    onEvent: (event) => read.events.push({ id: event.id, event: event.event, data: event.data }),
    onComment: (comment) => read.comments.push(comment),
  });
  const decoder = new TextDecoder();
  for await (const chunk of body as ReadableStream<Uint8Array> & AsyncIterable<Uint8Array>) {
    const text = decoder.decode(chunk, { stream: true });
    read.text += text;
    parser.feed(text);
  }
  return read;
}

/** Event-by-event reader: `next()` resolves with the next event (comments are collected aside). */
export function wireReader(body: ReadableStream<Uint8Array>) {
  const reader = body.getReader();
  const decoder = new TextDecoder();
  const queue: WireEvent[] = [];
  const comments: string[] = [];
  const parser = createParser({
    onEvent: (event) => queue.push({ id: event.id, event: event.event, data: event.data }),
    onComment: (comment) => comments.push(comment),
  });
  return {
    comments,
    async next(): Promise<WireEvent | undefined> {
      while (queue.length === 0) {
        const { done, value } = await reader.read();
        if (done) return undefined;
        parser.feed(decoder.decode(value, { stream: true }));
      }
      return queue.shift();
    },
    /** Reads until at least `count` comments arrived. */
    async untilComments(count: number): Promise<void> {
      while (comments.length < count) {
        const { done, value } = await reader.read();
        if (done) return;
        parser.feed(decoder.decode(value, { stream: true }));
      }
    },
    cancel: () => reader.cancel(),
  };
}

/** Checks the framing rules of docs/protocol.md; returns the stream id. */
export function assertKitFraming(events: WireEvent[], options: { resumed?: boolean } = {}): string {
  if (events.length === 0) throw new Error('no events');
  const first = events[0]!;
  if (!options.resumed && first.event !== 'start') throw new Error(`first event is ${first.event}, not start`);
  const streamId = /^([A-Za-z0-9_]+)-\d+$/.exec(first.id ?? '')?.[1];
  if (!streamId) throw new Error(`bad id ${first.id}`);
  let previous = Number(first.id!.slice(streamId.length + 1)) - 1;
  for (const event of events) {
    if (!event.event) throw new Error('event without a name');
    if (event.id !== `${streamId}-${previous + 1}`) throw new Error(`expected id ${streamId}-${previous + 1}, got ${event.id}`);
    previous++;
    JSON.parse(event.data);
  }
  if (events[events.length - 1]!.event !== 'done') throw new Error('the last event is not done');
  return streamId;
}
