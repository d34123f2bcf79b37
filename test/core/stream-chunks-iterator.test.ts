import { describe, expect, it } from 'vitest';
import { AIStreamError, streamChunks } from '../../src/core';

/**
 * streamChunks hands out the chunks of a network chunk one by one from a hand-written iterator
 * (no async generator per network chunk). These pin what a generator would do: one chunk per
 * event in order however the events are cut into network chunks, nothing runs before the first
 * next(), calls made without waiting still get every chunk in order, return() and throw() end
 * the loop and free the body.
 */

const encoder = new TextEncoder();
const anthropicDelta = (text: string) =>
  `event: content_block_delta\ndata: ${JSON.stringify({ type: 'content_block_delta', index: 0, delta: { type: 'text_delta', text } })}\n\n`;
const anthropicReply = (tokens: string[]) => [
  `event: message_start\ndata: ${JSON.stringify({ type: 'message_start', message: { id: 'msg_1', role: 'assistant', model: 'claude', usage: { input_tokens: 3, output_tokens: 1 } } })}\n\n`,
  `event: content_block_start\ndata: {"type":"content_block_start","index":0,"content_block":{"type":"text","text":""}}\n\n`,
  'event: ping\ndata: {"type": "ping"}\n\n',
  ...tokens.map(anthropicDelta),
  'event: content_block_stop\ndata: {"type":"content_block_stop","index":0}\n\n',
  `event: message_delta\ndata: ${JSON.stringify({ type: 'message_delta', delta: { stop_reason: 'end_turn' }, usage: { output_tokens: tokens.length } })}\n\n`,
  'event: message_stop\ndata: {"type":"message_stop"}\n\n',
];

/** The text cut into network chunks of `size` bytes (mid-event, mid-line), and whether the body was cancelled. */
function body(text: string, size: number, { close = true } = {}) {
  const bytes = encoder.encode(text);
  let offset = 0;
  let cancelled = false;
  let pulls = 0;
  const stream = new ReadableStream<Uint8Array>({
    pull(controller) {
      pulls++;
      if (offset < bytes.length) controller.enqueue(bytes.slice(offset, (offset += size)));
      else if (close) controller.close();
    },
    cancel() {
      cancelled = true;
    },
  });
  return { stream, cancelled: () => cancelled, pulls: () => pulls };
}

const tokens = Array.from({ length: 60 }, (_, i) => `t${i} `);
const events = anthropicReply(tokens);

describe('streamChunks: one chunk per event, in order, whatever the network chunks', () => {
  for (const size of [1, 7, 64, 100_000]) {
    it(`network chunks of ${size} bytes`, async () => {
      const chunks = [];
      for await (const chunk of streamChunks(body(events.join(''), size).stream, { protocol: 'anthropic' })) chunks.push(chunk);
      expect(chunks).toHaveLength(events.length);
      expect(chunks.map((chunk) => (chunk.raw as { event?: string }).event)).toEqual(events.map((e) => e.slice(7, e.indexOf('\n'))));
      expect(chunks.slice(3, 3 + tokens.length).map((chunk) => chunk.delta)).toEqual(tokens);
      // Each chunk's content is the text up to its event, not the text of its whole network chunk.
      chunks.slice(3, 3 + tokens.length).forEach((chunk, i) => expect(chunk.content).toBe(tokens.slice(0, i + 1).join('')));
      expect(chunks[0]).toMatchObject({ role: 'assistant', metadata: { id: 'msg_1', model: 'claude' }, content: '', delta: '' });
      expect(chunks.at(-2)).toMatchObject({ finishReason: 'stop', usage: { promptTokens: 3, completionTokens: tokens.length } });
      expect(chunks.at(-1)).toMatchObject({ parts: [{ type: 'done' }], content: tokens.join('') });
    });
  }

  it('nothing is read before the first next()', async () => {
    const source = body(events.join(''), 64);
    const iterator = streamChunks(source.stream, { protocol: 'anthropic' });
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(source.stream.locked).toBe(false);
    expect((await iterator.next()).value).toMatchObject({ role: 'assistant' });
    expect(source.stream.locked).toBe(true);
  });

  it('next() called without waiting still hands out every chunk once, in order, then done', async () => {
    const iterator = streamChunks(body(events.join(''), 50).stream, { protocol: 'anthropic' });
    const results = await Promise.all(Array.from({ length: events.length + 2 }, () => iterator.next()));
    expect(results.slice(0, events.length).map((r) => r.done)).toEqual(events.map(() => false));
    expect(results.slice(3, 3 + tokens.length).map((r) => r.value && r.value.delta)).toEqual(tokens);
    expect(results.slice(events.length)).toEqual([
      { value: undefined, done: true },
      { value: undefined, done: true },
    ]);
  });

  it('return() ends the loop: the body is cancelled and later next() calls are done', async () => {
    const source = body(events.slice(0, 10).join(''), 40, { close: false });
    const iterator = streamChunks(source.stream, { protocol: 'anthropic' });
    await iterator.next();
    await iterator.next();
    expect(await iterator.return(undefined)).toEqual({ value: undefined, done: true });
    expect(source.cancelled()).toBe(true);
    expect(await iterator.next()).toEqual({ value: undefined, done: true });
  });

  it('throw() while reading ends the loop with the mapped error and cancels the body', async () => {
    const source = body(events.slice(0, 10).join(''), 40, { close: false });
    const iterator = streamChunks(source.stream, { protocol: 'anthropic' });
    await iterator.next();
    const error = await iterator.throw(new Error('socket reset')).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(AIStreamError);
    expect(error).toMatchObject({ code: 'network', message: expect.stringContaining('socket reset') });
    expect(source.cancelled()).toBe(true);
    expect(await iterator.next()).toEqual({ value: undefined, done: true });
  });

  it('throw() before the first next() rejects with the error as it is and reads nothing', async () => {
    const source = body(events.join(''), 64);
    const iterator = streamChunks(source.stream, { protocol: 'anthropic' });
    const thrown = new Error('not started');
    await expect(iterator.throw(thrown)).rejects.toBe(thrown);
    expect(source.stream.locked).toBe(false);
    expect(await iterator.next()).toEqual({ value: undefined, done: true });
  });

  it('a body that ends mid-reply throws a network error after the chunks before it, then is done', async () => {
    const iterator = streamChunks(body(events.slice(0, 8).join(''), 30).stream, { protocol: 'anthropic' });
    const deltas: string[] = [];
    let error: unknown;
    try {
      for (let r = await iterator.next(); !r.done; r = await iterator.next()) deltas.push(r.value.delta);
    } catch (caught) {
      error = caught;
    }
    expect(deltas).toEqual(['', '', '', ...tokens.slice(0, 5)]);
    expect(error).toMatchObject({ code: 'network' });
    expect(await iterator.next()).toEqual({ value: undefined, done: true });
  });
});
