import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { AIStream, AIStreamError, type FinishInfo, type StreamConfig, type ToolCall } from '../../src/core';
import { CHAT_DONE, chatChunk, kitReply } from '../helpers/fixtures';
import { record } from '../helpers/record';
import { closedPortUrl, json, respond, sse, startServer, type TestServer } from '../helpers/server';

let server: TestServer;
beforeEach(async () => {
  server = await startServer();
});
afterEach(async () => {
  vi.unstubAllGlobals();
  await server.close();
});

/** Small delays so retry tests stay fast. */
const FAST_RETRY = { maxRetries: 3, initialDelay: 10, maxDelay: 40 };

function createStream(config: Partial<StreamConfig> = {}): AIStream {
  return new AIStream({ endpoint: server.url('/api/chat'), model: 'test-model', retry: FAST_RETRY, ...config });
}

const rejection = (promise: Promise<unknown>) =>
  promise.then(
    () => {
      throw new Error('expected a rejection');
    },
    (error: unknown) => error as AIStreamError,
  );

describe('AIStream: streaming', () => {
  it('streams a kit-protocol reply and emits events in order, one token event per delta', async () => {
    server.reply(respond(kitReply(['Hel', 'lo', ' world'], { usage: { promptTokens: 7, completionTokens: 3 } })));
    const onToken = vi.fn();
    const onFinish = vi.fn();
    const onCost = vi.fn();
    const stream = createStream({ systemPrompt: 'Be brief.', onToken, onFinish, onCost });
    const events = record(stream);

    await stream.send('Hi there');

    expect(events.names).toEqual([
      'message:user',
      'status:submitted',
      'message:assistant',
      'streaming-start',
      'status:streaming',
      'token',
      'token',
      'token',
      'usage',
      'status:idle',
      'finish',
      'streaming-end',
    ]);
    expect(events.args('token').map(([token]) => token)).toEqual(['Hel', 'lo', ' world']);
    expect(onToken.mock.calls.map(([token]) => token)).toEqual(['Hel', 'lo', ' world']);

    const [user, assistant] = stream.getMessages();
    expect(user).toMatchObject({ role: 'user', content: 'Hi there' });
    expect(user).not.toHaveProperty('status');
    expect(assistant).toMatchObject({
      role: 'assistant',
      content: 'Hello world',
      status: 'complete',
      finishReason: 'stop',
      usage: { promptTokens: 7, completionTokens: 3, totalTokens: 10 },
    });
    expect(stream.getUsage()).toEqual({ promptTokens: 7, completionTokens: 3, totalTokens: 10 });
    expect(onCost).toHaveBeenCalledWith({ promptTokens: 7, completionTokens: 3, totalTokens: 10 });
    const info = onFinish.mock.calls[0]?.[0] as FinishInfo;
    expect(info).toMatchObject({ isAbort: false, isError: false, finishReason: 'stop' });
    expect(info.message.content).toBe('Hello world');
    expect(stream.getStatus()).toBe('idle');
    expect(stream.getIsStreaming()).toBe(false);

    // What the server received.
    const request = server.requests[0]!;
    expect(request.method).toBe('POST');
    expect(request.headers['content-type']).toBe('application/json');
    expect(request.headers.accept).toBe('text/event-stream, application/x-ndjson, text/plain');
    expect(request.headers['last-event-id']).toBeUndefined();
    expect(request.body).toEqual({
      model: 'test-model',
      messages: [
        { role: 'system', content: 'Be brief.' },
        { role: 'user', content: 'Hi there' },
      ],
      stream: true,
    });
  });

  it('streams OpenAI chat chunks: two parallel tool calls parsed at finish, usage-only last chunk', async () => {
    server.reply(
      respond([
        chatChunk({ role: 'assistant', content: '' }),
        chatChunk({ content: 'Checking ' }),
        chatChunk({ content: 'both.' }),
        chatChunk({
          tool_calls: [{ index: 0, id: 'call_a', type: 'function', function: { name: 'weather', arguments: '' } }],
        }),
        chatChunk({
          tool_calls: [{ index: 1, id: 'call_b', type: 'function', function: { name: 'time', arguments: '' } }],
        }),
        chatChunk({ tool_calls: [{ index: 0, function: { arguments: '{"city":' } }] }),
        chatChunk({ tool_calls: [{ index: 1, function: { arguments: '{"tz":"CET"}' } }] }),
        chatChunk({ tool_calls: [{ index: 0, function: { arguments: '"Paris"}' } }] }),
        chatChunk({}, { finish_reason: 'tool_calls' }),
        chatChunk({}, { choices: [], usage: { prompt_tokens: 20, completion_tokens: 12, total_tokens: 32 } }),
        CHAT_DONE,
      ]),
    );
    const onToolCall = vi.fn();
    const stream = createStream({ protocol: 'openai-chat', onToolCall });
    const events = record(stream);

    await stream.send('Weather and time in Paris?');

    const assistant = stream.getMessages()[1]!;
    expect(assistant.content).toBe('Checking both.');
    expect(assistant.finishReason).toBe('tool_calls');
    expect(assistant.toolCalls).toEqual([
      { id: 'call_a', name: 'weather', argsText: '{"city":"Paris"}', args: { city: 'Paris' }, state: 'complete' },
      { id: 'call_b', name: 'time', argsText: '{"tz":"CET"}', args: { tz: 'CET' }, state: 'complete' },
    ]);
    expect(assistant.usage).toEqual({ promptTokens: 20, completionTokens: 12, totalTokens: 32 });
    expect(events.args('tool-call').map(([call]) => (call as ToolCall).id)).toEqual(['call_a', 'call_b']);
    expect(onToolCall).toHaveBeenCalledTimes(2);
    expect(events.names.filter((name) => name === 'token')).toHaveLength(2);
    expect(server.requests[0]!.body).toMatchObject({ stream: true, stream_options: { include_usage: true } });
  });

  it('one tool call when an OpenAI-compatible server repeats the call id on every chunk', async () => {
    const call = (args: string) => ({ tool_calls: [{ index: 0, id: 'call_1', type: 'function', function: { name: 'lookup', arguments: args } }] });
    server.reply(
      respond([
        chatChunk({ role: 'assistant', ...call('') }),
        chatChunk(call('{"q":')),
        chatChunk(call('"x"}')),
        chatChunk({}, { finish_reason: 'tool_calls' }),
        CHAT_DONE,
      ]),
    );
    const onToolCall = vi.fn();
    const stream = createStream({ protocol: 'openai-chat', onToolCall });
    await stream.send('Look it up');
    expect(stream.getMessages()[1]!.toolCalls).toEqual([
      { id: 'call_1', name: 'lookup', argsText: '{"q":"x"}', args: { q: 'x' }, state: 'complete' },
    ]);
    expect(onToolCall).toHaveBeenCalledTimes(1);
  });

  it('reads a non-streaming JSON reply (a server that ignored stream: true) as one complete reply', async () => {
    server.reply(
      json(200, {
        id: 'chatcmpl-1',
        object: 'chat.completion',
        model: 'gpt-4o',
        choices: [{ index: 0, message: { role: 'assistant', content: 'Whole reply.' }, finish_reason: 'stop' }],
        usage: { prompt_tokens: 4, completion_tokens: 3, total_tokens: 7 },
      }),
    );
    const stream = createStream({ protocol: 'openai-chat' });
    const events = record(stream);
    await stream.send('Hi');
    expect(stream.getMessages()[1]).toMatchObject({
      content: 'Whole reply.',
      status: 'complete',
      finishReason: 'stop',
      usage: { promptTokens: 4, completionTokens: 3, totalTokens: 7 },
      metadata: { id: 'chatcmpl-1', model: 'gpt-4o' },
    });
    expect(events.args('token')).toEqual([['Whole reply.']]);
    expect(server.requests).toHaveLength(1);
  });

  it('getMessages and getUsage return copies', async () => {
    server.reply(respond(kitReply(['ok'], { usage: { promptTokens: 1, completionTokens: 1, totalTokens: 2 } })));
    const stream = createStream();
    await stream.send('Hi');

    const messages = stream.getMessages();
    messages[1]!.content = 'tampered';
    messages.push({ id: 'x', role: 'user', content: 'extra', timestamp: 0 });
    const usage = stream.getUsage();
    usage.totalTokens = 999;

    expect(stream.getMessages()).toHaveLength(2);
    expect(stream.getMessages()[1]!.content).toBe('ok');
    expect(stream.getUsage().totalTokens).toBe(2);
  });

  it('sums usage over the conversation', async () => {
    server.reply(
      respond(kitReply(['a'], { usage: { promptTokens: 5, completionTokens: 1, totalTokens: 6 } })),
      respond(kitReply(['b'], { usage: { promptTokens: 8, completionTokens: 2, totalTokens: 10 } })),
    );
    const stream = createStream();
    const onUsage = vi.fn();
    stream.on('usage', onUsage);
    await stream.send('one');
    await stream.send('two');
    expect(stream.getUsage()).toEqual({ promptTokens: 13, completionTokens: 3, totalTokens: 16 });
    expect(onUsage).toHaveBeenLastCalledWith({ promptTokens: 13, completionTokens: 3, totalTokens: 16 });
    // The second request carries the whole conversation.
    expect((server.requests[1]!.body as { messages: unknown[] }).messages).toEqual([
      { role: 'user', content: 'one' },
      { role: 'assistant', content: 'a' },
      { role: 'user', content: 'two' },
    ]);
  });

  it('treats a body that ends after `finish` but without `done` as complete', async () => {
    server.reply(respond(kitReply(['fine']).slice(0, -1)));
    const stream = createStream();
    const onRetry = vi.fn();
    stream.on('retry', onRetry);
    await stream.send('Hi');
    expect(stream.getMessages()[1]).toMatchObject({ content: 'fine', status: 'complete' });
    expect(onRetry).not.toHaveBeenCalled();
    expect(server.requests).toHaveLength(1);
  });
});

