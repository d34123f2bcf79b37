/**
 * Issue 12, persistence: a chat saved while its reply streams comes back on a new "page" (a new
 * AIStream on the same storage) and the reply continues through the kit server's resume store:
 * exact text, no token twice, the producer started once. A server that lost the reply (a new
 * store) gets the request again and the new reply replaces the partial one.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { AIStream, persistChat, type ChatRecord, type ChatStorage } from '../../src/core';
import { messagesOf } from '../../src/core/persist/chat-record';
import { StreamingResponse, createMemoryResumeStore, resumeStreamingResponse, type ResumeStore } from '../../src/server/index';
import { serveNode, type NodeServer } from '../server/support/node-server';

const TOKENS = Array.from({ length: 40 }, (_, i) => `w${i} `);
const TEXT = TOKENS.join('');

/** A storage in a Map; `copy()` is what a page that reloads at this instant would find. */
function mapStorage(entries?: Map<string, unknown>) {
  const map = new Map<string, unknown>(entries);
  let sets = 0;
  const storage: ChatStorage = {
    get: async (key) => structuredClone(map.get(key)),
    set: async (key, value) => {
      sets++;
      map.set(key, structuredClone(value));
    },
    delete: async (key) => void map.delete(key),
    keys: async () => [...map.keys()],
  };
  return { storage, map, sets: () => sets, copy: () => new Map(structuredClone([...map])) };
}

/** A kit server with a resume store whose producer writes one token every `gap` ms and counts its runs. */
async function startKitServer(gap = 8) {
  const state = { store: createMemoryResumeStore() as ResumeStore, producers: 0, bodies: [] as unknown[] };
  const server = await serveNode(async (req: IncomingMessage, res: ServerResponse) => {
    if (await resumeStreamingResponse(req, res, state.store)) return;
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    state.bodies.push(JSON.parse(Buffer.concat(chunks).toString()));
    state.producers++;
    const stream = new StreamingResponse(res, { resumeStore: state.store });
    stream.start({ model: 'test' });
    for (const token of TOKENS) {
      stream.sendToken(token);
      await stream.ready();
      await new Promise((resolve) => setTimeout(resolve, gap));
    }
    stream.end();
  });
  return { server, state };
}

let servers: NodeServer[] = [];
const streams: AIStream[] = [];
afterEach(async () => {
  for (const stream of streams.splice(0)) stream.stop();
  await Promise.all(servers.map((server) => server.close()));
  servers = [];
});

function page(endpoint: string, storage: ChatStorage, saveInterval = 30) {
  const stream = new AIStream({ endpoint, retry: { maxRetries: 2, initialDelay: 5, maxDelay: 10 } });
  streams.push(stream);
  const errors: unknown[] = [];
  const persisted = persistChat(stream, { storage, id: 'c1', saveInterval, onError: (error) => errors.push(error) });
  return { stream, persisted, errors };
}

/** Seeded, so a failure names the cut it happened at. */
function seeded(seed: number) {
  return () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
}

