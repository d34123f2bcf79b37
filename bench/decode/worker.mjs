// One decoder implementation on one fixture, in its own process (no JIT cross-talk between peers).
// argv: JSON { impl, fixture, warmup, iterations, url? }  →  stdout: JSON { times: [ms...], ok, chars, error? }
import { performance } from 'node:perf_hooks';
import { decodeFixtures } from '../lib/fixtures.mjs';
import { TMP } from '../lib/paths.mjs';
import { join } from 'node:path';

const args = JSON.parse(process.argv[2]);
const fx = decodeFixtures()[args.fixture];
const isOpenAI = fx.protocol === 'openai-chat';

/** A fresh body stream over the recorded chunks (in memory) or over loopback HTTP. */
async function body() {
  if (args.url) {
    const res = await fetch(args.url);
    return res.body;
  }
  let i = 0;
  const chunks = fx.chunks;
  return new ReadableStream({
    pull(c) {
      if (i < chunks.length) c.enqueue(chunks[i++]);
      else c.close();
    },
  });
}

const sseHeaders = { 'content-type': 'text/event-stream; charset=utf-8' };
/** A fetch that answers every request with the recording (used by SDKs that only take a fetch). */
const fetchRecording = async () => new Response(await body(), { status: 200, headers: sseHeaders });
const sdkFetch = args.url ? undefined : fetchRecording;
const baseURL = args.url ? args.url.replace(/\/[^/]*$/, '') : 'http://127.0.0.1:9/v1';

const textOf = isOpenAI
  ? (obj) => obj.choices?.[0]?.delta?.content ?? ''
  : (obj) => (obj.type === 'content_block_delta' && obj.delta.type === 'text_delta' ? obj.delta.text : '');

