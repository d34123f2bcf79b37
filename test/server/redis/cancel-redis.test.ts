/**
 * Issue 12: Stop across instances. Two app instances (each its own node-redis client and Redis
 * store, as two processes behind a load balancer would have) share a real redis-server; the
 * reply runs on A, the cancel request lands on B, and A's producer — the official `openai`
 * client's request to a fake — is aborted.
 */
import { createClient } from 'redis';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { AIStream, AIStreamError, sendCancelRequest } from '../../../src/core/index';
import { createRedisResumeStore, type RedisResumeStore } from '../../../src/server/redis/index';
import { closedCode, nodeChatRoute, type Producer } from '../support/cancel-app';
import { fakeText, startFakeOpenAI, type FakeOpenAI } from '../support/fake-openai-stream';
import { serveNode, until, type NodeServer } from '../support/node-server';
import { readWire } from '../support/sse';
import { startRedisServer, type RedisServer } from './support/redis-server';

let redis: RedisServer;
let provider: FakeOpenAI;
const closers: (() => unknown)[] = [];

beforeAll(async () => {
  redis = await startRedisServer();
});
afterAll(() => redis.stop());
beforeEach(async () => {
  provider = await startFakeOpenAI({ tokens: 300, intervalMs: 10 });
});
afterEach(async () => {
  for (const close of closers.splice(0).reverse()) await close();
  await provider.close();
});

interface Instance {
  app: NodeServer;
  store: RedisResumeStore;
  producers: Producer[];
}

/** One app instance: its own Redis connection and store (same key prefix as the others). */
async function instance(keyPrefix: string): Promise<Instance> {
  const client = createClient({ url: redis.url });
  client.on('error', () => {});
  await client.connect();
  const store = createRedisResumeStore({ client, keyPrefix });
  const producers: Producer[] = [];
  const app = await serveNode(nodeChatRoute(store, provider.baseURL, producers));
  closers.push(() => client.destroy(), () => store.close(), () => app.close());
  return { app, store, producers };
}

async function twoInstances() {
  const keyPrefix = `c${Math.random().toString(36).slice(2, 8)}:`;
  return [await instance(keyPrefix), await instance(keyPrefix)] as const;
}

describe('cancel with the Redis store, across instances', () => {
  it('stop() with the cancel endpoint on instance B stops the producer on instance A', async () => {
    const [a, b] = await twoInstances();
    const client = new AIStream({ endpoint: a.app.url('/api/chat'), headers: { 'x-user': 'alice' }, cancel: { endpoint: b.app.url('/api/chat') } });
    const errors: AIStreamError[] = [];
    client.on('error', (error) => errors.push(error));
    let tokens = 0;
    client.on('token', () => tokens++);
    const sent = client.send('Hi');
    await until(() => tokens >= 5, 5000);
    client.stop();
    await sent;
    await until(() => provider.calls[0]!.aborted, 5000);
    expect(closedCode(a.producers[0])).toBe('cancelled');
    expect(b.producers).toEqual([]);
    expect(errors).toEqual([]);

    // B replays the stopped reply from Redis: what was sent, then finish (aborted) and done.
    const resumed = await fetch(b.app.url('/api/chat'), { method: 'POST', headers: { 'x-user': 'alice', 'Last-Event-ID': `${a.producers[0]!.streamId}-1` } });
    const { events } = await readWire(resumed.body);
    expect(events.slice(-2).map((e) => [e.event, e.data])).toEqual([['finish', '{"reason":"aborted"}'], ['done', '{}']]);
    const text = events.filter((e) => e.event === 'token').map((e) => (JSON.parse(e.data) as { token: string }).token).join('');
    expect(text.startsWith(client.getMessages().at(-1)!.content)).toBe(true);
    expect(fakeText(provider.calls[0]!.sent).startsWith(text)).toBe(true);
  });

  it('a stranger cancelling on instance B gets 403; the reply on A goes on to its end', async () => {
    await provider.close();
    provider = await startFakeOpenAI({ tokens: 40, intervalMs: 5 });
    const [a, b] = await twoInstances();
    const client = new AIStream({ endpoint: a.app.url('/api/chat'), headers: { 'x-user': 'alice' } });
    let tokens = 0;
    client.on('token', () => tokens++);
    const sent = client.send('Hi');
    await until(() => tokens >= 3, 5000);
    const refused = await sendCancelRequest({ endpoint: b.app.url('/api/chat'), headers: { 'x-user': 'mallory' } }, a.producers[0]!.streamId).catch((e: unknown) => e);
    expect(refused).toMatchObject({ code: 'http', status: 403 });
    await sent;
    expect(client.getMessages().at(-1)).toMatchObject({ status: 'complete', content: fakeText(40) });
    expect(provider.calls[0]).toMatchObject({ completed: true, aborted: false });
    expect(a.producers[0]!.signal.aborted).toBe(false);
    // Finished now: the owner's cancel is harmless (204), an unknown id is 404 (ignored by the client).
    expect(await sendCancelRequest({ endpoint: b.app.url('/api/chat'), headers: { 'x-user': 'alice' } }, a.producers[0]!.streamId)).toBe(true);
    const unknown = await fetch(b.app.url('/api/chat?streamId=alice_unknown'), { method: 'DELETE', headers: { 'x-user': 'alice' } });
    expect(unknown.status).toBe(404);
  });
});
