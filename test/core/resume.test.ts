import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AIStream, type AIStreamError } from '../../src/core';
import { CHAT_DONE, chatChunk, kitReply } from '../helpers/fixtures';
import { record } from '../helpers/record';
import { DESTROY, respond, startServer, type Handler, type Step, type TestServer } from '../helpers/server';

let server: TestServer;
beforeEach(async () => {
  server = await startServer();
});
afterEach(() => server.close());

const TOKENS = ['The ', 'quick ', 'brown ', 'fox ', 'jumps.'];
const TEXT = TOKENS.join('');

function createStream(): AIStream {
  return new AIStream({ endpoint: server.url('/api/chat'), retry: { maxRetries: 3, initialDelay: 10, maxDelay: 20 } });
}

/**
 * A server that can resume: with Last-Event-ID it replays every event after that id (no `start`),
 * without it it sends the reply from the beginning. The first response drops after `dropAfter` events.
 */
function resumableServer(events: string[], dropAfter: number): Handler {
  let served = 0;
  return (req, res, request) => {
    const lastId = req.headers['last-event-id'];
    const from = lastId ? events.findIndex((event) => event.includes(`id: ${lastId}\n`)) + 1 : 0;
    const steps: Step[] = served++ === 0 ? [...events.slice(0, dropAfter), 20, DESTROY] : events.slice(from);
    return respond(steps)(req, res, request);
  };
}

