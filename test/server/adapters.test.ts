import type { AddressInfo } from 'node:net';
import Anthropic from '@anthropic-ai/sdk';
import express from 'express';
import OpenAI from 'openai';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AIStream, AIStreamError, type Message } from '../../src/core/index';
import { AnthropicAdapter, OpenAIAdapter, createKitResponse, kitResponseHeaders, pipeToResponse } from '../../src/server/index';
import { respond, sse, startServer, type Handler, type TestServer } from '../helpers/server';
import {
  anthropicThinkingTool,
  openAIChatReasoning,
  openAIChatToolCalls,
  openAIResponses,
  type RecordedStream,
} from './fixtures/provider-streams';
import { serveFetch, type FetchServer } from './support/fetch-server';
import { serveNode, until, type NodeServer } from './support/node-server';
import { assertKitFraming, readWire, wireReader } from './support/sse';

let provider: TestServer;
let app: FetchServer | NodeServer | undefined;
beforeEach(async () => {
  provider = await startServer();
});
afterEach(async () => {
  await app?.close();
  await provider.close();
  app = undefined;
});

const openai = () => new OpenAI({ apiKey: 'sk-test', baseURL: provider.url('/v1'), maxRetries: 0 });
const anthropic = () => new Anthropic({ apiKey: 'sk-ant-test', baseURL: provider.url(), maxRetries: 0 });
const userMessages = [{ role: 'user' as const, content: 'Weather?' }];

/** Sends one message with a real AIStream client and returns the assistant reply. */
async function replyFrom(endpoint: string): Promise<Message> {
  const client = new AIStream({ endpoint, retry: { maxRetries: 0 } });
  await client.send('Weather?');
  return client.getMessages()[1]!;
}

function expectReply(reply: Message, { expected }: RecordedStream): void {
  expect(reply.status).toBe('complete');
  expect(reply.content).toBe(expected.content);
  expect(reply.reasoning).toBe(expected.reasoning);
  expect((reply.toolCalls ?? []).map(({ id, name, args, state }) => ({ id, name, args, state }))).toEqual(
    expected.toolCalls.map((call) => ({ ...call, state: 'complete' })),
  );
  expect(reply.finishReason).toBe(expected.finishReason);
  expect(reply.usage).toEqual(expected.usage);
  expect(reply.metadata).toMatchObject(expected.metadata);
}

/** The provider plays the recorded stream in small timed steps, like the real API. */
const replay = (recorded: RecordedStream): Handler => respond(recorded.chunks.flatMap((chunk) => [chunk, 1]));

type SourceFactory = () => Promise<AsyncIterable<unknown> | Response>;

const sdkCases: [string, RecordedStream, 'openai' | 'anthropic', SourceFactory][] = [
  [
    'openai chat.completions (tool calls, include_usage)',
    openAIChatToolCalls,
    'openai',
    () =>
      openai().chat.completions.create({
        model: 'gpt-4o',
        messages: userMessages,
        stream: true,
        stream_options: { include_usage: true },
      }),
  ],
  [
    'openai chat.completions (reasoning_content, unicode)',
    openAIChatReasoning,
    'openai',
    () => openai().chat.completions.create({ model: 'deepseek-reasoner', messages: userMessages, stream: true }),
  ],
  ['openai responses', openAIResponses, 'openai', () => openai().responses.create({ model: 'o4-mini', input: 'Weather?', stream: true })],
  [
    'anthropic messages.create',
    anthropicThinkingTool,
    'anthropic',
    () => anthropic().messages.create({ model: 'claude-sonnet-4-20250514', max_tokens: 1024, messages: userMessages, stream: true }),
  ],
  [
    'anthropic messages.stream',
    anthropicThinkingTool,
    'anthropic',
    async () => anthropic().messages.stream({ model: 'claude-sonnet-4-20250514', max_tokens: 1024, messages: userMessages }),
  ],
];

const rawCases: [string, RecordedStream, 'openai' | 'anthropic', string][] = [
  ['raw fetch: chat completions', openAIChatToolCalls, 'openai', '/v1/chat/completions'],
  ['raw fetch: responses', openAIResponses, 'openai', '/v1/responses'],
  ['raw fetch: anthropic messages', anthropicThinkingTool, 'anthropic', '/v1/messages'],
];

