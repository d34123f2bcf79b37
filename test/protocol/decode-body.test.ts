import { describe, expect, it } from 'vitest';
import { AIStreamError } from '../../src/core/errors';
import { decodeBody, type DecodeOptions } from '../../src/protocol/decode-body';
import { collect } from './support/collect';
import { bytes, splitEvery, streamOf } from './support/streams';

const SSE = { contentType: 'text/event-stream' };

async function decodeError(chunks: Uint8Array[], options: DecodeOptions): Promise<AIStreamError> {
  const error = await collect(chunks, options).then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(AIStreamError);
  return error as AIStreamError;
}

describe('malformed input', () => {
  it.each([
    ['kit', 'event: token\ndata: {"token":\n\n'],
    ['openai-chat', 'data: {"choices":[{"delta"\n\n'],
    ['openai-responses', 'event: response.output_text.delta\ndata: {"type":"response.output_text.delta","delta":"x"\n\n'],
    ['anthropic', 'event: content_block_delta\ndata: not json\n\n'],
  ] as const)('%s: bad JSON is a protocol error quoting the event', async (protocol, body) => {
    const error = await decodeError([bytes(body)], { protocol });
    expect(error.code).toBe('protocol');
    expect(error.message).toMatch(/^Could not parse .* event as JSON: /);
    expect(error.message).toContain(body.split('data: ')[1]!.trim().slice(0, 20));
  });

  it('quotes at most 100 characters of the bad payload', async () => {
    const payload = `{${'x'.repeat(500)}`;
    const error = await decodeError([bytes(`data: ${payload}\n\n`)], { protocol: 'openai-chat' });
    expect(error.message).toBe(`Could not parse OpenAI chat event as JSON: ${payload.slice(0, 100)}`);
  });

  it('NDJSON: a bad line is a protocol error', async () => {
    const body = '{"message":{"content":"a"},"done":false}\n{"message":\n';
    const error = await decodeError([bytes(body)], { contentType: 'application/x-ndjson' });
    expect(error.code).toBe('protocol');
    expect(error.message).toContain('NDJSON');
  });

  it('NDJSON: a first line of unknown shape is a protocol error', async () => {
    const error = await decodeError([bytes('{"hello":"world"}\n')], { protocol: 'ndjson' });
    expect(error.code).toBe('protocol');
    expect(error.message).toContain('{"hello":"world"}');
  });

  it('the source is cancelled when decoding fails', async () => {
    const source = streamOf([bytes('event: token\ndata: {bad\n\n'), bytes('event: token\ndata: {"token":"x"}\n\n')]);
    const iterator = decodeBody(source.stream, { protocol: 'kit' });
    await expect(iterator.next()).rejects.toMatchObject({ code: 'protocol' });
    expect(source.cancelled()).toBe(true);
  });

  it('an invalid maxBufferSize is rejected', async () => {
    const error = await decodeError([bytes('data: [DONE]\n\n')], { ...SSE, maxBufferSize: 0 });
    expect(error.code).toBe('invalid');
  });
});

