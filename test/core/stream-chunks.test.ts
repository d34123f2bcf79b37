import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AIStreamError, streamChunks, type StreamChunk } from '../../src/core';
import { CHAT_DONE, chatChunk, kitReply } from '../helpers/fixtures';
import { DESTROY, json, respond, sse, startServer, type TestServer } from '../helpers/server';

let server: TestServer;
beforeEach(async () => {
  server = await startServer();
});
afterEach(() => server.close());

const post = (path = '/') => fetch(server.url(path), { method: 'POST', body: '{}' });

async function collect(source: Response | ReadableStream<Uint8Array>, options = {}): Promise<StreamChunk[]> {
  const chunks: StreamChunk[] = [];
  for await (const chunk of streamChunks(source, options)) chunks.push(chunk);
  return chunks;
}

describe('streamChunks', () => {
  it('yields one chunk per event with delta, accumulated content, tool calls, finish reason and usage', async () => {
    server.reply(
      respond([
        chatChunk({ role: 'assistant', content: '' }),
        chatChunk({ content: 'Let me ' }),
        chatChunk({ content: 'check.' }),
        chatChunk({ tool_calls: [{ index: 0, id: 'call_1', type: 'function', function: { name: 'lookup', arguments: '{"q":' } }] }),
        chatChunk({ tool_calls: [{ index: 0, function: { arguments: '"cats"}' } }] }),
        chatChunk({}, { finish_reason: 'tool_calls' }),
        chatChunk({}, { choices: [], usage: { prompt_tokens: 9, completion_tokens: 4, total_tokens: 13 } }),
        CHAT_DONE,
      ]),
    );
    const chunks = await collect(await post());

    expect(chunks).toHaveLength(8);
    expect(chunks.map((chunk) => chunk.delta).join('')).toBe('Let me check.');
    expect(chunks[2]).toMatchObject({ delta: 'check.', content: 'Let me check.' });
    expect(chunks[3]!.toolCalls).toEqual([{ id: 'call_1', name: 'lookup', argsText: '{"q":', state: 'streaming' }]);
    const last = chunks.at(-1)!;
    expect(last).toMatchObject({
      content: 'Let me check.',
      finishReason: 'tool_calls',
      usage: { promptTokens: 9, completionTokens: 4, totalTokens: 13 },
      parts: [{ type: 'done' }],
      raw: { data: '[DONE]' },
    });
    expect(last.toolCalls).toEqual([
      { id: 'call_1', name: 'lookup', argsText: '{"q":"cats"}', args: { q: 'cats' }, state: 'complete' },
    ]);
    // Earlier chunks are not changed by later ones.
    expect(chunks[3]!.toolCalls[0]!.state).toBe('streaming');
  });

  it('reads the kit protocol with reasoning and metadata', async () => {
    server.reply(
      respond([
        sse({ streamId: 'k' }, { event: 'start', id: 'k-1' }),
        sse({ token: 'hmm' }, { event: 'reasoning', id: 'k-2' }),
        sse({ token: 'Yes' }, { event: 'token', id: 'k-3' }),
        sse({ model: 'm1' }, { event: 'metadata', id: 'k-4' }),
        sse({ finishReason: 'stop' }, { event: 'done', id: 'k-5' }),
      ]),
    );
    const chunks = await collect(await post());
    expect(chunks[1]).toMatchObject({ reasoningDelta: 'hmm', reasoning: 'hmm', delta: '' });
    expect(chunks.at(-1)).toMatchObject({
      content: 'Yes',
      reasoning: 'hmm',
      finishReason: 'stop',
      metadata: { streamId: 'k', model: 'm1' },
    });
    expect(chunks[2]!.raw).toMatchObject({ event: 'token', id: 'k-3' });
  });

  it('reads a plain ReadableStream (text protocol)', async () => {
    const encoder = new TextEncoder();
    const body = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(encoder.encode('Hello '));
        controller.enqueue(encoder.encode('there'));
        controller.close();
      },
    });
    const chunks = await collect(body, { protocol: 'text' });
    expect(chunks.at(-1)!.content).toBe('Hello there');
    expect(chunks.map((chunk) => chunk.delta).join('')).toBe('Hello there');
  });

  it('throws the typed HTTP error for a non-OK response', async () => {
    server.reply(json(403, { error: { message: 'Project not allowed', code: 'forbidden' } }));
    const error = await collect(await post()).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(AIStreamError);
    expect(error).toMatchObject({
      code: 'http',
      status: 403,
      serverCode: 'forbidden',
      message: 'Request failed with 403 Forbidden: Project not allowed',
    });
  });

  it('throws a server error for an error event, after yielding what came before', async () => {
    server.reply(
      respond([
        ...kitReply(['Some']).slice(0, 2),
        sse({ error: 'Rate limit exceeded', code: 'RATE_LIMIT' }, { event: 'error', id: 's1-3' }),
        sse({}, { event: 'done', id: 's1-4' }),
      ]),
    );
    const seen: string[] = [];
    const error = await (async () => {
      for await (const chunk of streamChunks(await post())) seen.push(chunk.content);
    })().catch((caught: unknown) => caught);
    expect(error).toMatchObject({ code: 'server', message: 'Rate limit exceeded', serverCode: 'RATE_LIMIT' });
    expect(seen.at(-1)).toBe('Some');
  });

  it('throws a network error when the body ends before the reply finished', async () => {
    server.reply(respond([...kitReply(['cut']).slice(0, 2), DESTROY]));
    const error = await collect(await post()).catch((caught: unknown) => caught);
    expect(error).toMatchObject({ code: 'network' });
  });

  it('breaking out of the loop cancels the body', async () => {
    let serverSawClose!: () => void;
    const closed = new Promise<void>((resolve) => (serverSawClose = resolve));
    const endless = Array.from({ length: 200 }, (_, i) => [sse({ token: `t${i}` }, { event: 'token', id: `s-${i}` }), 20]).flat();
    server.reply((req, res, request) => {
      res.on('close', () => serverSawClose());
      return respond(endless)(req, res, request);
    });
    const response = await post();
    let count = 0;
    for await (const chunk of streamChunks(response)) {
      count++;
      if (chunk.content === 't0t1') break;
    }
    expect(count).toBe(2);
    await closed; // would hang (test timeout) if the body kept streaming
    expect(response.bodyUsed).toBe(true);
  });

  it('an abort signal stops the loop with an AbortError and cancels the body', async () => {
    let serverSawClose!: () => void;
    const closed = new Promise<void>((resolve) => (serverSawClose = resolve));
    server.reply((req, res, request) => {
      res.on('close', () => serverSawClose());
      return respond([sse({ token: 'a' }, { event: 'token', id: 's-1' })], { finish: 'hang' })(req, res, request);
    });
    const controller = new AbortController();
    const error = await (async () => {
      for await (const chunk of streamChunks(await post(), { signal: controller.signal })) {
        if (chunk.content === 'a') controller.abort();
      }
    })().catch((caught: unknown) => caught);
    expect(error).toMatchObject({ name: 'AbortError' });
    await closed;
  });
});
