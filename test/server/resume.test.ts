import { afterEach, describe, expect, it } from 'vitest';
import { AIStream } from '../../src/core/index';
import {
  StreamingResponse,
  createMemoryResumeStore,
  createResumeResponse,
  createStreamingResponse,
  resumeStreamingResponse,
  type ResumableEvent,
  type ResumeStore,
} from '../../src/server/index';
import { startCuttingProxy, seededRandom, type CuttingProxy } from './support/cutting-proxy';
import { serveFetch, type FetchServer } from './support/fetch-server';
import { serveNode, until, wait, type NodeServer } from './support/node-server';
import { wireReader } from './support/sse';

const event = (seq: number, token = `t${seq}`): ResumableEvent => ({ seq, event: 'token', data: JSON.stringify({ token }) });

async function collect(events: AsyncIterable<ResumableEvent> | undefined): Promise<number[]> {
  const seqs: number[] = [];
  for await (const e of events ?? []) seqs.push(e.seq);
  return seqs;
}

describe('createMemoryResumeStore', () => {
  it('replays the events after a position, then the live ones, and ends after complete', async () => {
    const store = createMemoryResumeStore();
    for (let seq = 1; seq <= 3; seq++) store.append('s', event(seq));
    const reading = collect(store.read('s', 1, new AbortController().signal));
    await wait(5);
    store.append('s', event(4));
    store.append('s', { seq: 5, event: 'done', data: '{}' });
    store.complete('s');
    expect(await reading).toEqual([2, 3, 4, 5]);
    // A read that starts after the end replays and ends at once.
    expect(await collect(store.read('s', 0, new AbortController().signal))).toEqual([1, 2, 3, 4, 5]);
    expect(await collect(store.read('s', 5, new AbortController().signal))).toEqual([]);
  });

  it('cannot resume an unknown stream or a position it never had', () => {
    const store = createMemoryResumeStore();
    store.append('s', event(1));
    const signal = new AbortController().signal;
    expect(store.read('other', 0, signal)).toBeUndefined();
    expect(store.read('s', 2, signal)).toBeUndefined();
  });

  it('keeps at most maxEventsPerStream events: older positions cannot be resumed', async () => {
    const store = createMemoryResumeStore({ maxEventsPerStream: 3 });
    for (let seq = 1; seq <= 5; seq++) store.append('s', event(seq));
    store.complete('s');
    const signal = new AbortController().signal;
    expect(store.read('s', 1, signal)).toBeUndefined();
    expect(await collect(store.read('s', 2, signal))).toEqual([3, 4, 5]);
  });

  it('keeps at most maxBytesPerStream bytes of events', async () => {
    // 512 bytes for the stream itself, ~141 per event of 42 characters: two fit.
    const store = createMemoryResumeStore({ maxBytesPerStream: 900 });
    for (let seq = 1; seq <= 10; seq++) store.append('s', event(seq, 'x'.repeat(30)));
    store.complete('s');
    const kept = await collect(store.read('s', 8, new AbortController().signal));
    expect(kept).toEqual([9, 10]);
    expect(store.read('s', 7, new AbortController().signal)).toBeUndefined();
  });

  it('keeps at most maxStreams streams, dropping the one written least recently', () => {
    const store = createMemoryResumeStore({ maxStreams: 2 });
    const signal = new AbortController().signal;
    store.append('a', event(1));
    store.append('b', event(1));
    store.append('a', event(2)); // a is now the most recent
    store.append('c', event(1));
    expect(store.size).toBe(2);
    expect(store.read('b', 0, signal)).toBeUndefined();
    expect(store.read('a', 0, signal)).toBeDefined();
    expect(store.read('c', 0, signal)).toBeDefined();
  });

  it('forgets a stream ttlMs after its last event', () => {
    let now = 1000;
    const store = createMemoryResumeStore({ ttlMs: 100, now: () => now });
    const signal = new AbortController().signal;
    store.append('s', event(1));
    now += 99;
    expect(store.read('s', 0, signal)).toBeDefined();
    store.append('s', event(2));
    now += 99;
    expect(store.read('s', 0, signal)).toBeDefined();
    now += 1;
    expect(store.read('s', 0, signal)).toBeUndefined();
    expect(store.size).toBe(0);
  });

  it('a live reader ends when the stream expires (its producer died) or the signal aborts', async () => {
    const store = createMemoryResumeStore({ ttlMs: 30 });
    store.append('dead', event(1));
    const started = Date.now();
    expect(await collect(store.read('dead', 0, new AbortController().signal))).toEqual([1]);
    expect(Date.now() - started).toBeGreaterThanOrEqual(25);

    const live = createMemoryResumeStore();
    live.append('s', event(1));
    const controller = new AbortController();
    const reading = collect(live.read('s', 0, controller.signal));
    await wait(5);
    controller.abort();
    expect(await reading).toEqual([1]);
  });

  it('a reader that falls behind the retained window ends instead of skipping events', async () => {
    const store = createMemoryResumeStore({ maxEventsPerStream: 2 });
    store.append('s', event(1));
    store.append('s', event(2));
    const iterator = store.read('s', 0, new AbortController().signal)![Symbol.asyncIterator]();
    expect((await iterator.next()).value?.seq).toBe(1);
    for (let seq = 3; seq <= 6; seq++) store.append('s', event(seq));
    expect((await iterator.next()).done).toBe(true);
  });
});

