import { connect as connectHttp2, createServer as createHttp2Server } from 'node:http2';
import type { AddressInfo } from 'node:net';
import { EventSource } from 'eventsource';
import express from 'express';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { AIStream } from '../../src/core/index';
import { StreamClosedError, StreamingResponse } from '../../src/server/index';
import { serveNode, until, wait, type NodeServer } from './support/node-server';
import { assertKitFraming, readWire, wireReader } from './support/sse';

let server: NodeServer | undefined;
afterEach(async () => {
  vi.useRealTimers();
  await server?.close();
  server = undefined;
});

describe('StreamingResponse over node:http', () => {
  it('sends the SSE headers and exactly the kit protocol, with an id on every event', async () => {
    server = await serveNode((_req, res) => {
      new StreamingResponse(res, { customHeaders: { 'X-Request-Id': 'abc' }, streamId: 'reply_1' })
        .start({ model: 'gpt-4o', messageId: 'msg_1' })
        .sendToken('Hel', 0)
        .sendToken('lo', 1)
        .sendUsage({ promptTokens: 3, completionTokens: 2 })
        .sendMetadata({ model: 'gpt-4o' })
        .sendFinish('stop')
        .end();
    });
    const response = await fetch(server.url('/chat'));
    expect(response.headers.get('content-type')).toBe('text/event-stream; charset=utf-8');
    expect(response.headers.get('cache-control')).toBe('no-cache, no-transform');
    expect(response.headers.get('connection')).toBe('keep-alive');
    expect(response.headers.get('x-accel-buffering')).toBe('no');
    expect(response.headers.get('x-request-id')).toBe('abc');
    expect(response.headers.get('content-encoding')).toBeNull();

    const { events, text } = await readWire(response.body);
    expect(assertKitFraming(events)).toBe('reply_1');
    expect(text.startsWith('id: reply_1-1\nevent: start\ndata: {"streamId":"reply_1","messageId":"msg_1","model":"gpt-4o"}\n\n')).toBe(true);
    expect(events.map((e) => [e.event, JSON.parse(e.data)])).toEqual([
      ['start', { streamId: 'reply_1', messageId: 'msg_1', model: 'gpt-4o' }],
      ['token', { token: 'Hel', index: 0 }],
      ['token', { token: 'lo', index: 1 }],
      ['usage', { promptTokens: 3, completionTokens: 2, totalTokens: 5 }],
      ['metadata', { model: 'gpt-4o' }],
      ['finish', { reason: 'stop' }],
      ['done', {}],
    ]);
  });

  it('chains, counts events and reports its state', async () => {
    const seen: Record<string, unknown> = {};
    server = await serveNode((_req, res) => {
      const stream = new StreamingResponse(res);
      seen.beforeStart = stream.isStreamActive();
      const returned = stream.start().sendToken('a').sendReasoning('r');
      seen.chained = returned === stream;
      seen.active = stream.isStreamActive();
      seen.count = stream.getMessageCount();
      seen.lastEventId = stream.lastEventId;
      stream.end();
      seen.afterEnd = stream.isStreamActive();
      seen.countAfterEnd = stream.getMessageCount();
      seen.afterEndReturns = stream.sendToken('late') === stream;
      seen.dropped = stream.droppedWrites;
      seen.signalAborted = stream.signal.aborted;
      seen.streamId = stream.streamId;
    });
    await readWire((await fetch(server.url())).body);
    expect(seen).toMatchObject({
      beforeStart: false,
      chained: true,
      active: true,
      count: 3,
      afterEnd: false,
      countAfterEnd: 4,
      afterEndReturns: true,
      dropped: 1,
      signalAborted: false,
    });
    expect(seen.lastEventId).toBe(`${seen.streamId as string}-3`);
    expect(seen.streamId).toMatch(/^[a-f0-9]{16}$/);
  });

  it('starts itself on the first send', async () => {
    server = await serveNode((_req, res) => void new StreamingResponse(res).sendToken('x').end());
    const { events } = await readWire((await fetch(server.url())).body);
    expect(events.map((e) => e.event)).toEqual(['start', 'token', 'done']);
  });

  it('abort(error) sends error then done, masked, and fires the signal', async () => {
    let reason: unknown;
    const reported: unknown[] = [];
    server = await serveNode((_req, res) => {
      const stream = new StreamingResponse(res, { onError: (error) => reported.push(error) }).start().sendToken('partial');
      stream.signal.addEventListener('abort', () => (reason = stream.signal.reason));
      const error = Object.assign(new Error('Upstream exploded'), { code: 'rate_limit_exceeded', status: 429 });
      stream.abort(error);
      stream.abort('twice'); // no-op
    });
    const { events, text } = await readWire((await fetch(server.url())).body);
    expect(events.map((e) => e.event)).toEqual(['start', 'token', 'error', 'done']);
    expect(JSON.parse(events[2]!.data)).toEqual({
      error: 'The model provider is rate limiting requests',
      code: 'rate_limit_exceeded',
      status: 429,
      retryable: true,
    });
    expect(text).not.toMatch(/at .*\.ts|stack|exploded/);
    expect(reported).toEqual([expect.objectContaining({ message: 'Upstream exploded' })]);
    expect(reason).toBeInstanceOf(StreamClosedError);
    expect(reason).toMatchObject({ name: 'AbortError', code: 'aborted', cause: reported[0] });
  });

  it('sendError accepts a message, an { error, code } object, an Error and any thrown value', async () => {
    server = await serveNode((_req, res) => {
      const error = new TypeError('bad input');
      error.stack = 'TypeError: bad input\n    at secret (/srv/app/secret.ts:1:1)';
      new StreamingResponse(res, { onError: () => {} })
        .sendError('Rate limit exceeded')
        .sendError({ error: 'Rate limit exceeded', code: 'RATE_LIMIT', retryable: true })
        .sendError(error)
        .sendError({ password: 'hunter2' })
        .sendError(42)
        .end();
    });
    const { events, text } = await readWire((await fetch(server.url())).body);
    expect(events.filter((e) => e.event === 'error').map((e) => JSON.parse(e.data))).toEqual([
      { error: 'Rate limit exceeded', code: 'server_error' },
      { error: 'Rate limit exceeded', code: 'RATE_LIMIT', retryable: true },
      { error: 'Internal server error', code: 'internal_error' },
      { error: 'Internal server error', code: 'internal_error' },
      { error: 'Internal server error', code: 'internal_error' },
    ]);
    expect(text).not.toContain('secret');
    expect(text).not.toContain('bad input');
    expect(text).not.toContain('hunter2');
  });

  it('round-trips every part type to AIStream', async () => {
    server = await serveNode((_req, res) => {
      new StreamingResponse(res)
        .start({ model: 'm-1' })
        .sendReasoning('Thinking ')
        .sendReasoning('hard.')
        .sendToken('Hello')
        .sendToken(' world')
        .sendToolCallStart(0, 'call_1', 'get_weather')
        .sendToolCallDelta(0, '{"city":')
        .sendToolCallDelta(0, '"Paris"}')
        .sendToolCallEnd(0)
        .sendToolCallStart('item_b', 'call_2', 'get_time')
        .sendToolCallEnd('item_b', '{"tz":"CET"}')
        .sendMetadata({ requestId: 'r-9' })
        .sendUsage({ promptTokens: 10 })
        .sendUsage({ completionTokens: 7 })
        .sendFinish('tool_calls')
        .end();
    });
    const client = new AIStream({ endpoint: server.url('/chat'), retry: { maxRetries: 0 } });
    await client.send('Weather?');
    const reply = client.getMessages()[1]!;
    expect(reply).toMatchObject({
      role: 'assistant',
      content: 'Hello world',
      reasoning: 'Thinking hard.',
      finishReason: 'tool_calls',
      status: 'complete',
      usage: { promptTokens: 10, completionTokens: 7, totalTokens: 17 },
    });
    expect(reply.metadata).toMatchObject({ model: 'm-1', requestId: 'r-9' });
    expect(reply.toolCalls).toEqual([
      expect.objectContaining({ id: 'call_1', name: 'get_weather', argsText: '{"city":"Paris"}', args: { city: 'Paris' }, state: 'complete' }),
      expect.objectContaining({ id: 'call_2', name: 'get_time', argsText: '{"tz":"CET"}', args: { tz: 'CET' }, state: 'complete' }),
    ]);
    expect(client.getUsage()).toEqual({ promptTokens: 10, completionTokens: 7, totalTokens: 17 });
  });

  it('is readable by the eventsource npm client (GET)', async () => {
    server = await serveNode(async (_req, res) => {
      const stream = new StreamingResponse(res).start();
      for (const token of ['one ', 'two ', 'three']) {
        stream.sendToken(token);
        await wait(5);
      }
      stream.end();
    });
    const source = new EventSource(server.url('/events'));
    const received: { type: string; id: string; data: string }[] = [];
    await new Promise<void>((resolve, reject) => {
      for (const type of ['start', 'token']) {
        source.addEventListener(type, (event) => received.push({ type, id: event.lastEventId, data: event.data }));
      }
      source.addEventListener('done', () => resolve());
      source.onerror = (error) => reject(new Error(`EventSource error: ${error.message}`));
    });
    source.close();
    expect(received.map((r) => r.type)).toEqual(['start', 'token', 'token', 'token']);
    expect(received.slice(1).map((r) => JSON.parse(r.data).token).join('')).toBe('one two three');
    expect(received.map((r) => r.id.split('-')[1])).toEqual(['1', '2', '3', '4']);
  });

  it('sends a heartbeat comment every heartbeatInterval and clears it on end', async () => {
    vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval'] });
    let stream: StreamingResponse | undefined;
    server = await serveNode((_req, res) => {
      stream = new StreamingResponse(res, { enableHeartbeat: true, heartbeatInterval: 1000 }).start();
    });
    const response = await fetch(server.url());
    const reader = wireReader(response.body!);
    expect((await reader.next())?.event).toBe('start');
    expect(vi.getTimerCount()).toBe(1);
    vi.advanceTimersByTime(999);
    stream!.sendToken('before the first ping');
    expect((await reader.next())?.event).toBe('token');
    expect(reader.comments).toEqual([]);
    vi.advanceTimersByTime(1);
    await reader.untilComments(1);
    vi.advanceTimersByTime(2000);
    await reader.untilComments(3);
    expect(reader.comments).toEqual(['ping', 'ping', 'ping']);
    stream!.sendToken('after ping').end();
    expect(vi.getTimerCount()).toBe(0);
    expect((await reader.next())?.event).toBe('token');
    expect((await reader.next())?.event).toBe('done');
  });

  it('clears the heartbeat on abort and when the client leaves', async () => {
    vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval'] });
    const timers: number[] = [];
    const streams: StreamingResponse[] = [];
    server = await serveNode((req, res) => {
      const stream = new StreamingResponse(res, { enableHeartbeat: true, heartbeatInterval: 10 }).start();
      streams.push(stream);
      timers.push(vi.getTimerCount());
      if (req.url === '/abort') {
        stream.abort('stop');
        timers.push(vi.getTimerCount());
      }
    });
    await readWire((await fetch(server.url('/abort'))).body);
    expect(timers).toEqual([1, 0]);

    const controller = new AbortController();
    const response = await fetch(server.url('/leave'), { signal: controller.signal });
    await wireReader(response.body!).next();
    expect(vi.getTimerCount()).toBe(1);
    controller.abort();
    await until(() => streams[1]!.signal.aborted);
    expect(vi.getTimerCount()).toBe(0);
  });

  it('fires signal when the client disconnects; later sends are dropped, never thrown', async () => {
    let stream: StreamingResponse | undefined;
    server = await serveNode((_req, res) => {
      stream = new StreamingResponse(res).start().sendToken('first');
    });
    const controller = new AbortController();
    const response = await fetch(server.url(), { signal: controller.signal });
    const reader = wireReader(response.body!);
    await reader.next();
    await reader.next();
    controller.abort();
    await until(() => stream!.signal.aborted);
    expect(stream!.signal.reason).toMatchObject({ code: 'client_disconnected' });
    expect(stream!.isStreamActive()).toBe(false);
    expect(stream!.clientConnected).toBe(false);
    const count = stream!.getMessageCount();
    expect(() => stream!.sendToken('nobody').sendUsage({ promptTokens: 1 }).sendError('x').end()).not.toThrow();
    expect(() => stream!.abort('late')).not.toThrow();
    expect(stream!.droppedWrites).toBe(3);
    expect(stream!.getMessageCount()).toBe(count);
  });

  it('treats an aborted options.signal like a disconnect', async () => {
    const external = new AbortController();
    let stream: StreamingResponse | undefined;
    server = await serveNode((_req, res) => {
      stream = new StreamingResponse(res, { signal: external.signal }).start();
    });
    const response = await fetch(server.url());
    const reader = wireReader(response.body!);
    await reader.next();
    external.abort();
    expect(stream!.signal.aborted).toBe(true);
    await expect(reader.next()).rejects.toThrow();
  });

  it('gzips with a flush per event when compressionEnabled and the client accepts gzip', async () => {
    const release: (() => void)[] = [];
    server = await serveNode(async (_req, res) => {
      const stream = new StreamingResponse(res, { compressionEnabled: true }).start();
      for (const token of ['alpha', 'beta']) {
        stream.sendToken(token);
        // The next event is only sent once the client saw this one: a buffering compressor would deadlock.
        await new Promise<void>((resolve) => release.push(resolve));
      }
      stream.end();
    });
    const response = await fetch(server.url()); // undici sends Accept-Encoding: gzip, deflate and inflates
    expect(response.headers.get('content-encoding')).toBe('gzip');
    expect(response.headers.get('vary')).toBe('Accept-Encoding');
    const reader = wireReader(response.body!);
    expect((await reader.next())?.event).toBe('start');
    expect(JSON.parse((await reader.next())!.data)).toEqual({ token: 'alpha' });
    release.shift()!();
    expect(JSON.parse((await reader.next())!.data)).toEqual({ token: 'beta' });
    release.shift()!();
    expect((await reader.next())?.event).toBe('done');
    expect(await reader.next()).toBeUndefined();
  });

  it('does not gzip when the client does not accept it', async () => {
    server = await serveNode((_req, res) => void new StreamingResponse(res, { compressionEnabled: true }).sendToken('x').end());
    const response = await fetch(server.url(), { headers: { 'Accept-Encoding': 'identity, gzip;q=0' } });
    expect(response.headers.get('content-encoding')).toBeNull();
    expect((await readWire(response.body)).events.map((e) => e.event)).toEqual(['start', 'token', 'done']);
  });

  it('omits Connection on HTTP/2', async () => {
    const h2 = createHttp2Server((req, res) => {
      new StreamingResponse(res as never).sendToken('over h2').end();
    });
    await new Promise<void>((resolve) => h2.listen(0, '127.0.0.1', resolve));
    const session = connectHttp2(`http://127.0.0.1:${(h2.address() as AddressInfo).port}`);
    try {
      const request = session.request({ ':path': '/' });
      const [headers, body] = await new Promise<[Record<string, unknown>, string]>((resolve, reject) => {
        let text = '';
        let head: Record<string, unknown> = {};
        request.on('response', (h) => (head = h));
        request.setEncoding('utf8');
        request.on('data', (chunk: string) => (text += chunk));
        request.on('end', () => resolve([head, text]));
        request.on('error', reject);
      });
      expect(headers[':status']).toBe(200);
      expect(headers['content-type']).toBe('text/event-stream; charset=utf-8');
      expect(headers.connection).toBeUndefined();
      expect(body).toContain('"token":"over h2"');
    } finally {
      session.close();
      await new Promise<void>((resolve) => h2.close(() => resolve()));
    }
  });
});