const impls = {
  /** The floor: JSON.parse of every event's data, the events already split out (no I/O, no framing). */
  async 'floor-json'() {
    const datas = [];
    for (const block of fx.body.split('\n\n')) {
      const line = block.split('\n').find((l) => l.startsWith('data: '));
      if (line) datas.push(line.slice(6));
    }
    return async () => {
      let text = '';
      for (const d of datas) {
        if (d === '[DONE]') continue;
        text += textOf(JSON.parse(d));
      }
      return text;
    };
  },

  /** eventsource-parser fed the decoded chunks + JSON.parse per event (what a minimal client does). */
  async 'floor-esp'() {
    const { createParser } = await import('eventsource-parser');
    return async () => {
      let text = '';
      const parser = createParser({
        onEvent(ev) {
          if (ev.data === '[DONE]') return;
          text += textOf(JSON.parse(ev.data));
        },
      });
      const reader = (await body()).getReader();
      const dec = new TextDecoder();
      for (;;) {
        const { value, done } = await reader.read();
        if (done) break;
        parser.feed(dec.decode(value, { stream: true }));
      }
      parser.feed(dec.decode());
      return text;
    };
  },

  /** Ours: decodeBody (src/protocol) — the pure decode path. */
  async 'ours-decode'() {
    const mod = await import(join(TMP, 'ours-index.mjs'));
    if (typeof mod.decodeBody !== 'function') throw new Error('decodeBody is not exported from src/index.ts');
    return async () => {
      let text = '';
      for await (const batch of mod.decodeBody(await body(), { protocol: fx.protocol })) {
        for (const item of Array.isArray(batch) ? batch : [batch]) {
          for (const part of item.parts ?? (item.type ? [item] : [])) if (part.type === 'text-delta') text += part.delta;
        }
      }
      return text;
    };
  },

  /** Ours: streamChunks, the loop the seeds write by hand (one chunk per event, content accumulated). */
  async 'ours-streamchunks'() {
    const mod = await import(join(TMP, 'ours-index.mjs'));
    if (typeof mod.streamChunks !== 'function') throw new Error('streamChunks is not exported from src/index.ts');
    return async () => {
      let text = '';
      for await (const chunk of mod.streamChunks(await body(), { protocol: fx.protocol })) text += chunk.delta;
      return text;
    };
  },

  /** Ours: the whole client (AIStream.send → message state), fed by a fetch that returns the recording. */
  async 'ours-aistream'() {
    const mod = await import(join(TMP, 'ours-index.mjs'));
    if (typeof mod.AIStream !== 'function') throw new Error('AIStream is not exported from src/index.ts');
    const fetchImpl = args.url ? (_u, init) => fetch(args.url, init) : fetchRecording;
    return async () => {
      const stream = new mod.AIStream({ endpoint: args.url ?? 'http://127.0.0.1:9/chat', protocol: fx.protocol, fetch: fetchImpl, retry: { maxRetries: 0 } });
      await stream.send('hi');
      const msgs = stream.getMessages();
      const last = msgs[msgs.length - 1];
      if (last?.error) throw new Error(`AIStream error: ${last.error.message}`);
      return last?.content ?? '';
    };
  },

  /** Vercel AI SDK: parseJsonEventStream (TextDecoderStream → EventSourceParserStream → zod-validated JSON). */
  async 'aisdk-parse'() {
    const { parseJsonEventStream, zodSchema } = await import('@ai-sdk/provider-utils');
    const { z } = await import('zod/v4');
    // The shape the providers validate (@ai-sdk/openai openaiChatChunkSchema, @ai-sdk/anthropic chunk schema), trimmed to what these streams contain.
    const schema = isOpenAI
      ? zodSchema(
          z.object({
            id: z.string().nullish(),
            created: z.number().nullish(),
            model: z.string().nullish(),
            choices: z.array(
              z.object({
                delta: z
                  .object({
                    role: z.enum(['assistant']).nullish(),
                    content: z.string().nullish(),
                    tool_calls: z.array(z.object({ index: z.number(), id: z.string().nullish(), function: z.object({ name: z.string().nullish(), arguments: z.string().nullish() }) })).nullish(),
                  })
                  .nullish(),
                finish_reason: z.string().nullish(),
                index: z.number(),
              }),
            ),
            usage: z.object({ prompt_tokens: z.number().nullish(), completion_tokens: z.number().nullish(), total_tokens: z.number().nullish() }).nullish(),
          }),
        )
      : zodSchema(
          z.discriminatedUnion('type', [
            z.object({ type: z.literal('message_start'), message: z.object({ id: z.string().nullish(), model: z.string().nullish(), usage: z.looseObject({ input_tokens: z.number() }) }) }),
            z.object({ type: z.literal('content_block_start'), index: z.number(), content_block: z.object({ type: z.literal('text'), text: z.string() }) }),
            z.object({ type: z.literal('content_block_delta'), index: z.number(), delta: z.discriminatedUnion('type', [z.object({ type: z.literal('text_delta'), text: z.string() }), z.object({ type: z.literal('input_json_delta'), partial_json: z.string() })]) }),
            z.object({ type: z.literal('content_block_stop'), index: z.number() }),
            z.object({ type: z.literal('message_delta'), delta: z.object({ stop_reason: z.string().nullish() }), usage: z.looseObject({ output_tokens: z.number() }) }),
            z.object({ type: z.literal('message_stop') }),
            z.object({ type: z.literal('ping') }),
          ]),
        );
    return async () => {
      let text = '';
      const reader = parseJsonEventStream({ stream: await body(), schema }).getReader();
      for (;;) {
        const { value, done } = await reader.read();
        if (done) break;
        if (!value.success) throw value.error;
        text += textOf(value.value);
      }
      return text;
    };
  },

  /** Vercel AI SDK end to end: streamText on the provider package, reading textStream. */
  async 'aisdk-streamtext'() {
    const { streamText } = await import('ai');
    let model;
    if (isOpenAI) {
      const { createOpenAI } = await import('@ai-sdk/openai');
      model = createOpenAI({ apiKey: 'sk-bench', baseURL, fetch: sdkFetch }).chat('gpt-4o');
    } else {
      const { createAnthropic } = await import('@ai-sdk/anthropic');
      model = createAnthropic({ apiKey: 'sk-bench', baseURL, fetch: sdkFetch }).messages('claude-sonnet-4-5');
    }
    return async () => {
      let text = '';
      let error;
      const result = streamText({ model, prompt: 'hi', maxRetries: 0, onError: ({ error: e }) => (error = e) });
      for await (const t of result.textStream) text += t;
      if (error) throw error;
      return text;
    };
  },

  /** The official SDK (openai / @anthropic-ai/sdk) streaming iterator. */
  async 'official-sdk'() {
    if (isOpenAI) {
      const { default: OpenAI } = await import('openai');
      const client = new OpenAI({ apiKey: 'sk-bench', baseURL, fetch: sdkFetch, maxRetries: 0 });
      return async () => {
        let text = '';
        const stream = await client.chat.completions.create({ model: 'gpt-4o', messages: [{ role: 'user', content: 'hi' }], stream: true });
        for await (const chunk of stream) text += chunk.choices[0]?.delta?.content ?? '';
        return text;
      };
    }
    const { default: Anthropic } = await import('@anthropic-ai/sdk');
    const client = new Anthropic({ apiKey: 'sk-bench', baseURL, fetch: sdkFetch, maxRetries: 0 });
    return async () => {
      let text = '';
      const stream = await client.messages.create({ model: 'claude-sonnet-4-5', max_tokens: 1024, messages: [{ role: 'user', content: 'hi' }], stream: true });
      for await (const ev of stream) if (ev.type === 'content_block_delta' && ev.delta.type === 'text_delta') text += ev.delta.text;
      return text;
    };
  },
};

try {
  const make = impls[args.impl];
  if (!make) throw new Error(`unknown impl ${args.impl}`);
  const run = await make();
  let text = '';
  // Warm up: `warmup` runs, but stop after ~2 s once one has run (slow peers would otherwise dominate the wall time).
  for (let i = 0, t0 = performance.now(); i < args.warmup && (i < 1 || performance.now() - t0 < 2000); i++) text = await run();
  const ok = text === fx.text;
  if (!ok && args.warmup > 0) throw new Error(`decoded text differs from the reply (${text.length} vs ${fx.text.length} chars)`);
  const times = [];
  const cpu0 = process.cpuUsage();
  const start = performance.now();
  for (let i = 0; i < args.iterations && (i < 2 || performance.now() - start < 3000); i++) {
    const t0 = performance.now();
    text = await run();
    times.push(performance.now() - t0);
  }
  const cpu = process.cpuUsage(cpu0);
  process.stdout.write(JSON.stringify({ times, cpuMs: (cpu.user + cpu.system) / 1000 / times.length, ok: text === fx.text, chars: text.length }));
} catch (err) {
  process.stdout.write(JSON.stringify({ error: String(err?.stack ?? err).split('\n').slice(0, 3).join(' | ') }));
}