describe('AIStream: errors and retries', () => {
  it('retries an HTTP 500 and then succeeds, emitting retry with attempt, delay and error', async () => {
    server.reply(json(500, { error: { message: 'upstream exploded' } }), respond(kitReply(['Recovered'])));
    const stream = createStream();
    const events = record(stream);

    await stream.send('Hi');

    expect(server.requests).toHaveLength(2);
    const [[info]] = events.args('retry') as [[{ attempt: number; delay: number; error: AIStreamError }]];
    expect(info.attempt).toBe(1);
    expect(info.delay).toBeGreaterThanOrEqual(5); // equal jitter: at least half of initialDelay
    expect(info.delay).toBeLessThanOrEqual(10);
    expect(info.error).toMatchObject({ code: 'http', status: 500 });
    expect(info.error.message).toBe('Request failed with 500 Internal Server Error: upstream exploded');
    expect(stream.getMessages()[1]).toMatchObject({ content: 'Recovered', status: 'complete' });
    expect(events.names).not.toContain('error');
    expect(stream.getError()).toBeUndefined();
  });

  it('honours Retry-After on a 429', async () => {
    server.reply(
      json(429, { error: { message: 'Rate limit reached', type: 'rate_limit_error' } }, { 'Retry-After': '1' }),
      respond(kitReply(['later'])),
    );
    const stream = createStream({ retry: { maxRetries: 2, initialDelay: 10, maxDelay: 20 } });
    const onRetry = vi.fn();
    stream.on('retry', onRetry);

    const started = Date.now();
    await stream.send('Hi');
    const elapsed = Date.now() - started;

    const info = onRetry.mock.calls[0]![0] as { delay: number; error: AIStreamError };
    expect(info.delay).toBeGreaterThanOrEqual(1000);
    expect(info.error).toMatchObject({ status: 429, retryAfter: 1000, serverCode: 'rate_limit_error' });
    expect(elapsed).toBeGreaterThanOrEqual(950);
    expect(stream.getMessages()[1]!.content).toBe('later');
  });

  it('does not retry a 401: rejects with the server message, emits error exactly once', async () => {
    server.reply(
      json(401, {
        error: { message: 'Incorrect API key provided', type: 'invalid_request_error', code: 'invalid_api_key' },
      }),
    );
    const onError = vi.fn();
    const stream = createStream({ onError });
    const events = record(stream);

    const error = await rejection(stream.send('Hi'));

    expect(error).toBeInstanceOf(AIStreamError);
    expect(error).toMatchObject({ code: 'http', status: 401, serverCode: 'invalid_api_key', retryable: false });
    expect(error.message).toBe('Request failed with 401 Unauthorized: Incorrect API key provided');
    expect(server.requests).toHaveLength(1);
    expect(events.names.filter((name) => name === 'error')).toHaveLength(1);
    expect(events.names).not.toContain('retry');
    expect(onError).toHaveBeenCalledTimes(1);
    expect(onError).toHaveBeenCalledWith(error);
    expect(stream.getStatus()).toBe('error');
    expect(stream.getError()).toBe(error);
    expect(stream.getIsStreaming()).toBe(false);
    // No reply was started: only the user message, and no finish / streaming-end.
    expect(stream.getMessages().map((m) => m.role)).toEqual(['user']);
    expect(events.names).not.toContain('streaming-end');
  });

  it.each([400, 403, 404, 422])('does not retry HTTP %i', async (status) => {
    server.reply(json(status, { message: 'nope' }));
    const stream = createStream();
    const error = await rejection(stream.send('Hi'));
    expect(error).toMatchObject({ code: 'http', status });
    expect(error.message).toContain(': nope');
    expect(server.requests).toHaveLength(1);
  });

  it('retries a network error (closed port), then fails with a typed network error', async () => {
    const stream = new AIStream({ endpoint: await closedPortUrl('/api/chat'), retry: { ...FAST_RETRY, maxRetries: 2 } });
    const events = record(stream);

    const error = await rejection(stream.send('Hi'));

    expect(error).toMatchObject({ code: 'network', retryable: true });
    expect(error.message).toMatch(/^Could not reach http:\/\/127\.0\.0\.1:\d+\/api\/chat: fetch failed/);
    expect(events.args('retry').map(([info]) => (info as { attempt: number }).attempt)).toEqual([1, 2]);
    expect(events.names.filter((name) => name === 'error')).toHaveLength(1);
  });

  it('does not retry malformed JSON (protocol error)', async () => {
    server.reply(respond([sse('{"token": "Hi', { event: 'token', id: 's-1' })]));
    const stream = createStream();
    const error = await rejection(stream.send('Hi'));
    expect(error.code).toBe('protocol');
    expect(server.requests).toHaveLength(1);
  });

  it('does not retry a 200 application/json body that is no reply: a protocol error says a stream was expected', async () => {
    server.reply(json(200, { status: 'queued' }));
    const stream = createStream();
    const events = record(stream);
    const error = await rejection(stream.send('Hi'));
    expect(error).toMatchObject({ code: 'protocol', retryable: false });
    expect(error.message).toBe('Expected a streaming response but got application/json: {"status":"queued"}');
    expect(server.requests).toHaveLength(1);
    expect(events.names).not.toContain('retry');
    expect(stream.getMessages()[1]).toMatchObject({ status: 'error', error: { code: 'protocol' } });
  });

  it('refuses an event larger than maxBufferSize (protocol error)', async () => {
    server.reply(respond([sse({ token: 'x'.repeat(5000) }, { event: 'token', id: 's-1' }), sse({}, { event: 'done' })]));
    const stream = createStream({ maxBufferSize: 1000 });
    const error = await rejection(stream.send('Hi'));
    expect(error.code).toBe('protocol');
    expect(server.requests).toHaveLength(1);
    expect(stream.getMessages()[1]).toMatchObject({ status: 'error', error: { code: 'protocol' } });
  });

  it('turns an in-stream error event into a server error and keeps the partial reply', async () => {
    const reply = kitReply(['Partial ']);
    server.reply(
      respond([...reply.slice(0, 2), sse({ error: 'Content policy', code: 'content_filter' }, { event: 'error', id: 's1-3' }), sse({}, { event: 'done', id: 's1-4' })]),
    );
    const stream = createStream();
    const events = record(stream);
    const error = await rejection(stream.send('Hi'));
    expect(error).toMatchObject({ code: 'server', message: 'Content policy', serverCode: 'content_filter' });
    expect(server.requests).toHaveLength(1);
    const assistant = stream.getMessages()[1]!;
    expect(assistant).toMatchObject({
      content: 'Partial ',
      status: 'error',
      error: { message: 'Content policy', code: 'server' },
    });
    const [[info]] = events.args('finish') as [[FinishInfo]];
    expect(info).toMatchObject({ isError: true, isAbort: false });
    expect(events.names.slice(-4)).toEqual(['status:error', 'error', 'finish', 'streaming-end']);
  });

  it('retries a retryable in-stream error (overloaded) with a fresh reply', async () => {
    server.reply(
      respond([
        ...kitReply(['Half']).slice(0, 2),
        sse({ error: 'Overloaded', code: 'overloaded_error', retryable: true }, { event: 'error', id: 's1-3' }),
        sse({}, { event: 'done', id: 's1-4' }),
      ]),
      respond(kitReply(['Whole answer'], { streamId: 's2' })),
    );
    const stream = createStream();
    const events = record(stream);
    await stream.send('Hi');
    expect(stream.getMessages()[1]!.content).toBe('Whole answer');
    expect(events.names).toContain('restart');
    // The server failed the reply: no Last-Event-ID, ask for a fresh one.
    expect(server.requests[1]!.headers['last-event-id']).toBeUndefined();
  });

  it('times out when no bytes arrive for idleTimeout', async () => {
    server.reply(respond(kitReply(['Hello']).slice(0, 2), { finish: 'hang' }));
    const stream = createStream({ idleTimeout: 200, retry: { maxRetries: 0 } });
    const started = Date.now();
    const error = await rejection(stream.send('Hi'));
    expect(error).toMatchObject({ code: 'timeout', retryable: true, message: 'No data received for 200 ms' });
    expect(Date.now() - started).toBeGreaterThanOrEqual(190);
    expect(stream.getMessages()[1]).toMatchObject({ content: 'Hello', status: 'error', error: { code: 'timeout' } });
  });

  it('times out while waiting for response headers too', async () => {
    server.reply(async (_req, res) => {
      await new Promise((resolve) => setTimeout(resolve, 1000));
      res.end();
    });
    const stream = createStream({ idleTimeout: 150, retry: { maxRetries: 0 } });
    const error = await rejection(stream.send('Hi'));
    expect(error.code).toBe('timeout');
  });

  it('keeps a stream alive through heartbeat comments past the idle timeout', async () => {
    const reply = kitReply(['Slow', ' but', ' alive']);
    const pings = Array.from({ length: 6 }, () => [80, ': ping\n\n']).flat();
    server.reply(respond([...reply.slice(0, 2), ...pings, ...reply.slice(2)]));
    const stream = createStream({ idleTimeout: 200, retry: { maxRetries: 0 } });
    await stream.send('Hi');
    expect(stream.getMessages()[1]).toMatchObject({ content: 'Slow but alive', status: 'complete' });
  });

  it('emitting error with no listener does not throw; send still rejects', async () => {
    server.reply(json(401, { error: 'bad key' }));
    const stream = createStream();
    const error = await rejection(stream.send('Hi'));
    expect(error).toMatchObject({ code: 'http', message: 'Request failed with 401 Unauthorized: bad key' });
  });

  it('a throwing listener does not break the stream; the error is reported', async () => {
    const reported: unknown[] = [];
    vi.stubGlobal('reportError', (error: unknown) => reported.push(error));
    server.reply(respond(kitReply(['a', 'b', 'c'])));
    const stream = createStream();
    stream.on('token', () => {
      throw new Error('listener bug');
    });
    const tokens: string[] = [];
    stream.on('token', (token) => tokens.push(token));
    await stream.send('Hi');
    expect(stream.getMessages()[1]).toMatchObject({ content: 'abc', status: 'complete' });
    expect(tokens).toEqual(['a', 'b', 'c']);
    expect(reported).toHaveLength(3);
    expect((reported[0] as Error).message).toBe('listener bug');
  });
});

