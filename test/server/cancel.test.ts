/**
 * Issue 12, "Stop that works on a resumed reply": with a resume store a reply outlives its
 * connection, so Stop must send the cancel request. Real servers on 127.0.0.1: the official
 * `openai` client against a fake that sees its request closed, AIStream as the client, the
 * memory store, Node and fetch-style handlers.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AIStream, AIStreamError, sendCancelRequest } from '../../src/core/index';
import { createMemoryResumeStore, type MemoryResumeStore } from '../../src/server/index';
import { closedCode, fetchChatRoute, nodeChatRoute, type Producer } from './support/cancel-app';
import { startCuttingProxy, type CuttingProxy } from './support/cutting-proxy';
import { fakeText, startFakeOpenAI, type FakeOpenAI } from './support/fake-openai-stream';
import { serveFetch, type FetchServer } from './support/fetch-server';
import { serveNode, until, type NodeServer } from './support/node-server';
import { readWire } from './support/sse';

let provider: FakeOpenAI;
let store: MemoryResumeStore;
let producers: Producer[];
let app: NodeServer | FetchServer | undefined;
let proxy: CuttingProxy | undefined;

beforeEach(async () => {
  provider = await startFakeOpenAI({ tokens: 400, intervalMs: 10 });
  store = createMemoryResumeStore();
  producers = [];
});
afterEach(async () => {
  await proxy?.close();
  await app?.close();
  await provider.close();
  app = proxy = undefined;
});

/** Starts a reply as `user` and resolves once `tokens` tokens have arrived. */
async function streamUntil(endpoint: string, tokens: number, config: Partial<ConstructorParameters<typeof AIStream>[0]> = {}) {
  const client = new AIStream({ endpoint, headers: { 'x-user': 'alice' }, ...config });
  const errors: AIStreamError[] = [];
  client.on('error', (error) => errors.push(error));
  let seen = 0;
  client.on('token', () => seen++);
  const sent = client.send('Hi');
  await until(() => seen >= tokens, 5000);
  return { client, sent, errors, streamId: () => producers.at(-1)!.streamId };
}

/** What a later resume of the stream gets (as its owner), from its first event on. */
async function resumeFromStart(endpoint: string, streamId: string) {
  const response = await fetch(endpoint, { method: 'POST', headers: { 'x-user': 'alice', 'Last-Event-ID': `${streamId}-1` } });
  expect(response.status).toBe(200);
  const { events } = await readWire(response.body);
  return { events, text: events.filter((e) => e.event === 'token').map((e) => (JSON.parse(e.data) as { token: string }).token).join('') };
}

