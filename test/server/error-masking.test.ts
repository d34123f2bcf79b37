/**
 * Issue 10 §3: server errors are masked by default. Real `openai` / `@anthropic-ai/sdk` clients
 * talk to fake providers that check the key the way the real APIs do and answer 401 with a body
 * echoing the key's prefix; real HTTP servers carry the kit stream to a real AIStream client.
 */
import Anthropic from '@anthropic-ai/sdk';
import OpenAI from 'openai';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { AIStream, AIStreamError } from '../../src/core/index';
import {
  AnthropicAdapter,
  OpenAIAdapter,
  StreamingResponse,
  createKitResponse,
  createStreamingResponse,
  pipeToResponse,
} from '../../src/server/index';
import { sse, startServer, type TestServer } from '../helpers/server';
import { openAIChatReasoning } from './fixtures/provider-streams';
import { serveFetch, type FetchServer } from './support/fetch-server';
import { serveNode, type NodeServer } from './support/node-server';
import { readWire } from './support/sse';

const OPENAI_KEY = 'sk-proj-Zq81LeakedKey0000000000000000abcd';
const ANTHROPIC_KEY = 'sk-ant-api03-LeakedKey1111111111111111wxyz';
const DATABASE_URL = 'postgres://admin:s3cret-pw@db.internal.example:5432/app';

let provider: TestServer;
let app: FetchServer | NodeServer | undefined;
beforeEach(async () => {
  provider = await startServer();
  // OpenAI: "Incorrect API key provided: sk-proj-********abcd" (the prefix and the last 4).
  provider.reply((req, res) => {
    const bearer = String(req.headers.authorization ?? '').replace(/^Bearer /, '');
    // The Anthropic SDK sends its key as x-api-key (older) or as a bearer token (1.x).
    const apiKey = String(req.headers['x-api-key'] ?? bearer);
    res.writeHead(401, { 'Content-Type': 'application/json' });
    if (req.url?.startsWith('/v1/messages')) {
      res.end(JSON.stringify({ type: 'error', error: { type: 'authentication_error', message: `invalid x-api-key ${apiKey.slice(0, 16)}…` } }));
    } else {
      res.end(
        JSON.stringify({
          error: {
            message: `Incorrect API key provided: ${bearer.slice(0, 8)}********${bearer.slice(-4)}. You can find your API key at https://platform.openai.com/account/api-keys.`,
            type: 'invalid_request_error',
            param: null,
            code: 'invalid_api_key',
          },
        }),
      );
    }
  });
});
afterEach(async () => {
  await app?.close();
  await provider.close();
  app = undefined;
  vi.restoreAllMocks();
});

const openai = () => new OpenAI({ apiKey: OPENAI_KEY, baseURL: provider.url('/v1'), maxRetries: 0 });
const anthropic = () => new Anthropic({ apiKey: ANTHROPIC_KEY, baseURL: provider.url(), maxRetries: 0 });
const messages = [{ role: 'user' as const, content: 'Hi' }];
const openaiCall = () => openai().chat.completions.create({ model: 'gpt-4o', messages, stream: true });
const anthropicCall = () => anthropic().messages.create({ model: 'claude-sonnet-4-5', max_tokens: 64, messages, stream: true });

/** Nothing secret on the wire: no key (nor its prefix), no internal URL, no provider text, no stack. */
function expectNothingLeaked(text: string): void {
  for (const secret of ['sk-', 'Leaked', 'Incorrect API key', 'x-api-key', 'platform.openai.com', 'postgres:', 's3cret', 'db.internal']) {
    expect(text, secret).not.toContain(secret);
  }
  expect(text).not.toMatch(/\bat .+:\d+:\d+/);
}

/** Raw wire text, then the same route through a real AIStream client. */
async function wireAndClientError(url: string): Promise<{ text: string; payload: unknown; error: unknown }> {
  const { text, events } = await readWire((await fetch(url, { method: 'POST' })).body);
  const errorEvent = events.find((event) => event.event === 'error');
  const client = new AIStream({ endpoint: url, retry: { maxRetries: 0 } });
  const error = await client.send('Hi').catch((caught: unknown) => caught);
  return { text, payload: errorEvent && JSON.parse(errorEvent.data), error };
}

const AUTH_FAILURE = {
  error: 'The model provider did not accept the server’s credentials',
  status: 401,
  retryable: false,
};

