/** RedisResumeStore against a real redis-server (random loopback port, no persistence). */
import { createClient } from 'redis';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { AIStream } from '../../../src/core/index';
import { StreamingResponse, resumeStreamingResponse, type ResumableEvent } from '../../../src/server/index';
import { createRedisResumeStore, RedisResumeStoreError, type RedisResumeStore } from '../../../src/server/redis/index';
import { serveNode, until, wait, type NodeServer } from '../support/node-server';
import { wireReader } from '../support/sse';
import { startRedisServer, type RedisServer } from './support/redis-server';

const newClient = (url: string) => createClient({ url, socket: { reconnectStrategy: (retries) => Math.min(retries * 20, 200) } });
type Client = ReturnType<typeof newClient>;

let redis: RedisServer;
const clients: Client[] = [];
const stores: RedisResumeStore[] = [];
let app: NodeServer | undefined;

beforeAll(async () => {
  redis = await startRedisServer();
});
afterAll(async () => {
  await redis.stop();
});
afterEach(async () => {
  await app?.close();
  app = undefined;
  for (const store of stores.splice(0)) store.close();
  for (const client of clients.splice(0)) client.destroy();
  if (!(await redisUp())) await redis.start();
});

async function redisUp(): Promise<boolean> {
  const probe = createClient({ url: redis.url, socket: { reconnectStrategy: false } });
  probe.on('error', () => {});
  try {
    await probe.connect();
    probe.destroy();
    return true;
  } catch {
    return false;
  }
}

async function connected(): Promise<Client> {
  const client = newClient(redis.url);
  client.on('error', () => {});
  clients.push(client);
  await client.connect();
  return client;
}

async function storeOn(client: Client, options: Partial<Parameters<typeof createRedisResumeStore>[0]> = {}) {
  const errors: RedisResumeStoreError[] = [];
  const store = createRedisResumeStore({ client, keyPrefix: `t${Math.random().toString(36).slice(2, 8)}:`, onError: (error) => errors.push(error), ...options });
  stores.push(store);
  return { store, errors };
}

const token = (seq: number, text = `t${seq}`): ResumableEvent => ({ seq, event: 'token', data: JSON.stringify({ token: text }) });
const done = (seq: number): ResumableEvent => ({ seq, event: 'done', data: '{}' });

async function seqs(events: AsyncIterable<ResumableEvent> | undefined): Promise<number[]> {
  const out: number[] = [];
  for await (const event of events ?? []) out.push(event.seq);
  return out;
}

