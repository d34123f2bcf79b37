/**
 * Runs the examples of docs/server.md (kept in ./examples, included in the doc verbatim) against
 * a fake provider, with the official SDKs configured the way users do: through env variables.
 */
import { readFileSync } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { AIStream, type Message } from '../../src/core/index';
import { respond, startServer, type TestServer } from '../helpers/server';
import { anthropicThinkingTool, openAIChatReasoning, openAIChatToolCalls, type RecordedStream } from './fixtures/provider-streams';
import { seededRandom, startCuttingProxy } from './support/cutting-proxy';

let provider: TestServer;
let listening: Server | undefined;

beforeAll(async () => {
  provider = await startServer();
  process.env.OPENAI_API_KEY = 'sk-test';
  process.env.OPENAI_BASE_URL = provider.url('/v1');
  process.env.ANTHROPIC_API_KEY = 'sk-ant-test';
  process.env.ANTHROPIC_BASE_URL = provider.url();
});
afterEach(async () => {
  listening?.closeAllConnections();
  await new Promise((resolve) => (listening ? listening.close(resolve) : resolve(undefined)));
  listening = undefined;
});
afterAll(async () => {
  await provider.close();
});

const replay = (recorded: RecordedStream) => respond(recorded.chunks.flatMap((chunk) => [chunk, 1]));

async function listen(server: Server): Promise<string> {
  listening = server.listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

async function ask(endpoint: string, fetchImpl?: typeof fetch): Promise<Message> {
  const client = new AIStream({ endpoint, retry: { maxRetries: 50, initialDelay: 1, maxDelay: 5 }, ...(fetchImpl && { fetch: fetchImpl }) });
  await client.send('Weather?');
  return client.getMessages()[1]!;
}

function toolCalls(reply: Message) {
  return reply.toolCalls?.map(({ id, name, args }) => ({ id, name, args }));
}

describe('docs/server.md examples', () => {
  it('Node http: StreamingResponse with the openai SDK', async () => {
    provider.reply(replay(openAIChatReasoning));
    const { server } = await import('./examples/node-http');
    const reply = await ask(`${await listen(server)}/api/chat`);
    expect(reply).toMatchObject({
      content: openAIChatReasoning.expected.content,
      finishReason: 'stop',
      usage: openAIChatReasoning.expected.usage,
      status: 'complete',
    });
    expect(provider.requests.at(-1)!.body).toMatchObject({ model: 'gpt-4o', messages: [{ role: 'user', content: 'Weather?' }] });
  });

  it('Express: pipeToResponse with the anthropic SDK, resuming through random connection cuts', async () => {
    provider.reply(replay(anthropicThinkingTool));
    const { app } = await import('./examples/express');
    const base = await listen(app.listen(0, '127.0.0.1'));
    const random = seededRandom(42);
    const proxy = await startCuttingProxy(Number(new URL(base).port), (n) => (n % 5 === 4 ? Infinity : 100 + Math.floor(random() * 1200)));
    try {
      const reply = await ask(proxy.url('/api/chat'));
      const { expected } = anthropicThinkingTool;
      expect(reply).toMatchObject({ content: expected.content, reasoning: expected.reasoning, finishReason: 'tool_calls', usage: expected.usage });
      expect(toolCalls(reply)).toEqual(expected.toolCalls);
      expect(proxy.cuts).toBeGreaterThan(0);
    } finally {
      await proxy.close();
    }
  });

  it('Express: Stop (AIStream.stop() → DELETE /api/chat) stops the reply the resume store keeps running, and its Anthropic call', async () => {
    let providerClosed = false;
    let sent = 0;
    // Anthropic's Messages stream, a text delta every 5 ms until the SDK closes the request.
    provider.reply(async (_req, res) => {
      res.on('close', () => (providerClosed = true));
      res.writeHead(200, { 'content-type': 'text/event-stream' });
      const event = (type: string, data: object) => res.write(`event: ${type}\ndata: ${JSON.stringify({ type, ...data })}\n\n`);
      event('message_start', { message: { id: 'msg_1', type: 'message', role: 'assistant', model: 'claude-sonnet-4-5', content: [], stop_reason: null, usage: { input_tokens: 5, output_tokens: 0 } } });
      event('content_block_start', { index: 0, content_block: { type: 'text', text: '' } });
      while (!providerClosed && sent < 2000) {
        event('content_block_delta', { index: 0, delta: { type: 'text_delta', text: `w${sent++} ` } });
        await new Promise((resolve) => setTimeout(resolve, 5));
      }
      res.end();
    });
    const { app } = await import('./examples/express');
    const client = new AIStream({ endpoint: `${await listen(app.listen(0, '127.0.0.1'))}/api/chat` });
    let tokens = 0;
    client.on('token', () => tokens++);
    const errors: unknown[] = [];
    client.on('error', (error) => errors.push(error));
    const sending = client.send('Weather?');
    while (tokens < 5) await new Promise((resolve) => setTimeout(resolve, 2));
    client.stop();
    await sending;
    // Only the cancel request can close it: the resume store keeps the reply past the connection.
    while (!providerClosed) await new Promise((resolve) => setTimeout(resolve, 2));
    expect(sent).toBeLessThan(2000);
    expect(client.getMessages()[1]).toMatchObject({ status: 'aborted' });
    expect(errors).toEqual([]);
  });

  it('Next.js App Router: OpenAIAdapter route', async () => {
    provider.reply(replay(openAIChatToolCalls));
    const { POST } = await import('./examples/nextjs-route');
    // Next.js calls the route with a Request; AIStream's `fetch` option does the same in-process.
    const reply = await ask('http://localhost:3000/api/chat', (input, init) => POST(new Request(input, init)));
    const { expected } = openAIChatToolCalls;
    expect(reply).toMatchObject({ content: expected.content, finishReason: 'tool_calls', usage: expected.usage, metadata: expected.metadata });
    expect(toolCalls(reply)).toEqual(expected.toolCalls);
  });

  it('Next.js App Router: createStreamingResponse route', async () => {
    const { POST } = await import('./examples/nextjs-custom-route');
    const reply = await ask('http://localhost:3000/api/chat', (input, init) => POST(new Request(input, init)));
    expect(reply).toMatchObject({
      content: 'Weather? ',
      finishReason: 'tool_calls',
      usage: { promptTokens: 5, completionTokens: 3, totalTokens: 8 },
      metadata: { model: 'echo-1' },
    });
    expect(toolCalls(reply)).toEqual([{ id: 'call_1', name: 'save_note', args: { text: 'hi' } }]);
  });

  it('the doc shows exactly the example files', () => {
    const doc = readFileSync(new URL('../../docs/server.md', import.meta.url), 'utf8');
    const included = [...doc.matchAll(/<!-- example: (\S+) -->\n```ts\n([\s\S]*?)```/g)];
    expect(included.map((match) => match[1])).toEqual([
      'test/server/examples/node-http.ts',
      'test/server/examples/express.ts',
      'test/server/examples/nextjs-route.ts',
      'test/server/examples/nextjs-custom-route.ts',
    ]);
    for (const [, path, code] of included) {
      const file = readFileSync(new URL(`../../${path}`, import.meta.url), 'utf8');
      expect(code, path).toBe(file.replaceAll('../../../src/server/index', 'ai-stream-kit/server'));
    }
  });
});
