/** The stream-id rule on real node:http routes with the Redis store and a real redis-server (cases in ../support/stream-id-cases.ts). */
import { createClient } from 'redis';
import { afterAll, afterEach, beforeAll } from 'vitest';
import { createRedisResumeStore } from '../../../src/server/redis/index';
import { streamIdCases } from '../support/stream-id-cases';
import { startRedisServer, type RedisServer } from './support/redis-server';

let redis: RedisServer;
const closers: (() => unknown)[] = [];

beforeAll(async () => {
  redis = await startRedisServer();
});
afterAll(() => redis.stop());
afterEach(async () => {
  for (const close of closers.splice(0).reverse()) await close();
});

streamIdCases('Redis store', async () => {
  const client = createClient({ url: redis.url });
  client.on('error', () => {});
  await client.connect();
  const store = createRedisResumeStore({ client, keyPrefix: `s${Math.random().toString(36).slice(2, 8)}:` });
  closers.push(() => client.close(), () => store.close());
  return store;
});
