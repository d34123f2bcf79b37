/**
 * The Redis store's batched appends (one EVAL per turn of the event loop, at most 500 writes
 * each), against a real redis-server: order and content survive batching, an append resolves
 * only once its event is in Redis, and a failure inside a batch or of a whole batch breaks only
 * the streams it hit, reported once each, without leaving an append waiting.
 */
import { createClient } from 'redis';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { ResumableEvent } from '../../../src/server/index';
import { createRedisResumeStore, type RedisResumeStore, type RedisResumeStoreError } from '../../../src/server/redis/index';
import { startRedisServer, type RedisServer } from './support/redis-server';

const newClient = (url: string) => createClient({ url, socket: { reconnectStrategy: false } });
type Client = ReturnType<typeof newClient>;
let redis: RedisServer;
const clients: Client[] = [];
const stores: RedisResumeStore[] = [];

beforeAll(async () => {
  redis = await startRedisServer();
});
afterAll(async () => {
  await redis.stop();
});
afterEach(() => {
  for (const store of stores.splice(0)) store.close();
  for (const client of clients.splice(0)) if (client.isOpen) client.destroy();
});

async function storeOnNewClient(keyPrefix: string) {
  const client = newClient(redis.url);
  client.on('error', () => {});
  clients.push(client);
  await client.connect();
  const errors: RedisResumeStoreError[] = [];
  const store = createRedisResumeStore({ client, keyPrefix, onError: (error) => errors.push(error) });
  stores.push(store);
  return { client, store, errors };
}

const token = (stream: number, seq: number): ResumableEvent => ({ seq, event: 'token', data: JSON.stringify({ token: `s${stream}·${seq} ü 😀` }) });

const done = (seq: number): ResumableEvent => ({ seq, event: 'done', data: '{}' });

async function replay(store: RedisResumeStore, streamId: string): Promise<ResumableEvent[]> {
  const out: ResumableEvent[] = [];
  for await (const event of (await store.read(streamId, 0, AbortSignal.timeout(500))) ?? []) out.push(event);
  return out;
}

describe('Redis store: batched appends', () => {
  it('events of many streams appended in one tick (several EVALs) are all replayed, in order, exactly', async () => {
    const { client, store, errors } = await storeOnNewClient('batch:');
    const streams = 30;
    const perStream = 40;
    // Each stream's first event is written directly; the other 1,170 go in one tick's batches.
    await Promise.all(Array.from({ length: streams }, (_, s) => store.append(`s${s}`, token(s, 1))));
    const appended: (void | Promise<void>)[] = [];
    for (let seq = 2; seq <= perStream; seq++) for (let s = 0; s < streams; s++) appended.push(store.append(`s${s}`, token(s, seq)));
    for (let s = 0; s < streams; s++) appended.push(store.append(`s${s}`, done(perStream + 1)));
    // Awaiting any one append of the tick means the whole tick's events are in Redis (one promise per batch).
    await appended[0];
    expect(Number(await client.sendCommand(['XLEN', 'batch:s0']))).toBe(perStream + 1);
    await Promise.all(appended);
    for (let s = 0; s < streams; s++) {
      const events = await replay(store, `s${s}`);
      expect(events).toEqual([...Array.from({ length: perStream }, (_, i) => token(s, i + 1)), done(perStream + 1)]);
    }
    expect(errors).toEqual([]);
  });

  it('an entry Redis rejects inside a batch breaks only its stream (one onError, its key deleted); the others in the batch are kept', async () => {
    const { client, store, errors } = await storeOnNewClient('reject:');
    await store.append('good', token(0, 1));
    await store.append('bad', token(1, 1));
    // In one batch: `bad` repeats seq 1 (XADD refuses an id not above the last), `good` goes on.
    const tick = [store.append('good', token(0, 2)), store.append('bad', token(1, 1)), store.append('good', token(0, 3))];
    await Promise.all(tick);
    expect(errors.map((error) => [error.operation, error.streamId])).toEqual([['append', 'bad']]);
    expect(errors[0]!.message).toMatch(/can no longer be resumed/);
    // Later events of the broken stream are not recorded.
    await store.append('bad', token(1, 2));
    expect(errors).toHaveLength(1);
    await until(async () => Number(await client.sendCommand(['EXISTS', 'reject:bad'])) === 0);
    await store.append('good', done(4));
    expect(await replay(store, 'good')).toEqual([token(0, 1), token(0, 2), token(0, 3), done(4)]);
  });

  it('a batch whose connection is gone breaks each of its streams once, and its appends still resolve', async () => {
    const { client, store, errors } = await storeOnNewClient('gone:');
    await Promise.all([store.append('x', token(0, 1)), store.append('y', token(1, 1))]);
    const tick = [store.append('x', token(0, 2)), store.append('y', token(1, 2)), store.append('x', token(0, 3))];
    client.destroy(); // before the batch is sent
    await Promise.all(tick);
    expect(errors.map((error) => [error.operation, error.streamId]).sort()).toEqual([
      ['append', 'x'],
      ['append', 'y'],
    ]);
    expect(errors.every((error) => /not connected/.test(error.message))).toBe(true);
  });
});

async function until(check: () => Promise<boolean>): Promise<void> {
  for (let i = 0; i < 100; i++) {
    if (await check()) return;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  throw new Error('condition not met within 1 s');
}
