import { afterEach, describe, expect, it, vi } from 'vitest';
import { AIStream } from '../../src/core/index';
import { WebStreamingResponse, createStreamingResponse } from '../../src/server/index';
import { serveFetch, type FetchServer } from './support/fetch-server';
import { until } from './support/node-server';
import { assertKitFraming, readWire, wireReader } from './support/sse';

let app: FetchServer | undefined;
afterEach(async () => {
  vi.useRealTimers();
  await app?.close();
  app = undefined;
});

describe('createStreamingResponse (Web streams)', () => {
  it('returns a standard Response with the SSE headers and the kit protocol', async () => {
    const { response, stream } = createStreamingResponse({ customHeaders: { 'X-Trace': 't1' }, streamId: 'web_1' });
    expect(response).toBeInstanceOf(Response);
    expect(stream.toResponse()).toBe(response);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/event-stream; charset=utf-8');
    expect(response.headers.get('cache-control')).toBe('no-cache, no-transform');
    expect(response.headers.get('x-accel-buffering')).toBe('no');
    expect(response.headers.get('x-trace')).toBe('t1');
    // Hop-by-hop: the runtime owns the connection (and HTTP/2 forbids the header).
    expect(response.headers.get('connection')).toBeNull();

    stream.start().sendToken('Hi').sendReasoning('r').sendToolCallStart('k', 'id', 'fn').sendToolCallDelta('k', '{}').sendToolCallEnd('k');
    stream.sendUsage({ promptTokens: 1, completionTokens: 2 }).sendFinish('stop').end();
    const { events } = await readWire(response.body);
    expect(assertKitFraming(events)).toBe('web_1');
    expect(events.map((e) => e.event)).toEqual([
      'start',
      'token',
      'reasoning',
      'tool-call-start',
      'tool-call-delta',
      'tool-call-end',
      'usage',
      'finish',
      'done',
    ]);
    expect(stream.getMessageCount()).toBe(9);
  });

  it('round-trips to AIStream through a fetch-style route handler', async () => {
    // What a Next.js App Router route does; AIStream's `fetch` option calls it in-process.
    async function POST(request: Request): Promise<Response> {
      const { messages } = (await request.json()) as { messages: { content: string }[] };
      const { response, stream } = createStreamingResponse({ signal: request.signal });
      void (async () => {
        stream.start({ model: 'echo' });
        for (const word of messages.at(-1)!.content.split(' ')) {
          stream.sendToken(`${word} `);
          await stream.ready();
        }
        stream.sendUsage({ promptTokens: 2, completionTokens: 2 }).sendFinish('stop').end();
      })();
      return response;
    }
    const client = new AIStream({
      endpoint: 'http://app.test/api/chat',
      fetch: (input, init) => POST(new Request(input, init)),
      retry: { maxRetries: 0 },
    });
    await client.send('echo this back');
    expect(client.getMessages()[1]).toMatchObject({
      content: 'echo this back ',
      finishReason: 'stop',
      usage: { promptTokens: 2, completionTokens: 2, totalTokens: 4 },
      metadata: { model: 'echo' },
      status: 'complete',
    });
  });

  it('cancelling the body fires signal; later sends are dropped without throwing', async () => {
    const { response, stream } = createStreamingResponse();
    stream.sendToken('one');
    const reader = wireReader(response.body!);
    await reader.next();
    await reader.cancel();
    expect(stream.signal.aborted).toBe(true);
    expect(stream.signal.reason).toMatchObject({ name: 'AbortError', code: 'client_disconnected' });
    expect(stream.isStreamActive()).toBe(false);
    expect(() => stream.sendToken('two').end()).not.toThrow();
    expect(stream.droppedWrites).toBe(1);
  });

  it('served over HTTP: the client going away aborts request.signal and the stream', async () => {
    let stream: WebStreamingResponse | undefined;
    app = await serveFetch((request) => {
      const created = createStreamingResponse({ signal: request.signal });
      stream = created.stream.sendToken('hello');
      return created.response;
    });
    const controller = new AbortController();
    const response = await fetch(app.url(), { method: 'POST', body: '{}', signal: controller.signal });
    const reader = wireReader(response.body!);
    await reader.next();
    controller.abort();
    await until(() => stream!.signal.aborted);
    expect(stream!.signal.reason).toMatchObject({ code: 'client_disconnected' });
  });

  it('sends heartbeats and clears them on end, abort and cancel', async () => {
    vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval'] });
    const ended = new WebStreamingResponse({ enableHeartbeat: true, heartbeatInterval: 500 }).start();
    const reader = wireReader(ended.readable);
    await reader.next();
    vi.advanceTimersByTime(1500);
    await reader.untilComments(3);
    expect(reader.comments).toEqual(['ping', 'ping', 'ping']);
    ended.end();
    expect(vi.getTimerCount()).toBe(0);

    const aborted = new WebStreamingResponse({ enableHeartbeat: true }).start();
    expect(vi.getTimerCount()).toBe(1);
    aborted.abort('x');
    expect(vi.getTimerCount()).toBe(0);

    const cancelled = new WebStreamingResponse({ enableHeartbeat: true }).start();
    expect(vi.getTimerCount()).toBe(1);
    await cancelled.readable.cancel();
    expect(vi.getTimerCount()).toBe(0);
  });

  it('rejects a streamId that would break event ids', () => {
    expect(() => new WebStreamingResponse({ streamId: 'a-b' })).toThrow(TypeError);
    expect(() => new WebStreamingResponse({ streamId: 'ok_ID_9' })).not.toThrow();
  });
});