describe('StreamingResponse in Express', () => {
  it('streams to an AIStream client and keeps headers set by earlier middleware', async () => {
    const app = express();
    app.use(express.json());
    app.use((_req, res, next) => {
      res.setHeader('Access-Control-Allow-Origin', '*');
      next();
    });
    app.post('/api/chat', async (req, res) => {
      const stream = new StreamingResponse(res, { enableHeartbeat: true });
      stream.start();
      const last = (req.body as { messages: { content: string }[] }).messages.at(-1)!.content;
      for (const word of `You said: ${last}`.split(/(?= )/)) {
        stream.sendToken(word);
        await stream.ready();
      }
      stream.sendUsage({ promptTokens: 4, completionTokens: 3, totalTokens: 7 }).sendFinish('stop').end();
    });
    const listening = app.listen(0, '127.0.0.1');
    await new Promise<void>((resolve) => listening.once('listening', () => resolve()));
    try {
      const url = `http://127.0.0.1:${(listening.address() as AddressInfo).port}/api/chat`;
      const client = new AIStream({ endpoint: url, retry: { maxRetries: 0 } });
      await client.send('hello there');
      expect(client.getMessages()[1]).toMatchObject({ content: 'You said: hello there', finishReason: 'stop', status: 'complete' });
      expect(client.getUsage()).toEqual({ promptTokens: 4, completionTokens: 3, totalTokens: 7 });
      const raw = await fetch(url, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{"messages":[{"content":"x"}]}' });
      expect(raw.headers.get('access-control-allow-origin')).toBe('*');
      expect(raw.headers.get('content-type')).toBe('text/event-stream; charset=utf-8');
      assertKitFraming((await readWire(raw.body)).events);
    } finally {
      listening.closeAllConnections();
      await new Promise<void>((resolve) => listening.close(() => resolve()));
    }
  });
});