describe('Stop sends the cancel request (memory store)', () => {
  it('Node route: stop() aborts the producer and the provider request; a resume gets what was sent, finish (aborted) and done', async () => {
    app = await serveNode(nodeChatRoute(store, provider.baseURL, producers));
    const { client, sent, errors, streamId } = await streamUntil(app.url('/api/chat'), 5);
    client.stop();
    await sent;
    await until(() => provider.calls[0]!.aborted, 5000);
    expect(closedCode(producers[0])).toBe('cancelled');
    expect(provider.calls).toHaveLength(1);
    expect(client.getMessages().at(-1)!.status).toBe('aborted');

    const resumed = await resumeFromStart(app.url('/api/chat'), streamId());
    expect(resumed.events.slice(-2).map((e) => [e.event, e.data])).toEqual([['finish', '{"reason":"aborted"}'], ['done', '{}']]);
    // What the provider sent before it was stopped (the last chunk may have been in flight), of
    // which the client showed a prefix.
    expect(fakeText(provider.calls[0]!.sent).startsWith(resumed.text)).toBe(true);
    expect(resumed.text.length).toBeGreaterThanOrEqual(fakeText(5).length);
    expect(resumed.text.startsWith(client.getMessages().at(-1)!.content)).toBe(true);
    expect(errors).toEqual([]);
  });

  it('fetch-style route (createCancelResponse): stop() aborts the producer and the provider request', async () => {
    app = await serveFetch(fetchChatRoute(store, provider.baseURL, producers));
    const { client, sent, errors } = await streamUntil(app.url('/api/chat'), 5);
    client.stop();
    await sent;
    await until(() => provider.calls[0]!.aborted, 5000);
    expect(closedCode(producers[0])).toBe('cancelled');
    expect(errors).toEqual([]);
  });

  it('a stranger gets 403 and the reply goes on to its end', async () => {
    await provider.close();
    provider = await startFakeOpenAI({ tokens: 40, intervalMs: 5 });
    app = await serveNode(nodeChatRoute(store, provider.baseURL, producers));
    const { client, sent, streamId } = await streamUntil(app.url('/api/chat'), 3);
    const refused = await sendCancelRequest({ endpoint: app.url('/api/chat'), headers: { 'x-user': 'mallory' } }, streamId()).catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(AIStreamError);
    expect(refused).toMatchObject({ code: 'http', status: 403, serverCode: 'forbidden' });
    await sent;
    expect(client.getMessages().at(-1)).toMatchObject({ status: 'complete', content: fakeText(40) });
    expect(provider.calls[0]).toMatchObject({ completed: true, aborted: false });
    expect(producers[0]!.signal.aborted).toBe(false);
  });

  it('Stop on a resumed reply (after a dropped connection) stops it on the server', async () => {
    app = await serveNode(nodeChatRoute(store, provider.baseURL, producers));
    // The first connection drops after ~1 kB (a few tokens in); every later one stays.
    proxy = await startCuttingProxy(Number(new URL(app.url()).port), (n) => (n === 0 ? 1000 : Infinity));
    const client = new AIStream({ endpoint: proxy.url('/api/chat'), headers: { 'x-user': 'alice' }, retry: { initialDelay: 1 } });
    let resumed = 0;
    client.on('resume', () => resumed++);
    let afterResume = 0;
    client.on('token', () => resumed && afterResume++);
    const sent = client.send('Hi');
    await until(() => afterResume >= 5, 5000);
    client.stop();
    await sent;
    await until(() => provider.calls[0]!.aborted, 5000);
    expect(closedCode(producers[0])).toBe('cancelled');
    expect(resumed).toBe(1);
    expect(proxy.cuts).toBe(1);
    expect(provider.calls).toHaveLength(1);
  });

  it('cancelling a finished reply is harmless: 204, its record unchanged; an unknown one is 404, no id 400', async () => {
    await provider.close();
    provider = await startFakeOpenAI({ tokens: 10, intervalMs: 1 });
    app = await serveNode(nodeChatRoute(store, provider.baseURL, producers));
    const endpoint = app.url('/api/chat');
    const client = new AIStream({ endpoint, headers: { 'x-user': 'alice' } });
    await client.send('Hi');
    const { streamId } = producers[0]!;
    const before = await resumeFromStart(endpoint, streamId);

    const finished = await fetch(`${endpoint}?streamId=${streamId}`, { method: 'DELETE', headers: { 'x-user': 'alice' } });
    expect(finished.status).toBe(204);
    expect(await sendCancelRequest({ endpoint, headers: { 'x-user': 'alice' } }, streamId)).toBe(true);
    expect(await resumeFromStart(endpoint, streamId)).toEqual(before);
    expect(before.events.at(-2)).toMatchObject({ event: 'finish', data: '{"reason":"stop"}' });

    const unknown = await fetch(`${endpoint}?streamId=alice_nosuchstream`, { method: 'DELETE', headers: { 'x-user': 'alice' } });
    expect([unknown.status, await unknown.json()]).toEqual([404, { error: 'No such stream (it never existed or has expired)', code: 'not_found' }]);
    expect(await sendCancelRequest({ endpoint, headers: { 'x-user': 'alice' } }, 'alice_nosuchstream')).toBe(false);
    const noId = await fetch(endpoint, { method: 'DELETE', headers: { 'x-user': 'alice' } });
    expect(noId.status).toBe(400);
    expect(provider.calls).toHaveLength(1);
  });
});

describe('the memory store cancel', () => {
  it('fires the watchers of a running stream once, reports finished and unknown streams', () => {
    const fired: string[] = [];
    store.append('s1', { seq: 1, event: 'start', data: '{}' });
    store.watchCancel('s1', () => fired.push('a'));
    const unwatch = store.watchCancel('s1', () => fired.push('b'));
    unwatch();
    expect(store.cancel('s1')).toBe('stopped');
    expect(fired).toEqual(['a']);
    store.append('s1', { seq: 2, event: 'done', data: '{}' });
    store.complete('s1');
    expect(store.cancel('s1')).toBe('finished');
    expect(store.cancel('nope')).toBe('unknown');
    expect(fired).toEqual(['a']);
  });
});