describe('maxBufferSize', () => {
  const LIMIT = 64 * 1024;

  it('rejects a 5 MB event long before the whole of it is read', async () => {
    const head = bytes('event: token\ndata: {"token":"');
    const huge = new Uint8Array(5 * 1024 * 1024).fill(0x61); // "aaaa…"
    const chunks = [head, ...splitEvery(huge, 16 * 1024), bytes('"}\n\n')];
    const source = streamOf(chunks);
    const seen: unknown[] = [];
    const run = (async () => {
      for await (const batch of decodeBody(source.stream, { ...SSE, maxBufferSize: LIMIT })) seen.push(batch);
    })();
    await expect(run).rejects.toMatchObject({
      code: 'protocol',
      message: `An event exceeded maxBufferSize (${LIMIT} characters)`,
    });
    // Buffering stopped just past the limit: a handful of 16 KiB chunks out of 322.
    expect(source.pulled()).toBeLessThanOrEqual(LIMIT / (16 * 1024) + 3);
    expect(source.pulled()).toBeLessThan(chunks.length);
    expect(source.cancelled()).toBe(true);
    expect(seen).toEqual([]);
  });

  it('counts an event made of many data: lines as one event', async () => {
    const line = bytes(`data: ${'b'.repeat(1000)}\n`);
    const chunks = Array.from({ length: 200 }, () => line);
    const source = streamOf(chunks);
    const run = collectFrom(source.stream, { ...SSE, maxBufferSize: LIMIT });
    await expect(run).rejects.toMatchObject({ code: 'protocol' });
    expect(source.pulled()).toBeLessThan(80);
  });

  it('accepts any number of events each below the limit', async () => {
    const event = bytes(`event: token\ndata: {"token":"${'c'.repeat(1000)}"}\n\n`);
    const { parts } = await collect(
      Array.from({ length: 300 }, () => event),
      { ...SSE, maxBufferSize: 2000 },
    );
    expect(parts).toHaveLength(300);
  });

  it('defaults to 1 MiB characters', async () => {
    const within = `event: token\ndata: {"token":"${'d'.repeat(1_000_000)}"}\n\n`;
    expect((await collect(splitEvery(bytes(within), 65536), SSE)).parts).toHaveLength(1);
    const beyond = `event: token\ndata: {"token":"${'d'.repeat(1_100_000)}"}\n\n`;
    const error = await decodeError(splitEvery(bytes(beyond), 65536), SSE);
    expect(error.message).toBe('An event exceeded maxBufferSize (1048576 characters)');
  });

  it('rejects an oversized event that arrives whole in one chunk', async () => {
    const event = bytes(`event: token\ndata: {"token":"${'e'.repeat(3000)}"}\n\n`);
    const error = await decodeError([event], { ...SSE, maxBufferSize: 2000 });
    expect(error.code).toBe('protocol');
    const line = bytes(`{"message":{"content":"${'e'.repeat(3000)}"}}\n`);
    expect((await decodeError([line], { protocol: 'ndjson', maxBufferSize: 2000 })).code).toBe('protocol');
  });

  it('NDJSON: an over-long line is rejected while it is still incomplete', async () => {
    const chunks = [bytes('{"message":{"content":"'), ...splitEvery(new Uint8Array(1024 * 1024).fill(0x61), 8192)];
    const source = streamOf(chunks);
    await expect(collectFrom(source.stream, { protocol: 'ndjson', maxBufferSize: LIMIT })).rejects.toMatchObject({
      code: 'protocol',
    });
    expect(source.pulled()).toBeLessThan(20);
  });
});

async function collectFrom(stream: ReadableStream<Uint8Array>, options: DecodeOptions): Promise<void> {
  for await (const _batch of decodeBody(stream, options)) {
    // drain
  }
}

describe('cancellation', () => {
  const events = Array.from({ length: 10 }, (_, i) => bytes(`event: token\ndata: {"token":"${i}"}\n\n`));

  it('breaking out of the iteration cancels the source', async () => {
    const source = streamOf(events);
    for await (const batch of decodeBody(source.stream, SSE)) {
      expect(batch[0]!.parts).toEqual([{ type: 'text-delta', delta: '0' }]);
      break;
    }
    expect(source.cancelled()).toBe(true);
    expect(source.pulled()).toBeLessThan(events.length);
  });

  it('return() cancels the source', async () => {
    const source = streamOf(events);
    const iterator = decodeBody(source.stream, SSE);
    await iterator.next();
    await iterator.return();
    expect(source.cancelled()).toBe(true);
  });

  it('a body read to its end is not cancelled', async () => {
    const source = streamOf(events);
    await collectFrom(source.stream, SSE);
    expect(source.cancelled()).toBe(false);
  });

  it('an error from the body reaches the consumer', async () => {
    const failure = new TypeError('network down');
    const body = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(bytes('event: token\ndata: {"token":"a"}\n\n'));
        controller.error(failure);
      },
    });
    await expect(collectFrom(body, SSE)).rejects.toBe(failure);
  });
});

describe('batching', () => {
  it('yields one batch per network chunk, holding every event it completed', async () => {
    const chunk1 = bytes('event: token\ndata: {"token":"a"}\n\nevent: token\ndata: {"token":"b"}\n\nevent: tok');
    const chunk2 = bytes('en\ndata: {"token":"c"}\n\n: ping\n\n');
    const { batches } = await collect([chunk1, chunk2], SSE);
    expect(batches.map((batch) => batch.map((event) => event.parts))).toEqual([
      [[{ type: 'text-delta', delta: 'a' }], [{ type: 'text-delta', delta: 'b' }]],
      [[{ type: 'text-delta', delta: 'c' }]],
    ]);
  });

  it('keeps events that decode to no parts (their id still counts for resuming)', async () => {
    const body = 'id: a-1\nevent: ping\ndata: {"type":"ping"}\n\n';
    const { events } = await collect([bytes(body)], { protocol: 'anthropic' });
    expect(events).toEqual([{ parts: [], id: 'a-1', raw: { id: 'a-1', event: 'ping', data: '{"type":"ping"}' } }]);
  });
});