describe('resume and restart after a dropped connection', () => {
  it('resumes from Last-Event-ID when the events have ids: exact text, resume event, no duplicates', async () => {
    const events = kitReply(TOKENS);
    server.reply(resumableServer(events, 3)); // start + 2 tokens, then the socket dies
    const stream = createStream();
    const recording = record(stream);

    await stream.send('Tell me');

    expect(stream.getMessages()[1]).toMatchObject({ content: TEXT, status: 'complete' });
    expect(server.requests).toHaveLength(2);
    expect(server.requests[0]!.headers['last-event-id']).toBeUndefined();
    expect(server.requests[1]!.headers['last-event-id']).toBe('s1-3');
    expect(server.requests[1]!.body).toEqual(server.requests[0]!.body); // the same request
    expect(recording.args('resume')).toEqual([[{ attempt: 1, lastEventId: 's1-3' }]]);
    expect(recording.names).not.toContain('restart');
    // Every token arrived exactly once.
    expect(recording.args('token').map(([token]) => token).join('')).toBe(TEXT);
    const [[retry]] = recording.args('retry') as [[{ error: AIStreamError }]];
    expect(retry.error.message).toMatch(/connection (closed before the reply finished|broke while reading)/);
    expect(retry.error.code).toBe('network');
    // Only one assistant message, one streaming-start.
    expect(stream.getMessages()).toHaveLength(2);
    expect(recording.names.filter((name) => name === 'streaming-start')).toHaveLength(1);
  });

  it('restarts when the events have no ids: the partial reply is discarded, text is exact', async () => {
    const events = kitReply(TOKENS, { ids: false });
    server.reply(respond([...events.slice(0, 3), 20, DESTROY]), respond(events));
    const stream = createStream();
    const recording = record(stream);

    await stream.send('Tell me');

    const assistant = stream.getMessages()[1]!;
    expect(assistant).toMatchObject({ content: TEXT, status: 'complete' });
    expect(server.requests[1]!.headers['last-event-id']).toBeUndefined();
    expect(recording.args('restart')).toEqual([[{ attempt: 1, messageId: assistant.id }]]);
    expect(recording.names).not.toContain('resume');
    expect(stream.getMessages()).toHaveLength(2);
  });

  it('restarts when the server ignores Last-Event-ID and sends `start` again', async () => {
    server.reply(respond([...kitReply(TOKENS).slice(0, 4), DESTROY]), respond(kitReply(TOKENS, { streamId: 'fresh' })));
    const stream = createStream();
    const recording = record(stream);

    await stream.send('Tell me');

    expect(server.requests[1]!.headers['last-event-id']).toBe('s1-4');
    expect(stream.getMessages()[1]!.content).toBe(TEXT);
    expect(recording.names).toContain('restart');
    expect(recording.names).not.toContain('resume');
  });

  it('an OpenAI-compatible server numbering its events 0..n and ignoring Last-Event-ID: the fresh reply replaces the partial one (issue 10 §2)', async () => {
    const chunks = ['Hello', ' world', ', how are you?'].map((content) => chatChunk({ content }));
    const events = [...chunks, chatChunk({}, { finish_reason: 'stop' }), CHAT_DONE].map((event, index) => `id: ${index}\n${event}`);
    server.reply(respond([...events.slice(0, 2), 20, DESTROY]), respond(events));
    const stream = createStream();
    const recording = record(stream);

    await stream.send('Hi');

    expect(server.requests[1]!.headers['last-event-id']).toBe('1');
    expect(stream.getMessages()[1]).toMatchObject({ content: 'Hello world, how are you?', status: 'complete' });
    expect(recording.names).toContain('restart');
    expect(recording.names).not.toContain('resume');
  });

  it('a restarted reply does not count its usage twice', async () => {
    const usage = { promptTokens: 10, completionTokens: 5, totalTokens: 15 };
    const events = kitReply(['x'], { ids: false, usage });
    server.reply(respond([...events.slice(0, 3), DESTROY]), respond(events)); // start, token, usage | drop
    const stream = createStream();
    await stream.send('Hi');
    expect(stream.getUsage()).toEqual(usage);
    expect(stream.getMessages()[1]!.content).toBe('x');
  });

  it('restarts tool calls too', async () => {
    const chunks = [
      chatChunk({ tool_calls: [{ index: 0, id: 'call_1', type: 'function', function: { name: 'f', arguments: '{"a"' } }] }),
      chatChunk({ tool_calls: [{ index: 0, function: { arguments: ':1}' } }] }),
      chatChunk({}, { finish_reason: 'tool_calls' }),
      CHAT_DONE,
    ];
    server.reply(respond([chunks[0]!, 20, DESTROY]), respond(chunks));
    const stream = new AIStream({ endpoint: server.url(), protocol: 'openai-chat', retry: { initialDelay: 10 } });
    await stream.send('Hi');
    expect(stream.getMessages()[1]!.toolCalls).toEqual([
      { id: 'call_1', name: 'f', argsText: '{"a":1}', args: { a: 1 }, state: 'complete' },
    ]);
  });

  it('an OpenAI stream that ends without [DONE] or finish_reason is a dropped connection', async () => {
    server.reply(respond([chatChunk({ content: 'cut' })]), respond([chatChunk({ content: 'whole' }, { finish_reason: 'stop' }), CHAT_DONE]));
    const stream = new AIStream({ endpoint: server.url(), protocol: 'openai-chat', retry: { initialDelay: 10 } });
    const recording = record(stream);
    await stream.send('Hi');
    expect(stream.getMessages()[1]!.content).toBe('whole');
    expect(recording.names).toContain('restart');
  });

  it('gives up after maxRetries drops with the partial reply marked as error', async () => {
    server.reply(respond([...kitReply(TOKENS, { ids: false }).slice(0, 2), DESTROY]));
    const stream = new AIStream({ endpoint: server.url(), retry: { maxRetries: 1, initialDelay: 10 } });
    const error = await stream.send('Hi').catch((caught: AIStreamError) => caught);
    expect(error).toMatchObject({ code: 'network' });
    expect(server.requests).toHaveLength(2);
    expect(stream.getMessages()[1]).toMatchObject({ content: 'The ', status: 'error', error: { code: 'network' } });
  });

  it('a resume answered 204 (the server already sent everything but `done`) completes the reply', async () => {
    const events = kitReply(TOKENS);
    let served = 0;
    server.reply((req, res, request) => {
      if (served++ === 0) return respond([...events.slice(0, -1), 20, DESTROY])(req, res, request); // all but `done`
      res.writeHead(204).end();
    });
    const stream = createStream();
    const recording = record(stream);

    await stream.send('Tell me');

    expect(server.requests).toHaveLength(2);
    expect(server.requests[1]!.headers['last-event-id']).toBe(`s1-${events.length - 1}`);
    expect(stream.getStatus()).toBe('idle');
    expect(stream.getMessages()[1]).toMatchObject({ content: TEXT, status: 'complete' });
    expect(recording.names).not.toContain('error');
    expect(recording.names).not.toContain('restart');
  });

  it('a resume refused with 403 (not the owner) fails at once with the http error, no further retries', async () => {
    const events = kitReply(TOKENS);
    let served = 0;
    server.reply((req, res, request) => {
      if (served++ === 0) return respond([...events.slice(0, 3), 20, DESTROY])(req, res, request);
      res.writeHead(403, { 'content-type': 'application/json' }).end(JSON.stringify({ error: { message: 'Forbidden', code: 'forbidden' } }));
    });
    const stream = createStream();

    const error = await stream.send('Tell me').catch((caught: AIStreamError) => caught);

    expect(error).toMatchObject({ code: 'http', status: 403 });
    expect(server.requests).toHaveLength(2);
    expect(stream.getMessages()[1]).toMatchObject({ status: 'error' });
  });
});