describe('AIStream: control', () => {
  it('stop() keeps the partial reply, goes idle at once and send() resolves', async () => {
    server.reply(respond(kitReply(['Partial', ' text', ' never']).slice(0, 3), { finish: 'hang' }), respond(kitReply(['Next'])));
    const stream = createStream();
    const events = record(stream);
    stream.on('token', (token) => {
      if (token === ' text') stream.stop();
    });

    await stream.send('Hi'); // resolves: an abort is not an error

    const assistant = stream.getMessages()[1]!;
    expect(assistant).toMatchObject({ content: 'Partial text', status: 'aborted' });
    expect(stream.getStatus()).toBe('idle');
    expect(stream.getError()).toBeUndefined();
    const [[info]] = events.args('finish') as [[FinishInfo]];
    expect(info).toMatchObject({ isAbort: true, isError: false });
    expect(events.names.slice(-3)).toEqual(['status:idle', 'finish', 'streaming-end']);
    expect(events.names).not.toContain('error');

    // The next send is accepted right away.
    await stream.send('Again');
    expect(stream.getMessages().map((m) => m.content)).toEqual(['Hi', 'Partial text', 'Again', 'Next']);
  });

  it('stop() while waiting to retry cancels the retry', async () => {
    server.reply(json(503, { error: 'busy' }));
    const stream = createStream({ retry: { maxRetries: 3, initialDelay: 5000, maxDelay: 5000 } });
    stream.on('retry', () => setTimeout(() => stream.stop(), 20));
    const started = Date.now();
    await stream.send('Hi');
    expect(Date.now() - started).toBeLessThan(2000);
    expect(server.requests).toHaveLength(1);
    expect(stream.getStatus()).toBe('idle');
  });

  it('an external AbortSignal stops the reply and every later one', async () => {
    server.reply(respond(kitReply(['one', ' two']).slice(0, 2), { finish: 'hang' }));
    const controller = new AbortController();
    const stream = createStream({ signal: controller.signal });
    stream.on('token', () => controller.abort());
    await stream.send('Hi');
    expect(stream.getMessages()[1]).toMatchObject({ content: 'one', status: 'aborted' });
    expect(stream.getStatus()).toBe('idle');

    await stream.send('Again');
    expect(server.requests).toHaveLength(1);
  });

  it('rejects a second send() while a reply is in flight with busy, changing nothing', async () => {
    server.reply(respond([...kitReply(['slow']).slice(0, 2), 200, ...kitReply(['slow']).slice(2)]));
    const stream = createStream();
    const first = stream.send('first');
    const before = stream.getMessages();

    const error = await rejection(stream.send('second'));

    expect(error).toMatchObject({ code: 'busy' });
    expect(error.message).toBe('A reply is still streaming; call stop() first or wait for send() to resolve');
    expect(stream.getMessages()).toEqual(before);
    await first;
    expect(stream.getMessages().map((m) => m.content)).toEqual(['first', 'slow']);
    expect(server.requests).toHaveLength(1);
  });

  it('rejects empty content and a config without endpoint with invalid', async () => {
    const stream = createStream();
    await expect(stream.send('   ')).rejects.toMatchObject({ code: 'invalid' });
    expect(stream.getMessages()).toEqual([]);
    expect(() => new AIStream({} as StreamConfig)).toThrow(AIStreamError);
    expect(() => new AIStream({ endpoint: '' })).toThrow(/endpoint/);
    expect(() => new AIStream({ endpoint: '/x', retry: { maxRetries: -1 } })).toThrow(/maxRetries/);
  });

  it('reset() stops, clears messages, usage and error, and emits reset', async () => {
    server.reply(respond(kitReply(['hi'], { usage: { promptTokens: 2, completionTokens: 1 } })));
    const stream = createStream();
    await stream.send('Hi');
    const onReset = vi.fn();
    stream.on('reset', onReset);

    stream.reset();

    expect(onReset).toHaveBeenCalledTimes(1);
    expect(stream.getMessages()).toEqual([]);
    expect(stream.getUsage()).toEqual({ promptTokens: 0, completionTokens: 0, totalTokens: 0 });
    expect(stream.getStatus()).toBe('idle');
    expect(stream.getError()).toBeUndefined();
  });

  it("reset() after a failure announces the way back to 'idle'", async () => {
    server.reply(json(401, { error: { message: 'bad key' } }));
    const stream = createStream();
    await expect(stream.send('Hi')).rejects.toThrow('bad key');
    const statuses: string[] = [];
    stream.on('status', (status) => statuses.push(status));
    stream.reset();
    expect(statuses).toEqual(['idle']);
    expect(stream.getSnapshot().status).toBe('idle');
  });

  it('retry() replaces the last assistant reply and re-sends the last user message', async () => {
    server.reply(respond(kitReply(['First answer'])), respond(kitReply(['Second answer'])));
    const stream = createStream();
    await expect(stream.retry()).resolves.toBeUndefined(); // nothing to retry yet
    expect(server.requests).toHaveLength(0);

    await stream.send('Question', { headers: { 'X-Trace': 't1' } });
    const firstReplyId = stream.getMessages()[1]!.id;
    await stream.retry();

    const messages = stream.getMessages();
    expect(messages.map((m) => m.content)).toEqual(['Question', 'Second answer']);
    expect(messages[1]!.id).not.toBe(firstReplyId);
    expect((server.requests[1]!.body as { messages: unknown[] }).messages).toEqual([
      { role: 'user', content: 'Question' },
    ]);
    expect(server.requests[1]!.headers['x-trace']).toBe('t1');
  });

  it('retry() after a failed send re-sends the same user message', async () => {
    server.reply(json(400, { error: 'bad' }), respond(kitReply(['Works now'])));
    const stream = createStream();
    await expect(stream.send('Q')).rejects.toMatchObject({ status: 400 });
    await stream.retry();
    expect(stream.getMessages().map((m) => m.content)).toEqual(['Q', 'Works now']);
    expect(stream.getError()).toBeUndefined();
    expect(stream.getStatus()).toBe('idle');
  });

  it('setMessages replaces the conversation (value or updater) and refuses while streaming', async () => {
    server.reply(respond([...kitReply(['x']).slice(0, 2), 100, ...kitReply(['x']).slice(2)]));
    const stream = createStream();
    stream.setMessages([{ id: 'u1', role: 'user', content: 'restored', timestamp: 1 }]);
    stream.setMessages((previous) => [...previous, { id: 'a1', role: 'assistant', content: 'old', timestamp: 2 }]);
    expect(stream.getMessages().map((m) => m.id)).toEqual(['u1', 'a1']);
    const pending = stream.send('new');
    expect(() => stream.setMessages([])).toThrow(expect.objectContaining({ code: 'busy' }));
    await pending;
    expect(stream.getMessages()).toHaveLength(4);
  });
});

