/**
 * Issue 10 §4 (client items) and §5: what an independent audit found in the client, each
 * against a real node:http server.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AIStream, AIStreamError, streamChunks, type StreamChunk } from '../../src/core';
import { CHAT_DONE, chatChunk, kitReply } from '../helpers/fixtures';
import { record } from '../helpers/record';
import { DESTROY, respond, sse, startServer, type TestServer } from '../helpers/server';

let server: TestServer;
beforeEach(async () => {
  server = await startServer();
});
afterEach(() => server.close());

const FAST_RETRY = { maxRetries: 3, initialDelay: 1, maxDelay: 5 };

describe('§4 a 200 with a Content-Type no stream has', () => {
  it.each(['text/html; charset=utf-8', 'image/png'])('%s fails at once with a protocol error naming it, not retried', async (type) => {
    server.reply(respond(['<!doctype html><html><body>SPA</body></html>'], { headers: { 'Content-Type': type } }));
    const stream = new AIStream({ endpoint: server.url('/api/chat'), retry: FAST_RETRY });
    const recording = record(stream);
    const error = (await stream.send('Hi').catch((caught: unknown) => caught)) as AIStreamError;
    expect(error).toBeInstanceOf(AIStreamError);
    expect(error.code).toBe('protocol');
    expect(error.retryable).toBe(false);
    expect(error.message).toContain(type);
    expect(server.requests).toHaveLength(1);
    expect(recording.names).not.toContain('retry');
    expect(stream.getStatus()).toBe('error');
  });
});

/** A signal whose listeners can be counted: the ones added and not removed. */
function countedSignal() {
  const controller = new AbortController();
  const { signal } = controller;
  const live = new Set<unknown>();
  const add = signal.addEventListener.bind(signal);
  const remove = signal.removeEventListener.bind(signal);
  signal.addEventListener = ((type: string, listener: EventListener, options?: AddEventListenerOptions) => {
    live.add(listener);
    add(type, listener, options);
  }) as typeof signal.addEventListener;
  signal.removeEventListener = ((type: string, listener: EventListener, options?: EventListenerOptions) => {
    live.delete(listener);
    remove(type, listener, options);
  }) as typeof signal.removeEventListener;
  return { controller, signal, listeners: () => live.size };
}

describe('§4 config.signal is listened to only while a reply runs', () => {
  it('200 AIStreams sharing one signal add no listener; a reply adds one and removes it when it ends', async () => {
    const { signal, listeners } = countedSignal();
    const streams = Array.from({ length: 200 }, () => new AIStream({ endpoint: server.url('/api/chat'), signal }));
    expect(listeners()).toBe(0);

    server.reply(respond([...kitReply(['a']).slice(0, 2), 30, ...kitReply(['a']).slice(2)]));
    const pending = streams[0]!.send('Hi');
    expect(listeners()).toBe(1);
    await pending;
    expect(listeners()).toBe(0);

    server.reply(respond(['not an event'], { headers: { 'Content-Type': 'text/html' } }));
    await streams[1]!.send('Hi').catch(() => {});
    expect(listeners()).toBe(0); // a failed reply lets go too
  });

  it('aborting stops the reply in flight and every later one (no request is sent)', async () => {
    const { controller, signal, listeners } = countedSignal();
    server.reply(respond(kitReply(['a', 'b']).slice(0, 2), { finish: 'hang' }));
    const stream = new AIStream({ endpoint: server.url('/api/chat'), signal });
    const tokens: string[] = [];
    stream.on('token', (token) => {
      tokens.push(token);
      controller.abort();
    });
    await stream.send('Hi'); // resolves: an abort is not an error
    expect(stream.getMessages()[1]).toMatchObject({ content: 'a', status: 'aborted' });
    expect(listeners()).toBe(0);

    await stream.send('Again');
    await stream.retry();
    expect(server.requests).toHaveLength(1);
    expect(stream.getStatus()).toBe('idle');
  });
});

describe('§4 timeout: a deadline for the whole reply', () => {
  it('heartbeats alone do not keep send() pending: it rejects with code timeout, not retried', async () => {
    const heartbeats = Array.from({ length: 400 }, () => [': ping\n\n', 10] as const).flat();
    server.reply(respond([sse({ streamId: 'h' }, { event: 'start', id: 'h-1' }), ...heartbeats]));
    const stream = new AIStream({ endpoint: server.url('/api/chat'), timeout: 200, idleTimeout: 60_000, retry: FAST_RETRY });
    const recording = record(stream);
    const error = (await stream.send('Hi').catch((caught: unknown) => caught)) as AIStreamError;
    expect(error).toBeInstanceOf(AIStreamError);
    expect(error.code).toBe('timeout');
    expect(error.message).toMatch(/200 ms/);
    expect(server.requests).toHaveLength(1);
    expect(recording.names).not.toContain('retry');
    expect(stream.getMessages()[1]).toMatchObject({ status: 'error', error: { code: 'timeout' } });
    expect(stream.getStatus()).toBe('error');
  });

  it('covers retries and their waits: a server that keeps dropping ends with timeout, not after maxRetries', async () => {
    server.reply(respond([...kitReply(['a'], { ids: false }).slice(0, 2), DESTROY]));
    const stream = new AIStream({
      endpoint: server.url('/api/chat'),
      timeout: 300,
      retry: { maxRetries: 1000, initialDelay: 20, maxDelay: 20, backoff: 'linear' },
    });
    const error = (await stream.send('Hi').catch((caught: unknown) => caught)) as AIStreamError;
    expect(error.code).toBe('timeout');
    expect(server.requests.length).toBeGreaterThan(1);
    expect(server.requests.length).toBeLessThan(1000);
  });

  it('must be a number ≥ 0', () => {
    expect(() => new AIStream({ endpoint: '/x', timeout: -1 })).toThrow(/timeout must be a number/);
  });
});