describe('reload mid-reply (persistChat + resumeReply)', () => {
  const random = seeded(12);
  for (const run of [0, 1, 2, 3, 4]) {
    const cutAfter = 3 + Math.floor(random() * (TOKENS.length - 8));
    it(`continues after a reload at token ~${cutAfter} (run ${run}): exact text, one producer`, async () => {
      const { server, state } = await startKitServer();
      servers.push(server);
      const first = mapStorage();
      const a = page(server.url('/chat'), first.storage);
      await a.persisted.restored;
      void a.stream.send('Tell me');
      // Wait for a save that holds at least `cutAfter` tokens, then "reload": copy storage, drop page A.
      let saved: Map<string, unknown> | undefined;
      while (!saved) {
        await new Promise((resolve) => setTimeout(resolve, 5));
        const record = first.map.get('c1') as ChatRecord | undefined;
        const messages = messagesOf(record?.conversation); // the active path of the saved tree
        if (record?.resume && (messages[1]?.content.length ?? 0) >= TOKENS.slice(0, cutAfter).join('').length) saved = first.copy();
      }
      const partial = messagesOf((saved.get('c1') as ChatRecord).conversation)[1]!.content;
      expect(TEXT.startsWith(partial)).toBe(true);
      a.stream.stop();

      const second = mapStorage(saved);
      const b = page(server.url('/chat'), second.storage);
      const tokens: string[] = [];
      b.stream.on('token', (token) => tokens.push(token));
      let restarted = false;
      b.stream.on('restart', () => (restarted = true));
      await b.persisted.restored;
      expect(b.stream.getIsStreaming()).toBe(true); // resumed at once
      await new Promise<void>((resolve) => b.stream.on('finish', () => resolve()));
      const messages = b.stream.getMessages();
      expect(messages.map((m) => m.role)).toEqual(['user', 'assistant']);
      expect(messages[1]!.content).toBe(TEXT);
      expect(messages[1]!.status).toBe('complete');
      expect(partial + tokens.join('')).toBe(TEXT); // only the missing tokens arrived
      expect(restarted).toBe(false);
      expect(state.producers).toBe(1);
      await b.persisted.flush();
      const final = second.map.get('c1') as ChatRecord;
      expect(final.resume).toBeUndefined();
      expect(messagesOf(final.conversation)[1]!.content).toBe(TEXT);
      expect(a.errors.concat(b.errors)).toEqual([]);
    });
  }

  it('a reload right after the reply began (long saveInterval) still resumes it: the first event id is saved at once', async () => {
    const { server, state } = await startKitServer();
    servers.push(server);
    const first = mapStorage();
    const a = page(server.url('/chat'), first.storage, 60_000);
    await a.persisted.restored;
    void a.stream.send('Tell me');
    while (!a.stream.getResumeRecord()?.lastEventId) await new Promise((resolve) => setTimeout(resolve, 2));
    await new Promise((resolve) => setTimeout(resolve, 30)); // the save lands; the interval is far off
    const saved = first.copy();
    a.stream.stop();
    const b = page(server.url('/chat'), mapStorage(saved).storage);
    await b.persisted.restored;
    expect(b.stream.getIsStreaming()).toBe(true);
    await new Promise<void>((resolve) => b.stream.on('finish', () => resolve()));
    expect(b.stream.getMessages()[1]!.content).toBe(TEXT);
    expect(state.producers).toBe(1);
  });

  it('restarts cleanly when the server no longer holds the reply: the new reply replaces the partial one', async () => {
    const { server, state } = await startKitServer();
    servers.push(server);
    const first = mapStorage();
    const a = page(server.url('/chat'), first.storage);
    await a.persisted.restored;
    void a.stream.send('Tell me');
    while (!((first.map.get('c1') as ChatRecord | undefined)?.resume?.lastEventId)) await new Promise((resolve) => setTimeout(resolve, 5));
    await new Promise((resolve) => setTimeout(resolve, 60));
    const saved = first.copy();
    a.stream.stop();
    state.store = createMemoryResumeStore(); // the server restarted: the reply is gone

    const b = page(server.url('/chat'), mapStorage(saved).storage);
    const restarts: unknown[] = [];
    b.stream.on('restart', (info) => restarts.push(info));
    await b.persisted.restored;
    await new Promise<void>((resolve) => b.stream.on('finish', () => resolve()));
    expect(b.stream.getMessages()[1]!.content).toBe(TEXT);
    expect(restarts).toHaveLength(1);
    expect(state.producers).toBe(2);
    // The same request went out again (the saved body), not a rebuilt one.
    expect(state.bodies[1]).toEqual(state.bodies[0]);
  });

  it('saves at most once per saveInterval while streaming, and once more when the reply ends', async () => {
    const { server } = await startKitServer(10);
    servers.push(server);
    const memory = mapStorage();
    const a = page(server.url('/chat'), memory.storage, 100);
    await a.persisted.restored;
    const started = Date.now();
    await a.stream.send('Tell me');
    const elapsed = Date.now() - started;
    await a.persisted.flush();
    // Every token is a change (40+), yet saves are bounded by elapsed time / interval (+ the first one, the one
    // when the reply becomes resumable, the final one).
    expect(memory.sets()).toBeGreaterThanOrEqual(2);
    expect(memory.sets()).toBeLessThanOrEqual(Math.floor(elapsed / 100) + 4);
    const record = memory.map.get('c1') as ChatRecord;
    expect(record).toMatchObject({ version: 1, id: 'c1' });
    expect(messagesOf(record.conversation)[1]).toMatchObject({ content: TEXT, status: 'complete' });
  });

  it('resume: false ends a reply left streaming as stopped, with its partial text', async () => {
    const memory = mapStorage();
    const partial = { id: 'a1', role: 'assistant', content: 'Half', timestamp: 1, status: 'streaming' };
    await memory.storage.set('c1', {
      version: 1, id: 'c1', updatedAt: 1,
      conversation: [{ id: 'u1', role: 'user', content: 'hi', timestamp: 1 }, partial],
      resume: { messageId: 'a1', lastEventId: 's-3', body: {}, stepBase: { ...partial, content: '' } },
    });
    const stream = new AIStream({ endpoint: 'http://127.0.0.1:9/never' });
    const persisted = persistChat(stream, { storage: memory.storage, id: 'c1', resume: false });
    await persisted.restored;
    expect(stream.getIsStreaming()).toBe(false);
    expect(stream.getMessages()[1]).toMatchObject({ content: 'Half', status: 'aborted' });
  });

  it('resume: false keeps the other branches of a saved tree when it ends the streaming reply as stopped', async () => {
    const memory = mapStorage();
    const node = (id: string, role: 'user' | 'assistant', content: string, parent: string, status?: 'streaming' | 'complete') =>
      ({ message: { id, role, content, timestamp: 1, ...(status && { status }) }, parent });
    await memory.storage.set('c1', {
      version: 1, id: 'c1', updatedAt: 1,
      conversation: {
        version: 1,
        nodes: { u1: node('u1', 'user', 'hi', ''), a1: node('a1', 'assistant', 'First', 'u1', 'complete'), a2: node('a2', 'assistant', 'Half', 'u1', 'streaming') },
        children: { '': ['u1'], u1: ['a1', 'a2'] },
        active: { '': 'u1', u1: 'a2' },
      },
      resume: { messageId: 'a2', lastEventId: 's-3', body: {}, stepBase: { id: 'a2', role: 'assistant', content: '', timestamp: 1, status: 'streaming' } },
    });
    const stream = new AIStream({ endpoint: 'http://127.0.0.1:9/never' });
    const persisted = persistChat(stream, { storage: memory.storage, id: 'c1', resume: false });
    await persisted.restored;
    expect(stream.getMessages()[1]).toMatchObject({ content: 'Half', status: 'aborted' });
    expect(stream.getBranches('a2')).toEqual({ index: 1, count: 2 });
    stream.switchBranch('a2', 0);
    expect(stream.getMessages()[1]).toMatchObject({ content: 'First' });
  });
});