describe('end of body', () => {
  it('SSE: an empty body yields nothing', async () => {
    expect((await collect([], SSE)).batches).toEqual([]);
  });

  it('text: each chunk is a text-delta and the end is done', async () => {
    const { events } = await collect([bytes('Hel'), bytes('lo')], { contentType: 'text/plain' });
    expect(events).toEqual([
      { parts: [{ type: 'text-delta', delta: 'Hel' }], raw: 'Hel' },
      { parts: [{ type: 'text-delta', delta: 'lo' }], raw: 'lo' },
      { parts: [{ type: 'done' }], raw: '' },
    ]);
  });

  it('text: an empty body is just done', async () => {
    expect((await collect([], { protocol: 'text' })).parts).toEqual([{ type: 'done' }]);
  });

  it('text: a body cut inside a character ends with U+FFFD, not lost bytes', async () => {
    const emoji = bytes('ok🌍');
    const { parts } = await collect([emoji.subarray(0, emoji.length - 1)], { protocol: 'text' });
    expect(parts).toEqual([
      { type: 'text-delta', delta: 'ok' },
      { type: 'text-delta', delta: '\uFFFD' },
      { type: 'done' },
    ]);
  });

  it('NDJSON: a last line without newline, CRLF, blank lines and json-seq separators', async () => {
    const body =
      '\x1e{"message":{"content":"a"},"done":false}\r\n\r\n  \n{"message":{"content":"b"},"done":false}\n{"message":{"content":""},"done":true,"done_reason":"length","eval_count":2}';
    const { parts } = await collect(splitEvery(bytes(body), 5), { contentType: 'application/json-seq' });
    expect(parts).toEqual([
      { type: 'text-delta', delta: 'a' },
      { type: 'text-delta', delta: 'b' },
      { type: 'finish', reason: 'length' },
      { type: 'usage', usage: { completionTokens: 2 } },
      { type: 'done' },
    ]);
  });

  it('NDJSON of OpenAI chat chunks', async () => {
    const body =
      '{"id":"c1","object":"chat.completion.chunk","model":"m","choices":[{"index":0,"delta":{"role":"assistant","content":"Hi"},"finish_reason":null}]}\n' +
      '{"id":"c1","object":"chat.completion.chunk","model":"m","choices":[{"index":0,"delta":{},"finish_reason":"stop"}]}\n';
    const { parts } = await collect([bytes(body)], { contentType: 'application/jsonl' });
    expect(parts).toEqual([
      { type: 'metadata', metadata: { id: 'c1', model: 'm' } },
      { type: 'role', role: 'assistant' },
      { type: 'text-delta', delta: 'Hi' },
      { type: 'finish', reason: 'stop' },
      { type: 'done' },
    ]);
  });

  it('NDJSON of Anthropic events ends with a single done', async () => {
    const body =
      '{"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":"Hi"}}\n{"type":"message_stop"}\n';
    const { parts } = await collect([bytes(body)], { protocol: 'ndjson' });
    expect(parts).toEqual([{ type: 'text-delta', delta: 'Hi' }, { type: 'done' }]);
  });

  it('NDJSON of Responses events', async () => {
    const body =
      '{"type":"response.output_text.delta","delta":"Yo"}\n{"type":"response.completed","response":{"output":[],"usage":{"input_tokens":1,"output_tokens":2,"total_tokens":3}}}\n';
    const { parts } = await collect([bytes(body)], { protocol: 'ndjson' });
    expect(parts).toEqual([
      { type: 'text-delta', delta: 'Yo' },
      { type: 'usage', usage: { promptTokens: 1, completionTokens: 2, totalTokens: 3 } },
      { type: 'finish', reason: 'stop' },
      { type: 'done' },
    ]);
  });

  it('an explicit protocol wins over the Content-Type', async () => {
    const body = 'data: {"choices":[{"delta":{"content":"x"}}]}\n\ndata: [DONE]\n\n';
    const { parts } = await collect([bytes(body)], { protocol: 'openai-chat', contentType: 'text/plain' });
    expect(parts).toEqual([{ type: 'text-delta', delta: 'x' }, { type: 'done' }]);
  });
});