describe('createRedisResumeStore', () => {
  it('stores events as stream entries 0-<seq> and replays those after a position, then live ones, ending after done', async () => {
    const client = await connected();
    const { store, errors } = await storeOn(client, { keyPrefix: 'rs:' });
    for (let seq = 1; seq <= 3; seq++) await store.append('s1', token(seq));
    expect(await client.sendCommand(['XRANGE', 'rs:s1', '-', '+'])).toEqual([
      ['0-1', ['event', 'token', 'data', '{"token":"t1"}']],
      ['0-2', ['event', 'token', 'data', '{"token":"t2"}']],
      ['0-3', ['event', 'token', 'data', '{"token":"t3"}']],
    ]);
    const ttl = Number(await client.sendCommand(['PTTL', 'rs:s1']));
    expect(ttl).toBeGreaterThan(50_000);
    expect(ttl).toBeLessThanOrEqual(60_000);

    const reading = seqs(await store.read('s1', 1, new AbortController().signal));
    await wait(30); // the reader is now blocked in XREAD
    await store.append('s1', token(4));
    await store.append('s1', done(5));
    await store.complete('s1');
    expect(await reading).toEqual([2, 3, 4, 5]);
    expect(await seqs(await store.read('s1', 0, new AbortController().signal))).toEqual([1, 2, 3, 4, 5]);
    // After done: nothing is missing, and the read ends at once.
    expect(await seqs(await store.read('s1', 5, new AbortController().signal))).toEqual([]);
    expect(errors).toEqual([]);
  });

  it('writes in batches through one script, also after Redis forgot it (restart, SCRIPT FLUSH)', async () => {
    const client = await connected();
    const { store, errors } = await storeOn(client, { keyPrefix: 'batch:' });
    await Promise.all([1, 2, 3].map((seq) => store.append('s', token(seq))));
    expect(await client.sendCommand(['SCRIPT', 'FLUSH'])).toBe('OK');
    await Promise.all([4, 5].map((seq) => store.append('s', token(seq))));
    await store.append('s', done(6));
    expect(await seqs(await store.read('s', 0, new AbortController().signal))).toEqual([1, 2, 3, 4, 5, 6]);
    expect(errors).toEqual([]);
  });

  it('cannot resume an unknown stream, a position never reached, or one trimmed away', async () => {
    const client = await connected();
    const { store } = await storeOn(client, { maxEventsPerStream: 3 });
    const signal = new AbortController().signal;
    expect(await store.read('nothing', 0, signal)).toBeUndefined();
    for (let seq = 1; seq <= 600; seq++) void store.append('s', token(seq));
    await store.append('s', token(601));
    expect(await store.read('s', 601 + 1001, signal)).toBeUndefined();
    // MINID ~ trims whole nodes: at least the last 3 are kept, the first ones are gone.
    expect(await store.read('s', 0, signal)).toBeUndefined();
    expect(await seqs(await store.read('s', 598, AbortSignal.timeout(200)))).toEqual([599, 600, 601]);
  });

  it('a client ahead of the recording (its XADDs still on the way) waits for what follows, without duplicates', async () => {
    const client = await connected();
    const { store } = await storeOn(client);
    await store.append('s', token(1));
    const reading = seqs(await store.read('s', 3, new AbortController().signal));
    await wait(20);
    for (let seq = 2; seq <= 4; seq++) await store.append('s', token(seq));
    await store.append('s', done(5));
    expect(await reading).toEqual([4, 5]);
  });

  it('a client that reconnects before the first XADD of its stream arrived still resumes', async () => {
    const client = await connected();
    const { store } = await storeOn(client);
    const reading = store.read('late', 2, new AbortController().signal);
    await wait(10);
    for (let seq = 1; seq <= 3; seq++) void store.append('late', token(seq));
    await store.append('late', done(4));
    expect(await seqs(await reading)).toEqual([3, 4]);
  });

  it('trims by bytes as well (maxBytesPerStream)', async () => {
    const client = await connected();
    const { store } = await storeOn(client, { maxBytesPerStream: 10_000, keyPrefix: 'bytes:' });
    for (let seq = 1; seq <= 400; seq++) void store.append('s', token(seq, 'x'.repeat(1000)));
    await store.append('s', done(401));
    const kept = Number(await client.sendCommand(['XLEN', 'bytes:s']));
    expect(kept).toBeGreaterThanOrEqual(9);
    expect(kept).toBeLessThan(150);
    const memory = Number(await client.sendCommand(['MEMORY', 'USAGE', 'bytes:s']));
    expect(memory).toBeLessThan(200_000);
    expect(await seqs(await store.read('s', 395, new AbortController().signal))).toEqual([396, 397, 398, 399, 400, 401]);
  });

  it('writes waiting for Redis are bounded: beyond maxPendingWrites a reply stops being recorded (one onError), the others go on', async () => {
    const client = await connected();
    const { store, errors } = await storeOn(client, { maxPendingWrites: 50, keyPrefix: 'pending:' });
    const writes: unknown[] = [];
    for (let seq = 1; seq <= 40; seq++) writes.push(store.append('a', token(seq)));
    for (let seq = 1; seq <= 40; seq++) writes.push(store.append('b', token(seq)));
    await Promise.all(writes);
    expect(errors.map((e) => [e.operation, e.streamId])).toEqual([['append', 'b']]);
    expect(errors[0]!.message).toContain('Redis is not keeping up');
    expect(await seqs(await store.read('a', 38, AbortSignal.timeout(300)))).toEqual([39, 40]);
    expect(await store.read('b', 1, new AbortController().signal)).toBeUndefined();
  });

  it('a live reader that falls behind the trimmed window ends instead of skipping events', async () => {
    const client = await connected();
    const { store } = await storeOn(client, { maxEventsPerStream: 2 });
    await store.append('s', token(1));
    const events = (await store.read('s', 0, new AbortController().signal))![Symbol.asyncIterator]();
    expect((await events.next()).value?.seq).toBe(1);
    for (let seq = 2; seq <= 400; seq++) void store.append('s', token(seq));
    await store.append('s', token(401));
    expect((await events.next()).done).toBe(true);
  });

  it('a live reader whose producer died ends when Redis expires the stream', async () => {
    const client = await connected();
    const { store } = await storeOn(client, { ttlMs: 300, keyPrefix: 'ttl:' });
    await store.append('s', token(1));
    expect(await seqs(await store.read('s', 0, new AbortController().signal))).toEqual([1]);
    expect(Number(await client.sendCommand(['EXISTS', 'ttl:s']))).toBe(0);
    expect(await store.read('s', 1, new AbortController().signal)).toBeUndefined();
  });

  it('never blocks the app client: all live readers share one XREAD BLOCK on a connection of their own', async () => {
    const client = await connected();
    const { store } = await storeOn(client);
    const readers: Promise<number[]>[] = [];
    for (let i = 0; i < 40; i++) {
      await store.append(`s${i}`, token(1));
      readers.push(seqs(await store.read(`s${i}`, 1, new AbortController().signal)));
    }
    await wait(50);
    // The app's own commands are answered while every reader waits.
    expect(await client.ping()).toBe('PONG');
    const list = String(await client.sendCommand(['CLIENT', 'LIST']));
    expect(list.match(/cmd=xread/g)).toHaveLength(1);
    for (let i = 0; i < 40; i++) void store.append(`s${i}`, token(2));
    for (let i = 0; i < 40; i++) await store.append(`s${i}`, done(3));
    expect(await Promise.all(readers)).toEqual(Array.from({ length: 40 }, () => [2, 3]));
  });

  it('aborting the signal ends a live read', async () => {
    const client = await connected();
    const { store } = await storeOn(client);
    await store.append('s', token(1));
    const controller = new AbortController();
    const reading = seqs(await store.read('s', 0, controller.signal));
    await wait(20);
    controller.abort();
    expect(await reading).toEqual([1]);
  });
});