/** A reply long enough to be cut several times: mixed scripts, emoji, JSON-hostile characters. */
const TOKENS = Array.from({ length: 240 }, (_, i) => ['Hello', ' wörld', ' 日本語', ' 👋🏽', ' "quoted"', ' line\nbreak', ' \\slash', ` ${i}`][i % 8]!);
const FULL_TEXT = TOKENS.join('');

/** Produces the reply with small pauses, so cuts land both while producing and after. */
async function produce(stream: { sendToken(token: string): unknown; end(): void; ready(): Promise<void> }): Promise<void> {
  for (let i = 0; i < TOKENS.length; i++) {
    stream.sendToken(TOKENS[i]!);
    if (i % 20 === 0) await wait(1);
    await stream.ready();
  }
  stream.end();
}

async function resumingClient(endpoint: string) {
  const client = new AIStream({ endpoint, retry: { maxRetries: 200, initialDelay: 1, maxDelay: 5 } });
  const seen = { resumes: 0, restarts: 0 };
  client.on('resume', () => seen.resumes++);
  client.on('restart', () => seen.restarts++);
  await client.send('tell me');
  return { reply: client.getMessages()[1]!, ...seen };
}

describe('resume through a connection cut at random byte offsets', () => {
  let app: NodeServer | FetchServer | undefined;
  let proxy: CuttingProxy | undefined;
  afterEach(async () => {
    await proxy?.close();
    await app?.close();
    app = proxy = undefined;
  });

  /** Every connection is cut after 80–2000 bytes, except every eighth, which is left alone. */
  const randomCuts = (seed: number) => {
    const random = seededRandom(seed);
    return (connection: number) => (connection % 8 === 7 ? Infinity : 80 + Math.floor(random() * 1920));
  };

  for (const seed of [1, 2, 3, 4, 5]) {
    it(`Node StreamingResponse + resumeStreamingResponse (seed ${seed}): exact text, no duplicates`, async () => {
      const store = createMemoryResumeStore();
      const node = await serveNode(async (req, res) => {
        if (await resumeStreamingResponse(req, res, store)) return;
        await produce(new StreamingResponse(res, { resumeStore: store }));
      });
      app = node;
      proxy = await startCuttingProxy(node.port, randomCuts(seed));
      const { reply, resumes } = await resumingClient(proxy.url('/api/chat'));
      expect(reply.content).toBe(FULL_TEXT);
      expect(reply.status).toBe('complete');
      expect(proxy.cuts).toBeGreaterThan(3);
      expect(resumes).toBeGreaterThan(2);
    });
  }

  for (const seed of [6, 7, 8]) {
    it(`Web createStreamingResponse + createResumeResponse (seed ${seed}): exact text, no duplicates`, async () => {
      const store = createMemoryResumeStore();
      app = await serveFetch(async (request) => {
        const resumed = await createResumeResponse(request, store);
        if (resumed) return resumed;
        const { response, stream } = createStreamingResponse({ resumeStore: store, signal: request.signal });
        void produce(stream);
        return response;
      });
      proxy = await startCuttingProxy(Number(new URL(app.url()).port), randomCuts(seed));
      const { reply, resumes } = await resumingClient(proxy.url('/api/chat'));
      expect(reply.content).toBe(FULL_TEXT);
      expect(proxy.cuts).toBeGreaterThan(3);
      expect(resumes).toBeGreaterThan(2);
    });
  }
});

