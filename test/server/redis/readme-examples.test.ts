/**
 * The README's "Running more than one server" examples, each loaded twice (two instances) against
 * a real redis-server and a fake OpenAI API: reconnects land on the other instance.
 */
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { AIStream, type Message } from '../../../src/core/index';
import { respond, startServer, type TestServer } from '../../helpers/server';
import { openAIChatReasoning } from '../fixtures/provider-streams';
import { seededRandom } from '../support/cutting-proxy';
import { until, wait } from '../support/node-server';
import { wireReader } from '../support/sse';
import { startAlternatingProxy } from './support/alternating-proxy';
import { startRedisServer, type RedisServer } from './support/redis-server';

let redis: RedisServer;
let provider: TestServer;
const servers: Server[] = [];

beforeAll(async () => {
  // The examples log Redis errors with console.error; once Redis is stopped at the end those are
  // the clients' reconnect attempts, not failures. (Set before the examples capture console.error.)
  const logError = console.error;
  vi.spyOn(console, 'error').mockImplementation((...args: unknown[]) => {
    const [first] = args;
    if (!(first instanceof Error && /Socket closed unexpectedly|ECONNREFUSED/.test(first.message))) logError(...args);
  });
  redis = await startRedisServer();
  provider = await startServer();
  process.env.REDIS_URL = redis.url;
  process.env.OPENAI_API_KEY = 'sk-test';
  process.env.OPENAI_BASE_URL = provider.url('/v1');
});
afterAll(async () => {
  for (const server of servers) {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }
  await provider.close();
  await redis.stop();
});

/** Each import is a fresh module: its own Redis client and store, like a second instance. */
async function twice<T>(load: () => Promise<T>): Promise<[T, T]> {
  vi.resetModules();
  const first = await load();
  vi.resetModules();
  return [first, await load()];
}

async function listen(server: Server): Promise<number> {
  servers.push(server);
  if (!server.listening) await new Promise((resolve) => server.once('listening', resolve));
  return (server.address() as AddressInfo).port;
}

async function ask(endpoint: string, fetchImpl?: typeof fetch): Promise<Message> {
  const client = new AIStream({ endpoint, retry: { maxRetries: 100, initialDelay: 1, maxDelay: 5 }, ...(fetchImpl && { fetch: fetchImpl }) });
  await client.send('Hi');
  return client.getMessages()[1]!;
}

/** The fixture, 3 ms between chunks, so reconnects meet both the recording and the live reply. */
const slowReplay = () => respond(openAIChatReasoning.chunks.flatMap((chunk) => [chunk, 3]));

/**
 * Has the fake OpenAI API stream a long reply (up to 400 words, 10 ms apart) until the model call
 * is closed; `closed()` says whether it was.
 */
function replyUntilClosed(): { closed: () => boolean } {
  let closed = false;
  const [first] = openAIChatReasoning.chunks;
  provider.reply(async (_req, res) => {
    res.on('close', () => (closed = true));
    res.writeHead(200, { 'content-type': 'text/event-stream' });
    res.write(first);
    for (let i = 0; i < 400 && !closed; i++) {
      res.write(`data: ${JSON.stringify({ id: 'c', object: 'chat.completion.chunk', created: 1, model: 'gpt-4o', choices: [{ index: 0, delta: { content: `w${i} ` }, finish_reason: null }] })}\n\n`);
      await wait(10);
    }
    res.end();
  });
  return { closed: () => closed };
}