describe('AIStream: request', () => {
  it('uses a fetch override', async () => {
    server.reply(respond(kitReply(['via override'])));
    const calls: string[] = [];
    const stream = createStream({
      fetch: (input, init) => {
        calls.push(String(input));
        return fetch(input, init);
      },
    });
    await stream.send('Hi');
    expect(calls).toEqual([server.url('/api/chat')]);
    expect(stream.getMessages()[1]!.content).toBe('via override');
  });

  it('sends what config.body builds, with the context it needs', async () => {
    server.reply(respond(kitReply(['ok'])));
    const body = vi.fn((context) => ({ custom: true, count: context.messages.length, extra: context.body }));
    const stream = createStream({ body, systemPrompt: 'sys' });
    await stream.send('Hi', { body: { temperature: 0.2 } });
    expect(server.requests[0]!.body).toEqual({ custom: true, count: 1, extra: { temperature: 0.2 } });
    expect(body.mock.calls[0]![0]).toMatchObject({ model: 'test-model', systemPrompt: 'sys', protocol: 'auto' });
  });

  it('evaluates a headers function at send time and merges per-send headers', async () => {
    server.reply(respond(kitReply(['a'])));
    let token = 0;
    const stream = createStream({
      headers: () => ({ Authorization: `Bearer token-${++token}`, 'content-type': 'application/json; charset=utf-8' }),
      credentials: 'include',
    });
    expect(token).toBe(0);
    await stream.send('one', { headers: { 'X-Request': 'r1' } });
    await stream.send('two');
    expect(server.requests.map((r) => r.headers.authorization)).toEqual(['Bearer token-1', 'Bearer token-2']);
    expect(server.requests[0]!.headers['x-request']).toBe('r1');
    expect(server.requests[1]!.headers['x-request']).toBeUndefined();
    // Replaced case-insensitively, not joined to the default.
    expect(server.requests[0]!.headers['content-type']).toBe('application/json; charset=utf-8');
  });

  it('a failing headers function fails the send with invalid, without retrying', async () => {
    const stream = createStream({
      headers: async () => {
        throw new Error('token refresh failed');
      },
    });
    await expect(stream.send('Hi')).rejects.toMatchObject({
      code: 'invalid',
      message: 'config.headers() failed: token refresh failed',
    });
    expect(server.requests).toHaveLength(0);
  });

  it('sends the default body of each protocol', async () => {
    server.reply(respond([sse({ type: 'message_stop' }, { event: 'message_stop' })]));
    const stream = createStream({ protocol: 'anthropic', systemPrompt: 'sys', retry: { maxRetries: 0 } });
    await stream.send('Hi', { body: { max_tokens: 100 } }).catch(() => {});
    expect(server.requests[0]!.body).toEqual({
      model: 'test-model',
      system: 'sys',
      messages: [{ role: 'user', content: 'Hi' }],
      max_tokens: 100,
      stream: true,
    });
  });
});