/** A reply of `count` tokens written through StreamingResponse, paced so the test can act mid-way. */
async function produce(stream: StreamingResponse, count: number, pauseMs: number): Promise<void> {
  for (let i = 0; i < count && !stream.signal.aborted; i++) {
    stream.sendToken(`w${i} `);
    await wait(pauseMs);
  }
  stream.end();
}
const expectedText = (count: number) => Array.from({ length: count }, (_, i) => `w${i} `).join('');

describe('failures: resumability is lost, never the live stream', () => {
  it('Redis down when the reply starts: the reply streams live, onError once', async () => {
    const client = await connected();
    const { store, errors } = await storeOn(client);
    await redis.kill();
    await until(() => !client.isReady);
    app = await serveNode(async (req, res) => {
      if (await resumeStreamingResponse(req, res, store)) return;
      await produce(new StreamingResponse(res, { resumeStore: store }), 30, 1);
    });
    const ai = new AIStream({ endpoint: app.url() });
    await ai.send('hi');
    expect(ai.getMessages()[1]).toMatchObject({ content: expectedText(30), status: 'complete' });
    expect(errors).toHaveLength(1);
    expect(errors[0]).toBeInstanceOf(RedisResumeStoreError);
    expect(errors[0]).toMatchObject({ operation: 'append', message: expect.stringContaining('can no longer be resumed') });
  });

  it('Redis lost mid-reply: the live stream goes on; after Redis is back the stream is not resumable (no hole served)', async () => {
    const client = await connected();
    const { store, errors } = await storeOn(client);
    let stream: StreamingResponse | undefined;
    app = await serveNode(async (_req, res) => {
      stream = new StreamingResponse(res, { resumeStore: store });
      await produce(stream, 60, 10);
    });
    const response = await fetch(app.url());
    const reader = wireReader(response.body!);
    const events = [await reader.next()];
    while (events.length < 10) events.push(await reader.next());
    await redis.kill();
    for (let event = await reader.next(); event; event = await reader.next()) events.push(event);
    const text = events.filter((e) => e?.event === 'token').map((e) => JSON.parse(e!.data).token).join('');
    expect(text).toBe(expectedText(60));
    expect(events.at(-1)?.event).toBe('done');
    expect(errors.filter((e) => e.operation === 'append')).toHaveLength(1);
    await redis.start();
    await until(() => client.isReady, 5000);
    expect(await store.read(stream!.streamId, 5, new AbortController().signal)).toBeUndefined();
  });

  it('Redis lost while a reader waits: the read ends (the client reconnects and starts over)', async () => {
    const client = await connected();
    const { store, errors } = await storeOn(client);
    await store.append('s', token(1));
    const reading = seqs(await store.read('s', 0, new AbortController().signal));
    while (!String(await client.sendCommand(['CLIENT', 'LIST'])).includes('cmd=xread')) await wait(5);
    await redis.kill();
    expect(await reading).toEqual([1]);
    expect(errors.map((e) => e.operation)).toContain('connection');
    expect(await store.read('s', 1, new AbortController().signal)).toBeUndefined();
  });
});

