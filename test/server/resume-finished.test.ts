/**
 * Issue 10 §4: a resume request for a stream that already finished answers with what is missing
 * then `done`, or `204 No Content` when nothing is — never a destroyed socket. Also: a store that
 * fails while resuming gives the client a masked error, never its message.
 */
import { EventSource } from 'eventsource';
import { afterEach, describe, expect, it } from 'vitest';
import {
  StreamingResponse,
  createMemoryResumeStore,
  createResumeResponse,
  resumeStreamingResponse,
  type ResumableEvent,
  type ResumeStore,
} from '../../src/server/index';
import { serveFetch, type FetchServer } from './support/fetch-server';
import { serveNode, until, type NodeServer } from './support/node-server';
import { readWire } from './support/sse';

let app: NodeServer | FetchServer | undefined;
afterEach(async () => {
  await app?.close();
  app = undefined;
});

/** A finished stream `done-1` … `done-5`: start, three tokens, done. */
async function finishedStore() {
  const store = createMemoryResumeStore();
  app = await serveNode((_req, res) => {
    new StreamingResponse(res, { resumeStore: store, streamId: 'fin' }).sendToken('a').sendToken('b').sendToken('c').end();
  });
  await readWire((await fetch(app.url())).body);
  await app.close();
  return store;
}

describe('resuming a stream whose done is stored', () => {
  it('Node: what is missing then done, the response ends cleanly; 204 when the client has done', async () => {
    const store = await finishedStore();
    let fresh = 0;
    app = await serveNode(async (req, res) => {
      if (await resumeStreamingResponse(req, res, store)) return;
      fresh++;
      res.writeHead(500).end();
    });

    const missing = await fetch(app.url(), { headers: { 'Last-Event-ID': 'fin-3' } });
    const { events } = await readWire(missing.body); // rejects if the socket is destroyed
    expect(events.map((e) => [e.id, e.event])).toEqual([
      ['fin-4', 'token'],
      ['fin-5', 'done'],
    ]);

    const complete = await fetch(app.url(), { headers: { 'Last-Event-ID': 'fin-5' } });
    expect(complete.status).toBe(204);
    expect(await complete.text()).toBe('');
    expect(fresh).toBe(0);
  });

  it('fetch-style: the same', async () => {
    const store = await finishedStore();
    app = await serveFetch(async (request) => (await createResumeResponse(request, store)) ?? new Response('fresh', { status: 500 }));
    const missing = await fetch(app.url(), { headers: { 'Last-Event-ID': 'fin-4' } });
    expect((await readWire(missing.body)).events.map((e) => [e.id, e.event])).toEqual([['fin-5', 'done']]);
    const complete = await fetch(app.url(), { headers: { 'Last-Event-ID': 'fin-5' } });
    expect(complete.status).toBe(204);
  });

  it('an EventSource client that reconnects after done gets 204 and stops: one model call', async () => {
    const store = createMemoryResumeStore();
    let modelCalls = 0;
    const statuses: number[] = [];
    app = await serveNode(async (req, res) => {
      res.on('finish', () => statuses.push(res.statusCode));
      if (await resumeStreamingResponse(req, res, store)) return;
      modelCalls++;
      new StreamingResponse(res, { resumeStore: store }).sendToken('only ').sendToken('once').end();
    });
    // The server closing the stream after `done` is, to EventSource, a drop: it reconnects
    // (after its default 3 s) with Last-Event-ID = the id of done.
    const source = new EventSource(app.url('/events'));
    const tokens: string[] = [];
    source.addEventListener('token', (event) => tokens.push(JSON.parse(event.data).token));
    const closed = new Promise<{ code: number | undefined }>((resolve) => {
      source.onerror = (error) => {
        if (source.readyState === EventSource.CLOSED) resolve({ code: error.code });
      };
    });
    try {
      expect(await closed).toEqual({ code: 204 });
    } finally {
      source.close();
    }
    expect(tokens).toEqual(['only ', 'once']);
    expect(modelCalls).toBe(1);
    expect(statuses).toEqual([200, 204]);
  }, 15_000);
});

describe('a store that fails while resuming', () => {
  const REDIS_URL = 'redis://default:hunter2@cache.internal:6379';

  function failingStore(when: 'open' | 'mid-replay'): ResumeStore {
    return {
      append: () => {},
      complete: () => {},
      async read(_streamId, afterSeq) {
        if (when === 'open') throw new Error(`ECONNREFUSED ${REDIS_URL}`);
        return (async function* (): AsyncGenerator<ResumableEvent> {
          yield { seq: afterSeq + 1, event: 'token', data: '{"token":"x"}' };
          yield { seq: afterSeq + 2, event: 'token', data: '{"token":"y"}' };
          throw new Error(`Connection lost to ${REDIS_URL}`);
        })();
      },
    };
  }

  it.each(['open', 'mid-replay'] as const)('fails at %s: a masked error then done; the error goes to onError', async (when) => {
    const reported: unknown[] = [];
    app = await serveNode(async (req, res) => {
      await resumeStreamingResponse(req, res, failingStore(when), { onError: (error) => reported.push(error) });
    });
    const response = await fetch(app.url(), { headers: { 'Last-Event-ID': 'gone-7' } });
    const { events, text } = await readWire(response.body);
    expect(text).not.toContain('redis');
    expect(text).not.toContain('hunter2');
    expect(events.slice(-2).map((e) => [e.event, JSON.parse(e.data)])).toEqual([
      ['error', { error: 'Internal server error', code: 'internal_error' }],
      ['done', {}],
    ]);
    await until(() => reported.length === 1);
    expect(String((reported[0] as Error).message)).toContain(REDIS_URL);
  });
});
