/**
 * Issue 10 §1: streams from hand-written routes, the patterns the seeds themselves show.
 * The two routes are copied as the seeds write them (shared/seeds/004, Next.js App Router
 * section; shared/seeds/003, "Web API (Server-Sent Events)"), served by node:http as Web
 * Request handlers, calling the official `openai` client against a fake Chat Completions API.
 * The client must read them: exact text, one request (no paid model call repeated).
 */
import OpenAI from 'openai';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { AIStream, AIStreamError, streamChunks } from '../../src/core';
import { CHAT_DONE, chatChunk } from '../helpers/fixtures';
import { record } from '../helpers/record';
import { DESTROY, respond, startServer, type Handler, type TestServer } from '../helpers/server';
import { serveFetch, type FetchServer } from '../server/support/fetch-server';

const TOKENS = ['Hello', ' wörld', ', 日本語 👋🏽', ' "quoted"', ' line\nbreak.'];
const TEXT = TOKENS.join('');

let provider: TestServer;
let app: FetchServer | undefined;
let appRequests = 0;

beforeAll(async () => {
  provider = await startServer();
  process.env.OPENAI_API_KEY = 'sk-test';
  process.env.OPENAI_BASE_URL = provider.url('/v1');
});
afterEach(async () => {
  await app?.close();
  app = undefined;
  appRequests = 0;
});
afterAll(() => provider.close());

/** A fake Chat Completions endpoint that checks the request the way the API does, then streams. */
function chatCompletions(steps = [chatChunk({ role: 'assistant', content: '' }), ...TOKENS.map((content) => chatChunk({ content })), chatChunk({}, { finish_reason: 'stop' }), CHAT_DONE]): Handler {
  return (req, res, request) => {
    const body = request.body as { model?: unknown; messages?: unknown; stream?: unknown };
    if (request.path !== '/v1/chat/completions' || req.headers.authorization !== 'Bearer sk-test') {
      return void res.writeHead(401, { 'Content-Type': 'application/json' }).end('{"error":{"message":"bad auth or path"}}');
    }
    if (typeof body.model !== 'string' || !Array.isArray(body.messages) || !body.messages.length || body.stream !== true) {
      return void res.writeHead(400, { 'Content-Type': 'application/json' }).end('{"error":{"message":"invalid request"}}');
    }
    return respond(steps)(req, res, request);
  };
}

async function serve(handler: (req: Request) => Promise<Response>): Promise<string> {
  app = await serveFetch((request) => {
    appRequests++;
    return handler(request);
  });
  return app.url('/api/chat');
}

// ---- shared/seeds/004, "Next.js App Router", as written (app/api/chat/route.ts) ----
async function POST_seed004(req: Request) {
  const { messages } = await req.json();
  const openai = new OpenAI();

  const response = await openai.chat.completions.create({
    model: 'gpt-4',
    messages,
    stream: true
  });

  const stream = new ReadableStream({
    async start(controller) {
      for await (const chunk of response) {
        const content = chunk.choices[0]?.delta?.content;
        if (content) {
          controller.enqueue(new TextEncoder().encode(`data: ${JSON.stringify({ token: content })}\n\n`));
        }
      }
      controller.close();
    }
  });

  return new Response(stream, {
    headers: {
      'Content-Type': 'text/event-stream',
      'Cache-Control': 'no-cache'
    }
  });
}

// ---- shared/seeds/003, "Web API (Server-Sent Events)", as written (`client` is the seed's OpenAI client) ----
let client: OpenAI; // created once the fake API's URL is in the environment
async function POST_seed003(req: Request) {
  const { messages } = await req.json();

  const stream = await client.chat.completions.create({
    model: "gpt-4o",
    messages,
    stream: true
  });

  const encoder = new TextEncoder();
  const readable = new ReadableStream({
    async start(controller) {
      for await (const chunk of stream) {
        const content = chunk.choices[0]?.delta?.content;
        if (content) {
          controller.enqueue(encoder.encode(`data: ${JSON.stringify({ content })}\n\n`));
        }
      }
      controller.enqueue(encoder.encode("data: [DONE]\n\n"));
      controller.close();
    }
  });

  return new Response(readable, {
    headers: {
      "Content-Type": "text/event-stream",
      "Cache-Control": "no-cache",
      "Connection": "keep-alive"
    }
  });
}

describe('the seeds\' hand-written routes', () => {
  beforeAll(() => {
    client = new OpenAI();
  });

  for (const [name, route] of [
    ['004 Next.js App Router: data: {"token"} and a plain close', POST_seed004],
    ['003 Web API: data: {"content"} … data: [DONE]', POST_seed003],
  ] as const) {
    it(`${name}: AIStream reads the exact text with one request`, async () => {
      provider.reply(chatCompletions());
      const before = provider.requests.length;
      const endpoint = await serve(route);
      const stream = new AIStream({ endpoint, retry: { initialDelay: 1, maxDelay: 5 } });
      const recording = record(stream);

      await stream.send('Say hello');

      expect(stream.getMessages()[1]).toMatchObject({ role: 'assistant', content: TEXT, status: 'complete' });
      expect(stream.getStatus()).toBe('idle');
      expect(appRequests).toBe(1);
      expect(provider.requests.length - before).toBe(1); // one paid model call
      expect(recording.names).not.toContain('retry');
      expect(recording.args('token').map(([token]) => token)).toEqual(TOKENS);
    });

    it(`${name}: streamChunks reads the exact text`, async () => {
      provider.reply(chatCompletions());
      const endpoint = await serve(route);
      let text = '';
      const response = await fetch(endpoint, { method: 'POST', body: JSON.stringify({ messages: [{ role: 'user', content: 'Hi' }] }) });
      for await (const chunk of streamChunks(response)) text += chunk.delta;
      expect(text).toBe(TEXT);
    });
  }
});

