// The HTTP server the render and hooks pages talk to (loopback only).
//
//   GET  /page/<variant>?cfg=<json>   the page (HTML + harness config)
//   GET  /bundle/<variant>.js         the page's esbuild bundle
//   POST /api/kit?run=&reply=&plan=   our wire protocol, written by our StreamingResponse (src/server)
//   POST /api/raw?...                 the same protocol written by a hand-written res.write loop (floor)
//   POST /api/ui?...                  the AI SDK UI message stream (createUIMessageStream + pipeUIMessageStreamToResponse)
//
// A plan says how the reply's tokens go out: 'fast' (one write per token, no delay) or
// 'paced' (first `head` tokens at `rate`/s, then everything up to the last `tail` tokens as one
// delta, then a pause until the driver opens the gate, then the tail at `rate`/s), or 'steady'
// (every token at `rate`/s).
import { createServer } from 'node:http';
import { once, EventEmitter } from 'node:events';
import { readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { setImmediate as tick, setTimeout as sleep } from 'node:timers/promises';
import { TMP } from '../lib/paths.mjs';

export function createBenchServer({ replies, ours }) {
  const events = new EventEmitter();
  const gates = new Map();
  /** The driver opens a gate: the paused stream of that run continues. */
  const openGate = (run) => {
    const g = gates.get(run);
    if (g) g.open();
    else gates.set(run, { opened: true });
  };
  const waitGate = (run) => {
    const g = gates.get(run);
    if (g?.opened) return Promise.resolve();
    return new Promise((resolve) => gates.set(run, { open: resolve }));
  };

  async function* schedule(tokens, plan, run) {
    const emit = (name) => events.emit('phase', { run, name, at: performance.now() });
    const interval = 1000 / (plan.rate ?? 50);
    if (plan.kind === 'fast') {
      emit('fast-start');
      for (let i = 0; i < tokens.length; i++) {
        yield tokens[i];
        await tick();
      }
      emit('fast-end');
      return;
    }
    const paced = async function* (from, to, name) {
      emit(`${name}-start`);
      const t0 = performance.now();
      for (let i = from; i < to; i++) {
        const due = t0 + (i - from) * interval;
        const wait = due - performance.now();
        if (wait > 1) await sleep(wait);
        yield tokens[i];
      }
      emit(`${name}-end`);
    };
    if (plan.kind === 'steady') {
      yield* paced(0, tokens.length, 'steady');
      return;
    }
    const head = Math.min(plan.head, tokens.length);
    const tailStart = Math.max(head, tokens.length - plan.tail);
    yield* paced(0, head, 'head');
    // The middle of the reply arrives as one delta, so every variant renders it once (a per-token
    // burst would take some peers minutes); the tail then streams into a long reply.
    emit('burst-start');
    if (tailStart > head) yield tokens.slice(head, tailStart).join('');
    emit('burst-end');
    await waitGate(run);
    yield* paced(tailStart, tokens.length, 'tail');
  }

  const writers = {
    /** Our server helper. */
    async kit(res, gen) {
      if (!ours?.StreamingResponse) throw new Error('StreamingResponse is not exported from src/server');
      const s = new ours.StreamingResponse(res);
      s.start({ model: 'bench' });
      let i = 0;
      for await (const t of gen) {
        s.sendToken(t, i++);
        if (s.bufferedBytes > 0) await s.ready();
      }
      s.sendFinish('stop');
      s.end();
    },
    /** The floor: the same protocol, written by hand. */
    async raw(res, gen) {
      res.writeHead(200, { 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-cache', 'x-accel-buffering': 'no' });
      let seq = 0;
      const w = (event, data) => res.write(`id: raw-${++seq}\nevent: ${event}\ndata: ${JSON.stringify(data)}\n\n`);
      w('start', { streamId: 'raw' });
      let i = 0;
      for await (const t of gen) if (!w('token', { token: t, index: i++ })) await once(res, 'drain');
      w('finish', { reason: 'stop' });
      w('done', {});
      res.end();
    },
    /** The Vercel AI SDK's own server helpers, as its docs show them. */
    async ui(res, gen) {
      const { createUIMessageStream, pipeUIMessageStreamToResponse } = await import('ai');
      const stream = createUIMessageStream({
        async execute({ writer }) {
          writer.write({ type: 'start' });
          writer.write({ type: 'start-step' });
          writer.write({ type: 'text-start', id: 'text-1' });
          for await (const t of gen) writer.write({ type: 'text-delta', id: 'text-1', delta: t });
          writer.write({ type: 'text-end', id: 'text-1' });
          writer.write({ type: 'finish-step' });
          writer.write({ type: 'finish', finishReason: 'stop' });
        },
      });
      pipeUIMessageStreamToResponse({ response: res, stream });
      await once(res, 'close');
    },
  };

  const server = createServer(async (req, res) => {
    const url = new URL(req.url, 'http://x');
    try {
      if (req.method === 'GET' && url.pathname.startsWith('/page/')) {
        const variant = url.pathname.slice(6);
        const cfg = url.searchParams.get('cfg') ?? '{}';
        const css = existsSync(join(TMP, `pages/${variant}.css`)) ? `<link rel="stylesheet" href="/bundle/${variant}.css">` : '';
        res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
        res.end(`<!doctype html><html><head><meta charset="utf-8"><title>${variant}</title>${css}
<style>html,body{margin:0;height:100%;font:15px/1.5 system-ui,sans-serif}#root{height:100vh;overflow:auto;max-width:820px;margin:0 auto}.raw{white-space:pre-wrap}</style>
<script>window.__BENCH=${cfg.replace(/</g, '\\u003c')};</script></head><body><div id="root"></div><script src="/bundle/${variant}.js"></script></body></html>`);
        return;
      }
      if (req.method === 'GET' && url.pathname.startsWith('/bundle/')) {
        const file = join(TMP, 'pages', url.pathname.slice(8).replace(/[^\w.-]/g, ''));
        res.writeHead(200, { 'content-type': file.endsWith('.css') ? 'text/css' : 'text/javascript' });
        res.end(readFileSync(file));
        return;
      }
      if (req.method === 'POST' && url.pathname.startsWith('/api/')) {
        const kind = url.pathname.slice(5);
        const run = url.searchParams.get('run') ?? '';
        const tokens = replies[url.searchParams.get('reply') ?? 'md'];
        const plan = JSON.parse(url.searchParams.get('plan') ?? '{"kind":"fast"}');
        req.resume();
        await once(req, 'end');
        const writer = writers[kind];
        if (!writer || !tokens) {
          res.writeHead(404).end();
          return;
        }
        events.emit('request', { run, kind });
        await writer(res, schedule(tokens, plan, run));
        events.emit('response-end', { run, kind, at: performance.now() });
        return;
      }
      res.writeHead(404).end();
    } catch (err) {
      events.emit('server-error', err);
      if (!res.headersSent) res.writeHead(500, { 'content-type': 'text/plain' });
      res.end(String(err?.message ?? err));
    }
  });

  return new Promise((resolve) => {
    server.listen(0, '127.0.0.1', () => {
      resolve({
        port: server.address().port,
        events,
        openGate,
        close: () => new Promise((r) => {
          server.closeAllConnections?.();
          server.close(() => r());
        }),
      });
    });
  });
}