describe('provider 401s echoing the key prefix', () => {
  it('OpenAIAdapter (fetch handler) with the openai SDK: code and status only; onError gets the SDK error', async () => {
    const reported: unknown[] = [];
    app = await serveFetch(() => createKitResponse(OpenAIAdapter(openaiCall(), { onError: (error) => reported.push(error) })));
    const { text, payload, error } = await wireAndClientError(app.url('/api/chat'));
    expectNothingLeaked(text);
    expect(payload).toEqual({ ...AUTH_FAILURE, code: 'invalid_api_key' });
    expect(error).toBeInstanceOf(AIStreamError);
    expect(error).toMatchObject({ code: 'server', serverCode: 'invalid_api_key', message: AUTH_FAILURE.error, retryable: false });
    expect(reported).toHaveLength(2);
    expect(reported[0]).toBeInstanceOf(OpenAI.AuthenticationError);
    expect(String((reported[0] as Error).message)).toContain('sk-proj-');
  });

  it('AnthropicAdapter with the anthropic SDK', async () => {
    const reported: unknown[] = [];
    app = await serveFetch(() => createKitResponse(AnthropicAdapter(anthropicCall(), { onError: (error) => reported.push(error) })));
    const { text, payload, error } = await wireAndClientError(app.url('/api/chat'));
    expectNothingLeaked(text);
    expect(payload).toEqual({ ...AUTH_FAILURE, code: 'authentication_error' });
    expect(error).toMatchObject({ code: 'server', serverCode: 'authentication_error', message: AUTH_FAILURE.error });
    expect(reported[0]).toBeInstanceOf(Anthropic.AuthenticationError);
  });

  it('pipeToResponse with either SDK; without onError the full error goes to console.error', async () => {
    const logged: unknown[][] = [];
    vi.spyOn(console, 'error').mockImplementation((...args) => void logged.push(args));
    app = await serveNode((req, res) => pipeToResponse(req.url === '/openai' ? openaiCall() : anthropicCall(), res));
    for (const path of ['/openai', '/anthropic']) {
      const { events, text } = await readWire((await fetch(app.url(path), { method: 'POST' })).body);
      expectNothingLeaked(text);
      expect(events.map((e) => e.event)).toEqual(['start', 'error', 'done']);
      expect(JSON.parse(events[1]!.data)).toEqual({
        ...AUTH_FAILURE,
        code: path === '/openai' ? 'invalid_api_key' : 'authentication_error',
      });
    }
    expect(logged).toHaveLength(2);
    expect(logged.map((args) => String((args.at(-1) as Error).message))).toEqual([
      expect.stringContaining('sk-proj-'),
      expect.stringContaining('sk-ant-'),
    ]);
  });

  it('a hand-written route that catches the SDK error and calls abort(error)', async () => {
    const reported: unknown[] = [];
    app = await serveNode(async (_req, res) => {
      const stream = new StreamingResponse(res, { onError: (error) => reported.push(error) });
      try {
        for await (const chunk of await openaiCall()) stream.sendToken(chunk.choices[0]?.delta.content ?? '');
        stream.end();
      } catch (error) {
        stream.abort(error);
      }
    });
    const { text, error } = await wireAndClientError(app.url());
    expectNothingLeaked(text);
    expect(error).toMatchObject({ serverCode: 'invalid_api_key', message: AUTH_FAILURE.error });
    expect(reported).toHaveLength(2);
  });
});

