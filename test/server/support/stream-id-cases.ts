/**
 * One stream-id rule for every route (src/server/stream-id.ts): 1 to 128 letters, digits or `_`.
 * The same cases run against the memory store (stream-id.test.ts) and a real redis-server
 * (redis/stream-id-redis.test.ts), over a real node:http route that resumes, cancels and starts
 * replies, with a store wrapper that records which stream ids reached the store.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { cancelStreamingResponse, resumeStreamingResponse, StreamingResponse, type CancellableResumeStore } from '../../../src/server/index';
import { serveNode, until, type NodeServer } from './node-server';
import { readWire, wireReader } from './sse';

const LONGEST = 'a'.repeat(128);
const TOO_LONG = 'a'.repeat(129);

/** The store as the route sees it, noting every stream id a request made it read or cancel. */
function watched(store: CancellableResumeStore, asked: string[]): CancellableResumeStore {
  return {
    append: (streamId, event) => store.append(streamId, event),
    complete: (streamId) => store.complete(streamId),
    read: (streamId, afterSeq, signal) => {
      asked.push(streamId);
      return store.read(streamId, afterSeq, signal);
    },
    ...(store.watchCancel && { watchCancel: (streamId: string, onCancel: () => void) => store.watchCancel!(streamId, onCancel) }),
    cancel: (streamId) => {
      asked.push(streamId);
      return store.cancel(streamId);
    },
  };
}

/** DELETE cancels, a Last-Event-ID resumes, anything else starts a reply (its id from `x-stream-id` when given) that ticks until stopped. */
function route(store: CancellableResumeStore, writers: StreamingResponse[]) {
  return async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    if (req.method === 'DELETE') {
      await cancelStreamingResponse(req, res, store);
      return;
    }
    if (await resumeStreamingResponse(req, res, store)) return;
    for await (const _ of req);
    const requested = req.headers['x-stream-id'];
    const stream = new StreamingResponse(res, { resumeStore: store, ...(typeof requested === 'string' && { streamId: requested }) });
    writers.push(stream);
    stream.start();
    for (let i = 0; i < 200 && !stream.signal.aborted; i++) {
      stream.sendToken(`t${i} `);
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    stream.end();
  };
}

export function streamIdCases(name: string, makeStore: () => Promise<CancellableResumeStore>): void {
  describe(`stream ids: one rule for the writer, resume and cancel (${name})`, () => {
    let app: NodeServer | undefined;
    let writers: StreamingResponse[] = [];
    let asked: string[] = [];
    let store: CancellableResumeStore | undefined;

    async function serve() {
      writers = [];
      asked = [];
      store = await makeStore();
      app = await serveNode(route(watched(store, asked), writers));
      return app;
    }
    afterEach(async () => {
      for (const writer of writers) if (writer.isStreamActive()) writer.abort();
      // Until every reply's `done` is in the store: nothing is still being written when it closes.
      for (const writer of writers) {
        const events = await store!.read(writer.streamId, 0, AbortSignal.timeout(5000));
        if (events) for await (const _ of events);
      }
      await app?.close();
      app = undefined;
    });

    /** Starts a reply and returns its first event's stream id once two tokens arrived. */
    async function startReply(server: NodeServer, streamId?: string) {
      const response = await fetch(server.url('/api/chat'), { method: 'POST', body: '{}', headers: streamId ? { 'x-stream-id': streamId } : {} });
      expect(response.status).toBe(200);
      const reader = wireReader(response.body!);
      const start = await reader.next();
      expect(start?.event).toBe('start');
      await reader.next();
      await reader.next();
      await reader.cancel();
      return JSON.parse(start!.data).streamId as string;
    }
    const cancel = (server: NodeServer, streamId: string) => fetch(server.url(`/api/chat?streamId=${encodeURIComponent(streamId)}`), { method: 'DELETE' });

    it('a valid id of the longest length: the reply starts with it, the cancel request stops it (204), a resume replays it', async () => {
      const server = await serve();
      expect(await startReply(server, LONGEST)).toBe(LONGEST);
      expect((await cancel(server, LONGEST)).status).toBe(204);
      await until(() => !writers[0]!.isStreamActive(), 5000);
      const resumed = await fetch(server.url('/api/chat'), { method: 'POST', headers: { 'Last-Event-ID': `${LONGEST}-1` } });
      expect(resumed.status).toBe(200);
      const { events } = await readWire(resumed.body);
      expect(events[0]).toMatchObject({ id: `${LONGEST}-2`, event: 'token' });
      expect(events.slice(-2).map((e) => [e.event, e.data])).toEqual([['finish', '{"reason":"aborted"}'], ['done', '{}']]);
      expect(asked).toEqual([LONGEST, LONGEST]);
    });

    it('a too-long id: the writer refuses it, the cancel request answers 400 and the store is never asked', async () => {
      const server = await serve();
      const started = await fetch(server.url('/api/chat'), { method: 'POST', body: '{}', headers: { 'x-stream-id': TOO_LONG } });
      expect(started.status).toBe(500); // what the test server makes of the writer's TypeError
      expect(await started.text()).toContain('streamId must be 1 to 128 letters, digits or "_"');
      const cancelled = await cancel(server, TOO_LONG);
      expect(cancelled.status).toBe(400);
      expect(await cancelled.json()).toMatchObject({ code: 'invalid_request' });
      expect(asked).toEqual([]);
    });

    it('a too-long Last-Event-ID names no stream: a fresh reply, the store is never read', async () => {
      const server = await serve();
      const response = await fetch(server.url('/api/chat'), { method: 'POST', body: '{}', headers: { 'Last-Event-ID': `${TOO_LONG}-3` } });
      const reader = wireReader(response.body!);
      const first = await reader.next();
      await reader.cancel();
      expect(first?.event).toBe('start');
      expect(JSON.parse(first!.data).streamId).toMatch(/^[0-9a-f]{16}$/);
      expect(asked).toEqual([]);
    });

    it('bad characters: cancel answers 400, a resume gets a fresh reply, the writer refuses them; the store is never asked', async () => {
      const server = await serve();
      const live = await startReply(server);
      for (const bad of [`${live}.x`, `${live}/x`, `${live} `, 'ä', '']) {
        const cancelled = await cancel(server, bad);
        expect(cancelled.status, JSON.stringify(bad)).toBe(400);
      }
      const resumed = await fetch(server.url('/api/chat'), { method: 'POST', body: '{}', headers: { 'Last-Event-ID': `${live}.x-1` } });
      const reader = wireReader(resumed.body!);
      const first = await reader.next();
      await reader.cancel();
      expect(first?.event).toBe('start');
      expect(JSON.parse(first!.data).streamId).not.toBe(live);
      const refused = await fetch(server.url('/api/chat'), { method: 'POST', body: '{}', headers: { 'x-stream-id': 'a-b' } });
      expect(refused.status).toBe(500);
      expect(asked).toEqual([]);
      // The live reply was never touched by any of it.
      expect(writers[0]!.isStreamActive()).toBe(true);
    });
  });
}
