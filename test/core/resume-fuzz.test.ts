/**
 * Issue 10 §2: a reconnect must never append a fresh reply to a partial one. Each run sends one
 * message through a TCP proxy that cuts the first two connections at random byte offsets (in
 * the headers, inside an event, between events); later connections pass. Five servers: the
 * kit's StreamingResponse with and without a resume store, an OpenAI-compatible server with and
 * without `id:` fields (numbered 0..n, Last-Event-ID ignored) and an Anthropic one.
 * Every run: the exact text, no token emitted twice, status back to idle.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AIStream } from '../../src/core';
import { StreamingResponse, createMemoryResumeStore, resumeStreamingResponse } from '../../src/server/index';
import { chatChunk } from '../helpers/fixtures';
import { sse } from '../helpers/server';
import { seededRandom, startCuttingProxy } from '../server/support/cutting-proxy';
import { serveNode, type NodeServer } from '../server/support/node-server';

const CUTS_PER_SERVER = 500;
const CONCURRENCY = 25;
const TOKENS = Array.from({ length: 16 }, (_, i) => ['Hello', ' wörld', ',', ' 日本語', ' 👋🏽', ' "q"', ' a\nb', ` ${i}`][i % 8]!);
const TEXT = TOKENS.join('');

const tick = () => new Promise<void>((resolve) => setImmediate(resolve));

/** Writes pre-formatted SSE events with a pause now and then, so cuts land while producing too. */
async function writeEvents(res: ServerResponse, events: string[]): Promise<void> {
  res.writeHead(200, { 'Content-Type': 'text/event-stream; charset=utf-8', 'Cache-Control': 'no-cache' });
  for (let i = 0; i < events.length && !res.destroyed; i++) {
    res.write(events[i]);
    if (i % 6 === 5) await tick();
  }
  res.end();
}

const openAIEvents = (ids: boolean) =>
  [
    chatChunk({ role: 'assistant', content: '' }),
    ...TOKENS.map((content) => chatChunk({ content })),
    chatChunk({}, { finish_reason: 'stop' }),
    'data: [DONE]\n\n',
  ].map((event, index) => (ids ? `id: ${index}\n${event}` : event));

const anthropicEvent = (type: string, body: Record<string, unknown>) => sse({ type, ...body }, { event: type });
const ANTHROPIC_EVENTS = [
  anthropicEvent('message_start', { message: { id: 'msg_1', type: 'message', role: 'assistant', model: 'claude', content: [], usage: { input_tokens: 5, output_tokens: 1 } } }),
  anthropicEvent('content_block_start', { index: 0, content_block: { type: 'text', text: '' } }),
  ...TOKENS.map((text) => anthropicEvent('content_block_delta', { index: 0, delta: { type: 'text_delta', text } })),
  anthropicEvent('content_block_stop', { index: 0 }),
  anthropicEvent('message_delta', { delta: { stop_reason: 'end_turn' }, usage: { output_tokens: 16 } }),
  anthropicEvent('message_stop', {}),
];

async function produceKit(stream: StreamingResponse): Promise<void> {
  for (let i = 0; i < TOKENS.length; i++) {
    stream.sendToken(TOKENS[i]!);
    if (i % 6 === 5) await tick();
    await stream.ready();
  }
  stream.end();
}

type Handler = (req: IncomingMessage, res: ServerResponse) => Promise<void>;

const SERVERS: Record<string, () => Handler> = {
  'kit with a resume store': () => {
    const store = createMemoryResumeStore({ maxStreams: CUTS_PER_SERVER * 4 });
    return async (req, res) => {
      if (await resumeStreamingResponse(req, res, store)) return;
      await produceKit(new StreamingResponse(res, { resumeStore: store }));
    };
  },
  'kit without a store': () => async (_req, res) => produceKit(new StreamingResponse(res)),
  'openai-chat with ids 0..n (Last-Event-ID ignored)': () => async (_req, res) => writeEvents(res, openAIEvents(true)),
  'openai-chat without ids': () => async (_req, res) => writeEvents(res, openAIEvents(false)),
  anthropic: () => async (_req, res) => writeEvents(res, ANTHROPIC_EVENTS),
};

/** Bytes of one whole response (status line and headers approximated), the range cuts are drawn from. */
async function responseLength(url: string): Promise<number> {
  const response = await fetch(url, { method: 'POST', body: '{}' });
  return (await response.arrayBuffer()).byteLength + 200;
}

interface RunResult {
  content: string;
  status: string;
  messageStatus: string | undefined;
  /** Tokens emitted since the last restart: what the final reply was built from. */
  finalTokens: string;
  cuts: number;
  resumes: number;
}

async function runOnce(port: number, offsets: [number, number]): Promise<RunResult> {
  const proxy = await startCuttingProxy(port, (connection) => offsets[connection] ?? Infinity);
  try {
    const stream = new AIStream({ endpoint: proxy.url('/api/chat'), retry: { maxRetries: 10, initialDelay: 0, maxDelay: 0 } });
    let tokens: string[] = [];
    let resumes = 0;
    stream.on('token', (token) => tokens.push(token));
    stream.on('restart', () => (tokens = []));
    stream.on('resume', () => resumes++);
    await stream.send('Tell me');
    const reply = stream.getMessages()[1]!;
    return { content: reply.content, status: stream.getStatus(), messageStatus: reply.status, finalTokens: tokens.join(''), cuts: proxy.cuts, resumes };
  } finally {
    await proxy.close();
  }
}

describe('resume fuzz: random cuts never duplicate or lose text', () => {
  const servers = new Map<string, NodeServer>();
  beforeAll(async () => {
    for (const [name, create] of Object.entries(SERVERS)) servers.set(name, await serveNode(create()));
  });
  afterAll(async () => {
    for (const server of servers.values()) await server.close();
  });

  Object.keys(SERVERS).forEach((name, index) => {
    it(`${name}: ${CUTS_PER_SERVER} random cuts`, { timeout: 120_000 }, async () => {
      const server = servers.get(name)!;
      const length = await responseLength(server.url('/api/chat'));
      const random = seededRandom(1000 + index);
      const offsets = Array.from({ length: CUTS_PER_SERVER }, () => [Math.floor(random() * length), Math.floor(random() * length)] as [number, number]);
      const results: RunResult[] = [];
      let next = 0;
      const worker = async () => {
        while (next < offsets.length) results.push(await runOnce(server.port, offsets[next++]!));
      };
      await Promise.all(Array.from({ length: CONCURRENCY }, worker));

      const wrong = results.filter((r) => r.content !== TEXT || r.finalTokens !== TEXT || r.status !== 'idle' || r.messageStatus !== 'complete');
      expect(wrong.slice(0, 3)).toEqual([]);
      expect(results).toHaveLength(CUTS_PER_SERVER);
      // The cuts did happen, and where a resume is possible it was used.
      expect(results.filter((r) => r.cuts > 0).length).toBeGreaterThan(CUTS_PER_SERVER * 0.8);
      const resumed = results.filter((r) => r.resumes > 0).length;
      if (name === 'kit with a resume store') expect(resumed).toBeGreaterThan(CUTS_PER_SERVER / 4);
      else expect(resumed).toBe(0);
    });
  });
});