describe('resume details', () => {
  let app: NodeServer | undefined;
  afterEach(async () => {
    await app?.close();
    app = undefined;
  });

  it('with a store, a lost client does not cancel the reply: it is finished into the store', async () => {
    const store = createMemoryResumeStore();
    let stream: StreamingResponse | undefined;
    let finished = false;
    app = await serveNode(async (_req, res) => {
      stream = new StreamingResponse(res, { resumeStore: store, streamId: 'kept' }).sendToken('a');
      await until(() => !stream!.clientConnected);
      stream.sendToken('b').sendToken('c').end();
      finished = true;
    });
    const controller = new AbortController();
    const response = await fetch(app.url(), { signal: controller.signal });
    const reader = wireReader(response.body!);
    await reader.next();
    await reader.next();
    controller.abort();
    await until(() => finished);
    expect(stream!.signal.aborted).toBe(false);
    expect(stream!.droppedWrites).toBe(0);
    const recorded: string[] = [];
    for await (const e of store.read('kept', 0, new AbortController().signal)!) recorded.push(e.event);
    expect(recorded).toEqual(['start', 'token', 'token', 'token', 'done']);
  });

  it('a resumed response has no start event, keeps the original ids and follows the live stream', async () => {
    const store = createMemoryResumeStore();
    let live: StreamingResponse | undefined;
    app = await serveNode(async (req, res) => {
      if (await resumeStreamingResponse(req, res, store)) return;
      live = new StreamingResponse(res, { resumeStore: store, streamId: 'orig' }).sendToken('one').sendToken('two');
    });
    const controller = new AbortController();
    const first = wireReader((await fetch(app.url(), { signal: controller.signal })).body!);
    expect((await first.next())?.event).toBe('start');
    controller.abort();
    await until(() => live !== undefined && !live.clientConnected);
    const resumed = await fetch(app.url(), { headers: { 'Last-Event-ID': 'orig-2' } });
    expect(resumed.headers.get('content-type')).toBe('text/event-stream; charset=utf-8');
    const reader = wireReader(resumed.body!);
    expect(await reader.next()).toEqual({ id: 'orig-3', event: 'token', data: '{"token":"two"}' });
    live!.sendToken('three').end();
    expect(await reader.next()).toEqual({ id: 'orig-4', event: 'token', data: '{"token":"three"}' });
    expect(await reader.next()).toEqual({ id: 'orig-5', event: 'done', data: '{}' });
    expect(await reader.next()).toBeUndefined();
  });

  it('an unknown or foreign Last-Event-ID starts a fresh reply, and the client restarts cleanly', async () => {
    // A store that knows nothing, as after a server restart or on another instance.
    const store: ResumeStore = { append: () => {}, complete: () => {}, read: () => undefined };
    let requests = 0;
    app = await serveNode(async (req, res) => {
      requests++;
      if (await resumeStreamingResponse(req, res, store)) return;
      const stream = new StreamingResponse(res, { resumeStore: store }).sendToken('fresh ').sendToken('reply');
      // The first answer drops before `done`; the reconnect names a stream the store never saw.
      if (requests === 1) {
        await wait(10);
        res.destroy();
        return;
      }
      stream.end();
    });
    const client = new AIStream({ endpoint: app.url(), retry: { maxRetries: 2, initialDelay: 1 } });
    let restarts = 0;
    client.on('restart', () => restarts++);
    await client.send('hi');
    expect(client.getMessages()[1]).toMatchObject({ content: 'fresh reply', status: 'complete' });
    expect(restarts).toBe(1);
    expect(await resumeStreamingResponse({ headers: { 'last-event-id': 'not an id' } }, {} as never, store)).toBe(false);
  });
});