describe('errors of the app', () => {
  it('an Error with a database URL, abort(new Error("… sk-…")): generic message; strings the developer chose: as given', async () => {
    const reported: unknown[] = [];
    app = await serveNode((req, res) => {
      const stream = new StreamingResponse(res, { onError: (error) => reported.push(error) });
      stream.sendToken('partial ');
      if (req.url === '/db') return stream.abort(new Error(`connect ECONNREFUSED ${DATABASE_URL}`));
      if (req.url === '/key') return stream.abort(new Error(`OpenAI rejected ${OPENAI_KEY}`));
      stream.sendError({ error: 'You have used 100% of your plan', code: 'quota_warning' });
      stream.abort('Quota exceeded');
    });
    for (const path of ['/db', '/key']) {
      const { events, text } = await readWire((await fetch(app.url(path))).body);
      expectNothingLeaked(text);
      expect(JSON.parse(events.find((e) => e.event === 'error')!.data)).toEqual({ error: 'Internal server error', code: 'internal_error' });
    }
    expect(reported.map((error) => (error as Error).message)).toEqual([expect.stringContaining(DATABASE_URL), expect.stringContaining(OPENAI_KEY)]);

    const { events } = await readWire((await fetch(app.url('/quota'))).body);
    expect(events.filter((e) => e.event === 'error').map((e) => JSON.parse(e.data))).toEqual([
      { error: 'You have used 100% of your plan', code: 'quota_warning' },
      { error: 'Quota exceeded', code: 'server_error' },
    ]);
    expect(reported).toHaveLength(2); // nothing was hidden, nothing to report
  });

  it('Web responses mask the same way', async () => {
    const reported: unknown[] = [];
    const { response, stream } = createStreamingResponse({ onError: (error) => reported.push(error) });
    stream.sendToken('x').abort(new Error(`query failed on ${DATABASE_URL}`));
    const { text, events } = await readWire(response.body);
    expectNothingLeaked(text);
    expect(events.map((e) => e.event)).toEqual(['start', 'token', 'error', 'done']);
    expect(reported).toHaveLength(1);
  });

  it('an error event inside a raw provider stream is masked too (its message may echo anything)', async () => {
    await provider.close();
    provider = await startServer();
    provider.reply((_req, res) => {
      res.writeHead(200, { 'Content-Type': 'text/event-stream' });
      res.write(openAIChatReasoning.chunks[3]!);
      res.end(sse({ error: { message: `Key ${OPENAI_KEY} has no access to gpt-4o`, type: 'invalid_request_error', code: 'model_not_found' } }));
    });
    const reported: unknown[] = [];
    const upstream = await fetch(provider.url('/v1/chat/completions'), { method: 'POST' });
    const { text, events } = await readWire(OpenAIAdapter(upstream, { onError: (error) => reported.push(error) }));
    expectNothingLeaked(text);
    expect(events.map((e) => e.event)).toEqual(['start', 'token', 'error', 'done']);
    expect(JSON.parse(events[2]!.data)).toMatchObject({ error: 'The model provider reported an error', code: 'model_not_found' });
    expect(String((reported[0] as Error).message)).toContain(OPENAI_KEY);
  });

  it('an error part is a provider report wherever it enters: sendPart and a pipeToResponse iterable mask it the same way; the app\'s own words go through sendError or an expose: true Error', async () => {
    const reported: unknown[] = [];
    const onError = (error: unknown) => reported.push(error);
    const leaking = { type: 'error' as const, message: `Key ${OPENAI_KEY} has no access to gpt-4o`, code: 'model_not_found', retryable: false };
    app = await serveNode(async (req, res) => {
      if (req.url === '/send-part') {
        const stream = new StreamingResponse(res, { onError });
        stream.sendToken('partial ').sendPart(leaking).end();
      } else if (req.url === '/iterable') {
        await pipeToResponse(
          (async function* () {
            yield { type: 'text-delta' as const, delta: 'partial ' };
            yield leaking;
          })(),
          res,
          { onError },
        );
      } else {
        await pipeToResponse(
          (async function* () {
            yield { type: 'text-delta' as const, delta: 'partial ' };
            throw Object.assign(new Error('You have used 100% of your plan'), { expose: true, code: 'quota_exceeded' });
          })(),
          res,
          { onError },
        );
      }
    });
    const masked = { error: 'The model provider reported an error', code: 'model_not_found', retryable: false };
    for (const path of ['/send-part', '/iterable']) {
      reported.length = 0;
      const { text, events } = await readWire((await fetch(app.url(path))).body);
      expectNothingLeaked(text);
      expect(events.map((e) => e.event), path).toEqual(['start', 'token', 'error', 'done']);
      expect(JSON.parse(events[2]!.data), path).toEqual(masked);
      // What was masked reached onError, whole.
      expect(reported, path).toHaveLength(1);
      expect((reported[0] as Error).message, path).toContain(OPENAI_KEY);
      // The AIStream client sees the same masked error.
      const { error } = await wireAndClientError(app.url(path));
      expect(error, path).toBeInstanceOf(AIStreamError);
      expect((error as AIStreamError).message, path).toBe(masked.error);
    }

    reported.length = 0;
    const { events } = await readWire((await fetch(app.url('/own-words'))).body);
    expect(JSON.parse(events.find((e) => e.event === 'error')!.data)).toEqual({ error: 'You have used 100% of your plan', code: 'quota_exceeded' });
    expect(reported).toEqual([]); // nothing hidden, nothing reported
  });
});
