/**
 * Issue 10 §4: `authorize(request, streamId)` lets an app check that the requester owns the
 * stream before anything is read or replayed. Owner replays; a stranger gets 403 and nothing.
 */
import express from 'express';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import {
  StreamingResponse,
  createMemoryResumeStore,
  createResumeResponse,
  resumeStreamingResponse,
  type ResumeStore,
} from '../../src/server/index';
import { serveFetch, type FetchServer } from './support/fetch-server';
import { readWire } from './support/sse';

let fetchApp: FetchServer | undefined;
let nodeApp: Server | undefined;
afterEach(async () => {
  await fetchApp?.close();
  nodeApp?.closeAllConnections();
  await new Promise((resolve) => (nodeApp ? nodeApp.close(resolve) : resolve(undefined)));
  fetchApp = undefined;
  nodeApp = undefined;
});

/** A store holding one finished reply of alice's, counting reads. */
async function aliceStore(): Promise<{ store: ResumeStore; reads: () => number }> {
  const memory = createMemoryResumeStore();
  let reads = 0;
  const store: ResumeStore = {
    append: (id, event) => memory.append(id, event),
    complete: (id) => memory.complete(id),
    read: (id, after, signal) => {
      reads++;
      return memory.read(id, after, signal);
    },
  };
  for (const [seq, event, data] of [
    [1, 'start', '{"streamId":"alice1","resumable":true}'],
    [2, 'token', '{"token":"private "}'],
    [3, 'token', '{"token":"reply"}'],
    [4, 'done', '{}'],
  ] as const) {
    memory.append('alice1', { seq, event, data });
  }
  memory.complete('alice1');
  return { store, reads: () => reads };
}

/** The app's own record of who started which stream. */
const owners = new Map([['alice1', 'alice']]);

describe('authorize before resuming', () => {
  it('Express: the owner replays; a stranger gets 403 with a masked body and nothing is read', async () => {
    const { store, reads } = await aliceStore();
    const app = express();
    app.get('/api/chat', async (req, res) => {
      const user = req.header('x-user');
      const resumed = await resumeStreamingResponse(req, res, store, {
        authorize: async (request, streamId) => owners.get(streamId) === request.header('x-user'),
      });
      if (resumed) return;
      new StreamingResponse(res).sendToken(`fresh for ${user}`).end();
    });
    nodeApp = app.listen(0, '127.0.0.1');
    await new Promise((resolve) => nodeApp!.once('listening', resolve));
    const url = `http://127.0.0.1:${(nodeApp.address() as AddressInfo).port}/api/chat`;

    const owner = await fetch(url, { headers: { 'Last-Event-ID': 'alice1-2', 'x-user': 'alice' } });
    expect((await readWire(owner.body)).events.map((e) => [e.id, e.event, e.data])).toEqual([
      ['alice1-3', 'token', '{"token":"reply"}'],
      ['alice1-4', 'done', '{}'],
    ]);
    expect(reads()).toBe(1);

    const stranger = await fetch(url, { headers: { 'Last-Event-ID': 'alice1-2', 'x-user': 'mallory' } });
    expect(stranger.status).toBe(403);
    expect(stranger.headers.get('content-type')).toMatch(/^application\/json/);
    const body = await stranger.text();
    expect(JSON.parse(body)).toEqual({ error: 'Not allowed to resume this stream', code: 'forbidden' });
    expect(body).not.toContain('private');
    expect(reads()).toBe(1); // the store was never asked
  });

  it('fetch-style: the same, and an authorize hook that throws refuses and is reported', async () => {
    const { store, reads } = await aliceStore();
    const reported: unknown[] = [];
    fetchApp = await serveFetch(async (request) => {
      const resumed = await createResumeResponse(request, store, {
        authorize: (req, streamId) => {
          if (req.headers.get('x-user') === 'broken') throw new Error('session store at redis://secret-host down');
          return owners.get(streamId) === req.headers.get('x-user');
        },
        onError: (error) => reported.push(error),
      });
      return resumed ?? new Response('fresh', { status: 200 });
    });

    const owner = await fetch(fetchApp.url(), { headers: { 'Last-Event-ID': 'alice1-1', 'x-user': 'alice' } });
    expect((await readWire(owner.body)).events.map((e) => e.event)).toEqual(['token', 'token', 'done']);

    for (const user of ['mallory', 'broken']) {
      const refused = await fetch(fetchApp.url(), { headers: { 'Last-Event-ID': 'alice1-1', 'x-user': user } });
      expect(refused.status).toBe(403);
      const body = await refused.text();
      expect(JSON.parse(body)).toEqual({ error: 'Not allowed to resume this stream', code: 'forbidden' });
      expect(body).not.toMatch(/private|redis|secret/);
    }
    expect(reads()).toBe(1);
    expect(reported).toEqual([expect.objectContaining({ message: expect.stringContaining('redis://secret-host') })]);

    // Without Last-Event-ID there is nothing to authorize: a fresh reply.
    expect(await (await fetch(fetchApp.url(), { headers: { 'x-user': 'mallory' } })).text()).toBe('fresh');
  });
});