describe('README: Running more than one server', () => {
  it('Express behind a load balancer: every reconnect on the other instance, one model call', async () => {
    const [{ app: one }, { app: two }] = await twice(() => import('../examples/express-redis'));
    const ports = [await listen(one.listen(0, '127.0.0.1')), await listen(two.listen(0, '127.0.0.1'))];
    const random = seededRandom(7);
    const proxy = await startAlternatingProxy(ports, ({ connection, resuming }) =>
      connection % 6 === 5 ? Infinity : resuming ? 1 + Math.floor(random() * 400) : 500 + Math.floor(random() * 300),
    );
    try {
      let cuts = 0;
      for (let round = 0; round < 5; round++) {
        provider.reply(slowReplay());
        const calls = provider.requests.length;
        const reply = await ask(proxy.url('/api/chat'));
        expect(reply).toMatchObject({ content: openAIChatReasoning.expected.content, reasoning: openAIChatReasoning.expected.reasoning, status: 'complete' });
        expect(provider.requests.length - calls).toBe(1);
        cuts = proxy.cuts;
      }
      expect(cuts).toBeGreaterThan(3);
    } finally {
      await proxy.close();
    }
  });

  it('Express: stop from the other instance aborts the reply and its model call', async () => {
    const [{ app: one }, { app: two }] = await twice(() => import('../examples/express-redis'));
    const [portOne, portTwo] = [await listen(one.listen(0, '127.0.0.1')), await listen(two.listen(0, '127.0.0.1'))];
    const modelCall = replyUntilClosed();
    const response = await fetch(`http://127.0.0.1:${portOne}/api/chat`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ messages: [{ role: 'user', content: 'Hi' }] }),
    });
    const events = wireReader(response.body!);
    const { streamId } = JSON.parse((await events.next())!.data) as { streamId: string };
    // What AIStream.stop() sends, to the other instance.
    const stop = await fetch(`http://127.0.0.1:${portTwo}/api/chat?streamId=${streamId}`, { method: 'DELETE' });
    expect(stop.status).toBe(204);
    const names: (string | undefined)[] = [];
    for (let event = await events.next(); event; event = await events.next()) names.push(event.event);
    expect(names.slice(-2)).toEqual(['finish', 'done']);
    await until(modelCall.closed);
  });

  it('Next.js route handlers: DELETE (the cancel request) on the other instance stops the reply and its model call', async () => {
    const [{ POST: one }, { DELETE: two }] = await twice(() => import('../examples/nextjs-redis-route'));
    const modelCall = replyUntilClosed();
    const response = await one(
      new Request('http://localhost:3000/api/chat', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ messages: [{ role: 'user', content: 'Hi' }] }),
      }),
    );
    const events = wireReader(response.body!);
    const { streamId } = JSON.parse((await events.next())!.data) as { streamId: string };
    const stop = await two(new Request(`http://localhost:3000/api/chat?streamId=${streamId}`, { method: 'DELETE' }));
    expect(stop.status).toBe(204);
    const names: (string | undefined)[] = [];
    for (let event = await events.next(); event; event = await events.next()) names.push(event.event);
    expect(names.slice(-2)).toEqual(['finish', 'done']);
    await until(modelCall.closed);
  });

  it('Next.js route handlers: two instances, bodies cut at random bytes, one model call', async () => {
    const [{ POST: one }, { POST: two }] = await twice(() => import('../examples/nextjs-redis-route'));
    const random = seededRandom(21);
    let requests = 0;
    let cuts = 0;
    // A load balancer in front of two instances: alternate, and cut the body after a few bytes.
    const balancer: typeof fetch = async (input, init) => {
      const route = requests++ % 2 === 0 ? one : two;
      const controller = new AbortController();
      const response = await route(new Request(input, { ...init, signal: controller.signal }));
      const resuming = new Headers(init?.headers).has('last-event-id');
      let left = requests % 6 === 0 ? Infinity : resuming ? 1 + Math.floor(random() * 300) : 200 + Math.floor(random() * 300);
      const reader = response.body!.getReader();
      const body = new ReadableStream<Uint8Array>({
        async pull(out) {
          const { done, value } = await reader.read();
          if (done) return out.close();
          if (value.byteLength < left) {
            left -= value.byteLength;
            return out.enqueue(value);
          }
          if (left > 0) out.enqueue(value.subarray(0, left));
          cuts++;
          controller.abort(); // the client is gone, as for a dropped connection
          reader.cancel().catch(() => {});
          out.error(new TypeError('network error'));
        },
        cancel: () => reader.cancel().catch(() => {}),
      });
      return new Response(body, { status: response.status, headers: response.headers });
    };
    for (let round = 0; round < 5; round++) {
      provider.reply(slowReplay());
      const calls = provider.requests.length;
      const reply = await ask('http://localhost:3000/api/chat', balancer);
      expect(reply).toMatchObject({ content: openAIChatReasoning.expected.content, reasoning: openAIChatReasoning.expected.reasoning, status: 'complete' });
      expect(provider.requests.length - calls).toBe(1);
    }
    expect(cuts).toBeGreaterThan(3);
  });
});