describe('cancel across instances', () => {
  it('cancel() on another store instance stops the producing StreamingResponse; its readers end after finish (aborted) + done', async () => {
    const producerStore = (await storeOn(await connected(), { keyPrefix: 'cx:' })).store;
    const otherStore = (await storeOn(await connected(), { keyPrefix: 'cx:' })).store;
    let stream: StreamingResponse | undefined;
    app = await serveNode(async (_req, res) => {
      stream = new StreamingResponse(res, { resumeStore: producerStore });
      await produce(stream, 1000, 5);
    });
    const reader = wireReader((await fetch(app.url())).body!);
    const start = await reader.next();
    const { streamId } = JSON.parse(start!.data) as { streamId: string };
    await reader.next();
    const follower = await otherStore.read(streamId, 1, new AbortController().signal);
    expect(await otherStore.cancel(streamId)).toBe('stopped');
    const rest = [];
    for (let event = await reader.next(); event; event = await reader.next()) rest.push(event);
    expect(rest.slice(-2).map((e) => [e.event, e.data])).toEqual([['finish', '{"reason":"aborted"}'], ['done', '{}']]);
    expect(stream!.signal.aborted).toBe(true);
    expect((stream!.signal.reason as { code?: string }).code).toBe('cancelled');
    expect(rest.length).toBeLessThan(900);
    const followed: ResumableEvent[] = [];
    for await (const event of follower!) followed.push(event);
    expect(followed.slice(-2).map((e) => e.event)).toEqual(['finish', 'done']);
    // Finished: a later cancel finds nothing running; an id never recorded is unknown.
    expect(await otherStore.cancel(streamId)).toBe('finished');
    expect(await otherStore.cancel('nosuchstream')).toBe('unknown');
  });

  it('a cancel sent before the producer watched is honoured (the cancel key)', async () => {
    const client = await connected();
    const { store } = await storeOn(client);
    expect(await store.cancel('not a stream id*')).toBe('unknown');
    await store.cancel('early');
    let cancelled = false;
    store.watchCancel('early', () => (cancelled = true));
    await until(() => cancelled);
  });
});