const adapterFor = (provider: 'openai' | 'anthropic') => (provider === 'openai' ? OpenAIAdapter : AnthropicAdapter);

describe('OpenAIAdapter / AnthropicAdapter → Response (fetch handler) → AIStream', () => {
  it.each(sdkCases)('%s: everything the provider sent arrives', async (_name, recorded, kind, create) => {
    provider.reply(replay(recorded));
    app = await serveFetch(async () => new Response(adapterFor(kind)((await create()) as never), { headers: kitResponseHeaders() }));
    expectReply(await replyFrom(app.url('/api/chat')), recorded);
    expect(provider.requests[0]!.body).toMatchObject({ stream: true });
  });

  it.each(rawCases)('%s: everything the provider sent arrives', async (_name, recorded, kind, path) => {
    provider.reply(replay(recorded));
    app = await serveFetch(async () => {
      const upstream = await fetch(provider.url(path), { method: 'POST', body: '{}' });
      return createKitResponse(adapterFor(kind)(upstream));
    });
    expectReply(await replyFrom(app.url('/api/chat')), recorded);
  });

  it('writes valid kit framing: start first, ids without gaps, done last, no stray tool-call-end', async () => {
    provider.reply(replay(anthropicThinkingTool));
    const stream = await anthropic().messages.create({ model: 'claude', max_tokens: 10, messages: userMessages, stream: true });
    const { events } = await readWire(AnthropicAdapter(stream));
    assertKitFraming(events);
    // Anthropic closes all three blocks; only the tool_use block is a tool call.
    expect(events.filter((e) => e.event === 'tool-call-end').map((e) => JSON.parse(e.data))).toEqual([{ key: 2 }]);
    expect(events.filter((e) => e.event === 'usage').map((e) => JSON.parse(e.data))).toEqual([
      { promptTokens: 472, completionTokens: 2, totalTokens: 474 },
      { promptTokens: 472, completionTokens: 89, totalTokens: 561 },
    ]);
    expect(events.filter((e) => e.event === 'metadata').map((e) => JSON.parse(e.data))).toEqual([
      { id: 'msg_01XYZ', model: 'claude-sonnet-4-20250514' },
    ]);
  });

  it('is pull-based: the provider is not read ahead of a consumer that stops reading', async () => {
    const chunks = Array.from({ length: 2000 }, (_, i) => sse({ choices: [{ index: 0, delta: { content: `${i} ${'x'.repeat(200)}` } }] }));
    let yielded = 0;
    async function* upstream() {
      for (const chunk of chunks) {
        yielded++;
        yield JSON.parse(chunk.slice('data: '.length));
      }
    }
    const reader = OpenAIAdapter(upstream()).getReader();
    await reader.read();
    await new Promise((resolve) => setTimeout(resolve, 30));
    // About one high-water mark (16 KiB) of events, not the whole 400 KiB stream.
    expect(yielded).toBeLessThan(150);
    await reader.cancel();
  });
});

describe('pipeToResponse (Node / Express) → AIStream', () => {
  it.each(sdkCases)('%s', async (_name, recorded, _kind, create) => {
    provider.reply(replay(recorded));
    const server = express();
    server.post('/api/chat', async (_req, res) => {
      await pipeToResponse((await create()) as AsyncIterable<unknown>, res);
    });
    const listening = server.listen(0, '127.0.0.1');
    await new Promise((resolve) => listening.once('listening', resolve));
    try {
      expectReply(await replyFrom(`http://127.0.0.1:${(listening.address() as AddressInfo).port}/api/chat`), recorded);
    } finally {
      listening.closeAllConnections();
      await new Promise((resolve) => listening.close(resolve));
    }
  });

  it('also takes a raw fetch Response and your own StreamPart iterables', async () => {
    provider.reply(replay(openAIResponses));
    app = await serveNode(async (req, res) => {
      if (req.url === '/raw') return pipeToResponse(await fetch(provider.url('/v1/responses'), { method: 'POST' }), res);
      async function* parts() {
        yield { type: 'text-delta' as const, delta: 'Own ' };
        yield { type: 'text-delta' as const, delta: 'parts' };
        yield { type: 'finish' as const, reason: 'stop' };
      }
      return pipeToResponse(parts(), res);
    });
    expectReply(await replyFrom(app.url('/raw')), openAIResponses);
    expect(await replyFrom(app.url('/own'))).toMatchObject({ content: 'Own parts', finishReason: 'stop', status: 'complete' });
  });
});

