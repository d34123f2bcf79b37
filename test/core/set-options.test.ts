import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { AIStream, AIStreamError } from '../../src/core';
import { kitReply } from '../helpers/fixtures';
import { json, respond, startServer, type TestServer } from '../helpers/server';

let server: TestServer;
beforeEach(async () => {
  server = await startServer();
});
afterEach(() => server.close());

const FAST_RETRY = { maxRetries: 2, initialDelay: 5, maxDelay: 10 };

describe('AIStream.setOptions: the hooks push options in (no proxy over a ref)', () => {
  it('replaces callbacks, headers and body for the next reply; a field given as undefined is removed', async () => {
    server.reply(respond(kitReply(['one'])), respond(kitReply(['two'])));
    const first = vi.fn();
    const second = vi.fn();
    const stream = new AIStream({ endpoint: server.url('/chat'), onFinish: first, onToken: first, headers: { 'x-version': '1' } });
    stream.setOptions({ onFinish: second, onToken: undefined, headers: { 'x-version': '2' }, body: () => ({ custom: true }) });
    await stream.send('q');
    expect(first).not.toHaveBeenCalled();
    expect(second).toHaveBeenCalledTimes(1);
    expect(second.mock.calls[0]![0].message.content).toBe('one');
    expect(server.requests[0]!.headers['x-version']).toBe('2');
    expect(server.requests[0]!.body).toEqual({ custom: true });

    stream.setOptions({ body: undefined });
    await stream.send('again');
    expect(server.requests[1]!.body).toMatchObject({ messages: [{ role: 'user', content: 'q' }, { role: 'assistant', content: 'one' }, { role: 'user', content: 'again' }] });
  });

  it('during a reply: callbacks and headers follow at once (the retry sends the new headers), the endpoint only from the next reply', async () => {
    server.reply(json(503, { error: { message: 'busy' } }), respond(kitReply(['late'])), respond(kitReply(['next'])));
    const before = vi.fn();
    const after = vi.fn();
    const stream = new AIStream({ endpoint: server.url('/old'), headers: { 'x-version': '1' }, onFinish: before, retry: FAST_RETRY });
    stream.on('retry', () => stream.setOptions({ endpoint: server.url('/new'), headers: { 'x-version': '2' }, onFinish: after }));
    await stream.send('q');
    expect(server.requests.map((r) => [r.path, r.headers['x-version']])).toEqual([
      ['/old', '1'],
      ['/old', '2'],
    ]);
    expect(before).not.toHaveBeenCalled();
    expect(after).toHaveBeenCalledTimes(1);
    await stream.send('next');
    expect(server.requests[2]!.path).toBe('/new');
  });

  it('a callback first given by setOptions is called (onToken too, which is listened to only once a config has it)', async () => {
    server.reply(respond(kitReply(['a', 'b'])));
    const stream = new AIStream({ endpoint: server.url('/chat') });
    const tokens: string[] = [];
    stream.setOptions({ onToken: (token) => tokens.push(token) });
    await stream.send('q');
    expect(tokens).toEqual(['a', 'b']);
  });

  it('rejects an unusable config and keeps the one it had', async () => {
    server.reply(respond(kitReply(['ok'])));
    const stream = new AIStream({ endpoint: server.url('/chat') });
    expect(() => stream.setOptions({ endpoint: '' })).toThrow(AIStreamError);
    expect(() => stream.setOptions({ idleTimeout: -1 })).toThrow(/idleTimeout must be a number/);
    await stream.send('q');
    expect(server.requests[0]!.path).toBe('/chat');
  });
});
