/**
 * The issue-10 resume rules hold with the Redis store too: a finished stream replays what is
 * missing then `done`, answers 204 when nothing is, and `authorize` refuses a stranger with 403
 * before anything is read.
 */
import { createClient } from 'redis';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { StreamingResponse, resumeStreamingResponse } from '../../../src/server/index';
import { createRedisResumeStore, type RedisResumeStore } from '../../../src/server/redis/index';
import { serveNode, type NodeServer } from '../support/node-server';
import { readWire } from '../support/sse';
import { startRedisServer, type RedisServer } from './support/redis-server';

let redis: RedisServer;
let client: ReturnType<typeof createClient>;
let store: RedisResumeStore;
let app: NodeServer | undefined;

beforeAll(async () => {
  redis = await startRedisServer();
  client = createClient({ url: redis.url });
  client.on('error', () => {});
  await client.connect();
});
afterAll(async () => {
  client.destroy();
  await redis.stop();
});
afterEach(async () => {
  await app?.close();
  app = undefined;
  store?.close();
});

/** Records a finished stream `fin-1` … `fin-5` (start, three tokens, done) into a fresh store. */
async function finishedStream(): Promise<void> {
  store = createRedisResumeStore({ client, keyPrefix: `fin${Math.random().toString(36).slice(2, 8)}:` });
  app = await serveNode((_req, res) => {
    new StreamingResponse(res, { resumeStore: store, streamId: 'fin' }).sendToken('a').sendToken('b').sendToken('c').end();
  });
  await readWire((await fetch(app.url())).body);
  await app.close();
}

describe('resuming a finished stream from Redis', () => {
  it('replays what is missing then done; 204 when the client has done; no model call', async () => {
    await finishedStream();
    let fresh = 0;
    app = await serveNode(async (req, res) => {
      if (await resumeStreamingResponse(req, res, store)) return;
      fresh++;
      res.writeHead(500).end();
    });

    const missing = await fetch(app.url(), { headers: { 'Last-Event-ID': 'fin-3' } });
    expect((await readWire(missing.body)).events.map((e) => [e.id, e.event])).toEqual([
      ['fin-4', 'token'],
      ['fin-5', 'done'],
    ]);
    const complete = await fetch(app.url(), { headers: { 'Last-Event-ID': 'fin-5' } });
    expect(complete.status).toBe(204);
    expect(fresh).toBe(0);
  });

  it('authorize: the owner replays, a stranger gets 403 and nothing', async () => {
    await finishedStream();
    const asked: string[] = [];
    app = await serveNode(async (req, res) => {
      const authorize = (request: { headers: Record<string, unknown> }, streamId: string) => {
        asked.push(streamId);
        return request.headers['x-user'] === 'owner';
      };
      if (await resumeStreamingResponse(req, res, store, { authorize })) return;
      res.writeHead(500).end();
    });

    const stranger = await fetch(app.url(), { headers: { 'Last-Event-ID': 'fin-3', 'x-user': 'mallory' } });
    expect(stranger.status).toBe(403);
    const body = await stranger.text();
    expect(body).not.toContain('"token"');
    const owner = await fetch(app.url(), { headers: { 'Last-Event-ID': 'fin-3', 'x-user': 'owner' } });
    expect((await readWire(owner.body)).events.map((e) => e.id)).toEqual(['fin-4', 'fin-5']);
    expect(asked).toEqual(['fin', 'fin']);
  });
});