describe('upstream errors become an error event followed by done', () => {
  async function failingReply(endpoint: string): Promise<{ reply: Message; error: unknown }> {
    const client = new AIStream({ endpoint, retry: { maxRetries: 0 } });
    const error = await client.send('Weather?').catch((caught: unknown) => caught);
    return { reply: client.getMessages()[1]!, error };
  }

  it('openai: an error chunk mid-stream (the SDK throws) → typed client error, partial text kept', async () => {
    provider.reply(
      respond([
        openAIChatReasoning.chunks[3]!,
        sse({ error: { message: 'The server had an error while processing your request.', type: 'server_error', code: null } }),
      ]),
    );
    app = await serveFetch(async () =>
      createKitResponse(OpenAIAdapter(await openai().chat.completions.create({ model: 'gpt-4o', messages: userMessages, stream: true }))),
    );
    const wire = await readWire((await fetch(app.url(), { method: 'POST' })).body);
    expect(wire.events.slice(-2).map((e) => [e.event, JSON.parse(e.data)])).toEqual([
      ['error', { error: 'The model provider had an internal error', code: 'server_error', retryable: true }],
      ['done', {}],
    ]);

    const { reply, error } = await failingReply(app.url());
    expect(error).toBeInstanceOf(AIStreamError);
    expect(error).toMatchObject({ code: 'server', serverCode: 'server_error', message: 'The model provider had an internal error' });
    expect(reply).toMatchObject({ content: 'Hello', status: 'error' });
  });

  it('anthropic: an overloaded_error event mid-stream → typed client error with the provider code', async () => {
    provider.reply(
      respond([
        ...anthropicThinkingTool.chunks.slice(0, 3),
        sse({ type: 'error', error: { type: 'overloaded_error', message: 'Overloaded' } }, { event: 'error' }),
      ]),
    );
    app = await serveNode(async (_req, res) =>
      pipeToResponse(await anthropic().messages.create({ model: 'claude', max_tokens: 10, messages: userMessages, stream: true }), res),
    );
    const { reply, error } = await failingReply(app.url());
    expect(error).toMatchObject({ code: 'server', serverCode: 'overloaded_error', message: 'The model provider is overloaded', retryable: true });
    expect(reply).toMatchObject({ reasoning: 'The user asks ', status: 'error' });
  });

  it('an SDK call that rejects before streaming (passed un-awaited) → error event with the provider code', async () => {
    provider.reply((_req, res) => {
      res.writeHead(429, { 'Content-Type': 'application/json' });
      res.end(JSON.stringify({ error: { message: 'Rate limit reached for gpt-4o', type: 'requests', code: 'rate_limit_exceeded' } }));
    });
    const { events } = await readWire(OpenAIAdapter(openai().chat.completions.create({ model: 'gpt-4o', messages: userMessages, stream: true })));
    expect(events.map((e) => [e.event, JSON.parse(e.data)])).toEqual([
      ['start', { streamId: expect.any(String) }],
      ['error', { error: 'The model provider is rate limiting requests', code: 'rate_limit_exceeded', status: 429, retryable: true }],
      ['done', {}],
    ]);
  });

  it('the provider connection drops mid-stream → error then done, never a hung response', async () => {
    provider.reply(respond([...openAIChatToolCalls.chunks.slice(0, 3), 30], { finish: 'destroy' }));
    app = await serveFetch(async () =>
      createKitResponse(OpenAIAdapter(await openai().chat.completions.create({ model: 'gpt-4o', messages: userMessages, stream: true }))),
    );
    const { events } = await readWire((await fetch(app.url(), { method: 'POST' })).body);
    expect(events.map((e) => e.event)).toEqual(['start', 'metadata', 'token', 'token', 'error', 'done']);
    const error = JSON.parse(events[4]!.data);
    expect(error.error).toEqual(expect.any(String));
    expect(error.code).toEqual(expect.any(String));
    expect(events[4]!.data).not.toMatch(/\bat .+:\d+:\d+/); // no stack frames
  });

  it('a raw provider Response with an HTTP error → the provider code and status, a generic message', async () => {
    provider.reply((_req, res) => {
      res.writeHead(401, { 'Content-Type': 'application/json' });
      res.end(JSON.stringify({ error: { message: 'Incorrect API key provided', type: 'invalid_request_error', code: 'invalid_api_key' } }));
    });
    const upstream = await fetch(provider.url('/v1/chat/completions'), { method: 'POST' });
    const { events } = await readWire(OpenAIAdapter(upstream));
    expect(events.map((e) => e.event)).toEqual(['start', 'error', 'done']);
    expect(JSON.parse(events[1]!.data)).toEqual({
      error: 'The model provider did not accept the server’s credentials',
      code: 'invalid_api_key',
      status: 401,
      retryable: false,
    });
  });
});