describe('AIStream: store', () => {
  it('getSnapshot returns the same frozen object until the state changes', async () => {
    server.reply(respond(kitReply(['a', 'b'])));
    const stream = createStream();
    const first = stream.getSnapshot();
    expect(stream.getSnapshot()).toBe(first);
    expect(Object.isFrozen(first)).toBe(true);
    expect(Object.isFrozen(first.messages)).toBe(true);
    expect(first).toMatchObject({ messages: [], status: 'idle', isStreaming: false, error: undefined });

    const snapshots = new Set<unknown>();
    const { getSnapshot, subscribe } = stream; // bound: usable as useSyncExternalStore(subscribe, getSnapshot)
    const unsubscribe = subscribe(() => {
      const snapshot = getSnapshot();
      expect(getSnapshot()).toBe(snapshot);
      snapshots.add(snapshot);
    });
    await stream.send('Hi');
    unsubscribe();

    const last = stream.getSnapshot();
    expect(last).not.toBe(first);
    expect(last.messages.map((m) => m.content)).toEqual(['Hi', 'ab']);
    expect(last.status).toBe('idle');
    expect(snapshots.size).toBeGreaterThan(3);
    expect(first.messages).toEqual([]); // old snapshots are untouched

    stream.reset();
    expect(stream.getSnapshot()).not.toBe(last);
    expect(snapshots.has(stream.getSnapshot())).toBe(false); // unsubscribed
  });

  it('on/off/once', async () => {
    server.reply(respond(kitReply(['a', 'b'])));
    const stream = createStream();
    const once = vi.fn();
    const removed = vi.fn();
    stream.once('token', once).on('token', removed).off('token', removed);
    await stream.send('Hi');
    expect(once).toHaveBeenCalledTimes(1);
    expect(once).toHaveBeenCalledWith('a');
    expect(removed).not.toHaveBeenCalled();
  });
});
