import { describe, expect, it } from 'vitest';
import { decodeBody } from '../../src/protocol/decode-body';
import { collect } from './support/collect';
import { bytes, fixtureBytes, splitEvery, splitRandomly, streamOf } from './support/streams';

const SSE = { contentType: 'text/event-stream' };
const decoder = new TextDecoder();

function withLineEndings(data: Uint8Array, ending: string): Uint8Array {
  return bytes(decoder.decode(data).replace(/\n/g, ending));
}

describe('SSE line endings', () => {
  const lf = fixtureBytes('anthropic/thinking-text-tool-use.sse');

  it.each([
    ['CRLF', '\r\n'],
    ['CR', '\r'],
  ])('%s endings decode like LF, whole and byte by byte', async (_name, ending) => {
    const expected = (await collect([lf], SSE)).events;
    const converted = withLineEndings(lf, ending);
    expect((await collect([converted], SSE)).events).toEqual(expected);
    expect((await collect(splitEvery(converted, 1), SSE)).events).toEqual(expected);
    expect((await collect(splitRandomly(converted, 11, 7), SSE)).events).toEqual(expected);
  });

  it('a CR-only body whose last event ends exactly at the end of the body is not lost', async () => {
    const body = 'event: token\rdata: {"token":"a"}\r\revent: done\rdata: {}\r\r';
    for (const chunks of [[bytes(body)], splitEvery(bytes(body), 1)]) {
      const { parts } = await collect(chunks, { ...SSE, protocol: 'kit' });
      expect(parts).toEqual([{ type: 'text-delta', delta: 'a' }, { type: 'done' }]);
    }
  });

  it('mixed endings in one body', async () => {
    const body = 'data: {"choices":[{"delta":{"content":"a"}}]}\r\n\r\ndata: {"choices":[{"delta":{"content":"b"}}]}\r\rdata: [DONE]\n\n';
    const { parts } = await collect(splitEvery(bytes(body), 3), SSE);
    expect(parts).toEqual([{ type: 'text-delta', delta: 'a' }, { type: 'text-delta', delta: 'b' }, { type: 'done' }]);
  });
});

describe('SSE text decoding', () => {
  it('reassembles multi-byte characters split across chunks', async () => {
    const text = '🧪漢字é👨‍👩‍👧';
    const data = bytes(`event: token\ndata: {"token":"${text}"}\n\n`);
    const emoji = data.indexOf(0xf0);
    // Cut inside the first emoji (4 bytes) and inside a CJK character (3 bytes).
    const chunks = [data.subarray(0, emoji + 1), data.subarray(emoji + 1, emoji + 6), data.subarray(emoji + 6)];
    const { parts } = await collect(chunks, SSE);
    expect(parts).toEqual([{ type: 'text-delta', delta: text }]);
  });

  it('strips a leading byte order mark', async () => {
    const data = new Uint8Array([0xef, 0xbb, 0xbf, ...bytes('event: token\ndata: {"token":"x"}\n\n')]);
    const { parts } = await collect(splitEvery(data, 1), SSE);
    expect(parts).toEqual([{ type: 'text-delta', delta: 'x' }]);
  });

  it('joins multi-line data with newlines before decoding', async () => {
    const body = 'event: metadata\ndata: {"a":\ndata: 1}\n\n';
    const { parts } = await collect([bytes(body)], SSE);
    expect(parts).toEqual([{ type: 'metadata', metadata: { a: 1 } }]);
  });
});

describe('SSE fields', () => {
  it('keeps the id of each event on its DecodedEvent', async () => {
    const body = 'id: s-1\nevent: token\ndata: {"token":"a"}\n\nevent: token\ndata: {"token":"b"}\n\nid: s-3\nevent: done\ndata: {}\n\n';
    const { events } = await collect(splitEvery(bytes(body), 2), SSE);
    expect(events.map((event) => event.id)).toEqual(['s-1', undefined, 's-3']);
    expect(events[0]!.raw).toEqual({ id: 's-1', event: 'token', data: '{"token":"a"}' });
  });

  it('reports retry: through onRetry and ignores unknown fields', async () => {
    const retries: number[] = [];
    const body = 'retry: 2500\nfoo: bar\nretry: soon\nevent: token\ndata: {"token":"a"}\n\n';
    const { parts } = await collect(splitEvery(bytes(body), 1), { ...SSE, onRetry: (ms) => retries.push(ms) });
    expect(retries).toEqual([2500]);
    expect(parts).toEqual([{ type: 'text-delta', delta: 'a' }]);
  });

  it('comments and heartbeats call onActivity once per chunk and yield nothing', async () => {
    const chunks = [bytes(': ping\n\n'), bytes(':\n'), bytes(': keep-alive\n\n'), bytes(': ')];
    let activity = 0;
    const batches = [];
    for await (const batch of decodeBody(streamOf(chunks).stream, { ...SSE, onActivity: () => activity++ })) {
      batches.push(batch);
    }
    expect(activity).toBe(4);
    expect(batches).toEqual([]);
  });

  it('calls onActivity even for a chunk holding only part of a character', async () => {
    const data = bytes('event: token\ndata: {"token":"🌍"}\n\n');
    const emoji = data.indexOf(0xf0);
    const chunks = [data.subarray(0, emoji + 1), data.subarray(emoji + 1, emoji + 2), data.subarray(emoji + 2)];
    let activity = 0;
    const { parts } = await collect(chunks, { ...SSE, onActivity: () => activity++ });
    expect(activity).toBe(3);
    expect(parts).toEqual([{ type: 'text-delta', delta: '🌍' }]);
  });

  it('discards an event the body cuts off before its blank line, and invents no done', async () => {
    const body = 'event: token\ndata: {"token":"a"}\n\nevent: token\ndata: {"token":"lost"}\n';
    const { parts } = await collect([bytes(body)], SSE);
    expect(parts).toEqual([{ type: 'text-delta', delta: 'a' }]);
  });
});