describe('unnamed JSON events: where the reply ends', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startServer();
  });
  afterAll(() => server.close());

  const data = (value: unknown) => `data: ${JSON.stringify(value)}\n\n`;

  it('reads every generic text field: token, content, text, delta, choices[0].delta.content', async () => {
    server.reply(
      respond([data({ token: 'a' }), data({ content: 'b' }), data({ text: 'c' }), data({ delta: 'd' }), data({ choices: [{ delta: { content: 'e' } }] })]),
    );
    const stream = new AIStream({ endpoint: server.url(), retry: { maxRetries: 0 } });
    await stream.send('Hi');
    expect(stream.getMessages()[1]).toMatchObject({ content: 'abcde', status: 'complete' });
  });

  it('a body that breaks (the read throws) is still a dropped connection: retried, then exact', async () => {
    const requestsBefore = server.requests.length;
    server.reply(respond([data({ token: 'Hel' }), 20, DESTROY]), respond([data({ token: 'Hel' }), data({ token: 'lo' })]));
    const stream = new AIStream({ endpoint: server.url(), retry: { initialDelay: 1, maxDelay: 5 } });
    const recording = record(stream);
    await stream.send('Hi');
    expect(stream.getMessages()[1]).toMatchObject({ content: 'Hello', status: 'complete' });
    expect(server.requests.length - requestsBefore).toBe(2);
    expect(recording.names).toContain('restart');
  });

  it('a body that ends inside an event (no blank line after it) is a drop, not the end', async () => {
    server.reply(respond([data({ token: 'Hel' }), 'data: {"token":"lo"}']), respond([data({ token: 'Hello' })]));
    const stream = new AIStream({ endpoint: server.url(), retry: { initialDelay: 1, maxDelay: 5 } });
    await stream.send('Hi');
    expect(stream.getMessages()[1]).toMatchObject({ content: 'Hello', status: 'complete' });
  });

  it('a heartbeat comment after the last event still ends cleanly', async () => {
    const requestsBefore = server.requests.length;
    server.reply(respond([data({ content: 'ok' }), ': ping\n']));
    const stream = new AIStream({ endpoint: server.url(), retry: { initialDelay: 1, maxDelay: 5 } });
    await stream.send('Hi');
    expect(stream.getMessages()[1]).toMatchObject({ content: 'ok', status: 'complete' });
    expect(server.requests.length - requestsBefore).toBe(1);
  });

  it('a kit stream (named events) that closes without `done` is still a drop', async () => {
    server.reply(
      respond([`event: start\nid: k-1\ndata: {"streamId":"k"}\n\n`, `event: token\nid: k-2\ndata: {"token":"cut"}\n\n`]),
      respond([`event: start\nid: j-1\ndata: {"streamId":"j"}\n\n`, `event: token\nid: j-2\ndata: {"token":"whole"}\n\n`, `event: done\nid: j-3\ndata: {}\n\n`]),
    );
    const stream = new AIStream({ endpoint: server.url(), retry: { initialDelay: 1, maxDelay: 5 } });
    await stream.send('Hi');
    expect(stream.getMessages()[1]).toMatchObject({ content: 'whole', status: 'complete' });
  });

  it('a stream whose first event carries nothing readable fails at once with a protocol error naming it', async () => {
    const requestsBefore = server.requests.length;
    server.reply(respond([data({ foo: 'bar', n: 1 }), data({ foo: 'baz' })]));
    const stream = new AIStream({ endpoint: server.url(), retry: { initialDelay: 1, maxDelay: 5 } });
    const error = await stream.send('Hi').catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(AIStreamError);
    expect(error).toMatchObject({ code: 'protocol', retryable: false });
    expect((error as Error).message).toContain('data: {"foo":"bar","n":1}');
    expect(server.requests.length - requestsBefore).toBe(1);
  });

  it('an unknown named first event fails the same way, quoting its name (shortened)', async () => {
    server.reply(respond([`event: chunk\ndata: ${JSON.stringify({ body: 'x'.repeat(500) })}\n\n`]));
    const stream = new AIStream({ endpoint: server.url(), retry: { initialDelay: 1, maxDelay: 5 } });
    const error = (await stream.send('Hi').catch((caught: unknown) => caught)) as AIStreamError;
    expect(error.code).toBe('protocol');
    expect(error.message).toMatch(/event: chunk data: \{"body":"x+…$/);
    expect(error.message.length).toBeLessThan(300);
  });
});