/**
 * The cancel is driven by the disconnect itself (no timers; the fake provider never sends
 * another chunk, so nothing else could close it). It takes a few ms on an idle machine; the
 * bound leaves room for a busy shared 2-core CI machine without turning into a timeout-driven
 * cancel, which the 1 s wait in `until` would also catch.
 */
const CANCEL_BOUND_MS = 250;

describe('client disconnect cancels the provider request', () => {
  /** A provider that sends one chunk and then keeps the request open, noting when it closes. */
  function hangingProvider(first: string): { closedAt: () => number | undefined } {
    let closedAt: number | undefined;
    provider.reply((_req, res) => {
      res.on('close', () => (closedAt = performance.now()));
      res.writeHead(200, { 'Content-Type': 'text/event-stream' });
      res.write(first);
    });
    return { closedAt: () => closedAt };
  }

  async function disconnectAfterFirstToken(url: string, upstream: { closedAt: () => number | undefined }): Promise<number> {
    const controller = new AbortController();
    const response = await fetch(url, { method: 'POST', signal: controller.signal });
    const reader = wireReader(response.body!);
    while ((await reader.next())?.event !== 'token');
    const abortedAt = performance.now();
    controller.abort();
    await until(() => upstream.closedAt() !== undefined, 1000);
    return upstream.closedAt()! - abortedAt;
  }

  it('Web adapter with the openai SDK: promptly (event-driven)', async () => {
    const upstream = hangingProvider(openAIChatReasoning.chunks[3]!);
    app = await serveFetch(async () =>
      createKitResponse(OpenAIAdapter(await openai().chat.completions.create({ model: 'gpt-4o', messages: userMessages, stream: true }))),
    );
    expect(await disconnectAfterFirstToken(app.url(), upstream)).toBeLessThan(CANCEL_BOUND_MS);
  });

  it('pipeToResponse with the anthropic SDK: promptly (event-driven)', async () => {
    const upstream = hangingProvider(anthropicThinkingTool.chunks.slice(0, 2).join('') + anthropicThinkingTool.chunks[8]!);
    app = await serveNode(async (_req, res) =>
      pipeToResponse(await anthropic().messages.create({ model: 'claude', max_tokens: 10, messages: userMessages, stream: true }), res),
    );
    expect(await disconnectAfterFirstToken(app.url(), upstream)).toBeLessThan(CANCEL_BOUND_MS);
  });

  it('Web adapter with a raw fetch Response: promptly (event-driven)', async () => {
    const upstream = hangingProvider(openAIChatReasoning.chunks[3]!);
    app = await serveFetch(async () =>
      createKitResponse(OpenAIAdapter(await fetch(provider.url('/v1/chat/completions'), { method: 'POST' }))),
    );
    expect(await disconnectAfterFirstToken(app.url(), upstream)).toBeLessThan(CANCEL_BOUND_MS);
  });

  it('AIStream.stop() on the client: promptly (event-driven)', async () => {
    const upstream = hangingProvider(openAIChatReasoning.chunks[3]!);
    app = await serveNode(async (_req, res) =>
      pipeToResponse(await openai().chat.completions.create({ model: 'gpt-4o', messages: userMessages, stream: true }), res),
    );
    const client = new AIStream({ endpoint: app.url(), retry: { maxRetries: 0 } });
    const sending = client.send('hi');
    await new Promise<void>((resolve) => client.on('token', () => resolve()));
    const stoppedAt = performance.now();
    client.stop();
    await sending;
    await until(() => upstream.closedAt() !== undefined, 1000);
    expect(upstream.closedAt()! - stoppedAt).toBeLessThan(CANCEL_BOUND_MS);
    expect(client.getMessages()[1]).toMatchObject({ content: 'Hello', status: 'aborted' });
  });
});