describe('§5 a relative endpoint without a base URL (Node)', () => {
  it('fails at once with an invalid error, not network retries', async () => {
    expect((globalThis as { location?: unknown }).location).toBeUndefined();
    const stream = new AIStream({ endpoint: '/api/chat', retry: FAST_RETRY });
    const recording = record(stream);
    const error = (await stream.send('Hi').catch((caught: unknown) => caught)) as AIStreamError;
    expect(error).toBeInstanceOf(AIStreamError);
    expect(error.code).toBe('invalid');
    expect(error.message).toMatch(/relative endpoint.*absolute URL/);
    expect(recording.names).not.toContain('retry');
  });

  it('a custom fetch that understands relative URLs still gets them', async () => {
    const fetchRelative: typeof fetch = (input, init) => fetch(new URL(String(input), server.url()), init);
    server.reply(respond(kitReply(['ok'])));
    const stream = new AIStream({ endpoint: '/api/chat', fetch: fetchRelative });
    await stream.send('Hi');
    expect(stream.getMessages()[1]!.content).toBe('ok');
    expect(server.requests[0]!.path).toBe('/api/chat');
  });
});

describe('§5 streamChunks and the seeds', () => {
  it("an AbortController on the fetch only (seed 003's cancel button) throws an error named AbortError", async () => {
    server.reply(respond([chatChunk({ role: 'assistant', content: 'Hel' }), 20, chatChunk({ content: 'lo' })], { finish: 'hang' }));
    const controller = new AbortController();
    const response = await fetch(server.url('/api/chat'), { method: 'POST', body: '{}', signal: controller.signal });
    const seen: string[] = [];
    let caught: unknown;
    try {
      for await (const chunk of streamChunks(response)) {
        seen.push(chunk.delta);
        if (seen.length === 2) controller.abort();
      }
    } catch (error) {
      caught = error;
    }
    expect((caught as Error).name).toBe('AbortError');
    expect(caught).not.toBeInstanceOf(AIStreamError);
    expect(seen.join('')).toBe('Hello');
  });

  it('after return(), no chunk already decoded is handed out', async () => {
    server.reply(respond([[chatChunk({ content: 'a' }), chatChunk({ content: 'b' }), chatChunk({ content: 'c' }), CHAT_DONE].join('')]));
    const chunks = streamChunks(await fetch(server.url(), { method: 'POST' }));
    expect((await chunks.next()).value).toMatchObject({ delta: 'a' });
    await chunks.return();
    expect(await chunks.next()).toEqual({ done: true, value: undefined });
  });

  it('chunks carry the role the stream states: OpenAI delta.role', async () => {
    server.reply(respond([chatChunk({ role: 'assistant', content: '' }), chatChunk({ content: 'Hi' }), chatChunk({}, { finish_reason: 'stop' }), CHAT_DONE]));
    const chunks: StreamChunk[] = [];
    for await (const chunk of streamChunks(await fetch(server.url(), { method: 'POST' }))) chunks.push(chunk);
    expect(chunks.map((chunk) => chunk.role)).toEqual(['assistant', 'assistant', 'assistant', 'assistant']);
  });

  it('chunks carry the role the stream states: Anthropic message_start; none when the stream states none', async () => {
    const event = (type: string, body: Record<string, unknown>) => sse({ type, ...body }, { event: type });
    server.reply(
      respond([
        event('message_start', { message: { id: 'm', role: 'assistant', model: 'c', content: [], usage: { input_tokens: 1 } } }),
        event('content_block_delta', { index: 0, delta: { type: 'text_delta', text: 'Hi' } }),
        event('message_stop', {}),
      ]),
      respond(kitReply(['Hi'])),
    );
    const anthropic: StreamChunk[] = [];
    for await (const chunk of streamChunks(await fetch(server.url(), { method: 'POST' }))) anthropic.push(chunk);
    expect(anthropic.map((chunk) => chunk.role)).toEqual(['assistant', 'assistant', 'assistant']);

    const kit: StreamChunk[] = [];
    for await (const chunk of streamChunks(await fetch(server.url(), { method: 'POST' }))) kit.push(chunk);
    expect(kit.map((chunk) => chunk.role)).toEqual(kit.map(() => undefined));
    expect(kit.length).toBeGreaterThan(0);
  });
});
