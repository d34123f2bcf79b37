// One Node process serving many concurrent SSE streams at a fixed token rate.
// argv: JSON { impl: 'floor'|'ours'|'aisdk', tokensPerStream, rate }. Forked with IPC:
// sends { port } when listening; on { cmd: 'baseline' } answers { baseline }; on { cmd: 'report' }
// answers { report } (memory peak, CPU) once every stream it served has ended.
import { createServer } from 'node:http';
import { once } from 'node:events';
import { setTimeout as sleep } from 'node:timers/promises';
import { PerformanceObserver, monitorEventLoopDelay } from 'node:perf_hooks';
import { markdownReply, tokenize } from '../lib/fixtures.mjs';

const args = JSON.parse(process.argv[2]);
const TOKENS = tokenize(markdownReply(20_000, 5), 5);
const interval = 1000 / args.rate;

/** The upstream model: token i is due at t0 + i * interval (same source for every implementation). */
async function* source(offset) {
  const t0 = performance.now();
  for (let i = 0; i < args.tokensPerStream; i++) {
    const wait = t0 + i * interval - performance.now();
    if (wait > 0.5) await sleep(wait);
    yield TOKENS[(offset + i) % TOKENS.length];
  }
}

let ours;
let ai;
if (args.impl === 'ours' || args.impl === 'ours-memory' || args.impl === 'ours-redis') {
  ours = await import(args.oursServer);
  if (typeof ours.StreamingResponse !== 'function') throw new Error('StreamingResponse is not exported from src/server');
}
if (args.impl === 'aisdk') ai = await import('ai');

// Resume stores (issue #13): the same StreamingResponse recording every event.
let resumeStore;
let storeErrors = 0;
let storeErrorSample;
if (args.impl === 'ours-memory') resumeStore = ours.createMemoryResumeStore({ maxStreams: 100_000 });
if (args.impl === 'ours-redis') {
  const { createClient } = await import('redis');
  const client = createClient({ url: args.redisUrl });
  client.on('error', () => {});
  await client.connect();
  const { createRedisResumeStore } = await import(args.oursRedis);
  resumeStore = createRedisResumeStore({ client, keyPrefix: 'bench:', onError: (e) => {
    storeErrors++;
    storeErrorSample ??= `${e.operation}: ${e.message}`.slice(0, 200);
  } });
}

const impls = {
  /** Floor: a hand-written res.write loop speaking the same protocol. */
  async floor(res, gen) {
    res.writeHead(200, { 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-cache, no-transform', connection: 'keep-alive', 'x-accel-buffering': 'no' });
    let seq = 0;
    const id = `s${Math.random().toString(36).slice(2, 8)}`;
    res.write(`id: ${id}-${++seq}\nevent: start\ndata: {"streamId":"${id}"}\n\n`);
    let i = 0;
    for await (const t of gen) res.write(`id: ${id}-${++seq}\nevent: token\ndata: ${JSON.stringify({ token: t, index: i++ })}\n\n`);
    res.write(`id: ${id}-${++seq}\nevent: finish\ndata: {"reason":"stop"}\n\n`);
    res.end(`id: ${id}-${++seq}\nevent: done\ndata: {}\n\n`);
  },
  /** Ours: StreamingResponse from src/server. */
  async ours(res, gen) {
    const s = new ours.StreamingResponse(res);
    s.start();
    let i = 0;
    for await (const t of gen) s.sendToken(t, i++);
    s.sendFinish('stop');
    s.end();
  },
  /** Ours with a resume store: every event is also recorded. */
  async 'ours-memory'(res, gen) {
    const s = new ours.StreamingResponse(res, { resumeStore });
    s.start();
    let i = 0;
    for await (const t of gen) s.sendToken(t, i++);
    s.sendFinish('stop');
    s.end();
  },
  /** Vercel AI SDK: createUIMessageStream + pipeUIMessageStreamToResponse. */
  async aisdk(res, gen) {
    const stream = ai.createUIMessageStream({
      async execute({ writer }) {
        writer.write({ type: 'start' });
        writer.write({ type: 'start-step' });
        writer.write({ type: 'text-start', id: 't1' });
        for await (const t of gen) writer.write({ type: 'text-delta', id: 't1', delta: t });
        writer.write({ type: 'text-end', id: 't1' });
        writer.write({ type: 'finish-step' });
        writer.write({ type: 'finish', finishReason: 'stop' });
      },
    });
    ai.pipeUIMessageStreamToResponse({ response: res, stream });
    await once(res, 'close');
  },
};
impls['ours-redis'] = impls['ours-memory'];

let active = 0;
let peakActive = 0;
let served = 0;
let ended = 0;
let errors = 0;
let firstAt = 0;
let lastReqAt = 0;
let lastEndAt = 0;
let cpuAtFirst;
let cpuAtLast;
let baseline;
let peak = { active: 0 };

const mem = () => {
  const m = process.memoryUsage();
  return { rss: m.rss, heap: m.heapUsed, external: m.external + m.arrayBuffers };
};
const sampler = setInterval(() => {
  if (active > 0 && active >= peak.active) peak = { active, ...mem() };
}, 200);
sampler.unref();

// What the added delay is made of on the server side: how late its event loop ran callbacks,
// and how long the main thread was stopped for garbage collection (from the first request on).
const loopDelay = monitorEventLoopDelay({ resolution: 1 });
const gc = { count: 0, totalMs: 0, maxMs: 0 };
const gcObserver = new PerformanceObserver((list) => {
  if (!firstAt) return;
  for (const entry of list.getEntries()) {
    gc.count++;
    gc.totalMs += entry.duration;
    if (entry.duration > gc.maxMs) gc.maxMs = entry.duration;
  }
});
gcObserver.observe({ entryTypes: ['gc'] });

const server = createServer(async (req, res) => {
  if (!firstAt) {
    firstAt = performance.now();
    cpuAtFirst = process.cpuUsage();
    loopDelay.enable();
  }
  active++;
  served++;
  lastReqAt = performance.now();
  if (active > peakActive) peakActive = active;
  req.resume();
  try {
    await impls[args.impl](res, source(served * 7));
  } catch {
    errors++;
  } finally {
    active--;
    ended++;
    lastEndAt = performance.now();
    cpuAtLast = process.cpuUsage(cpuAtFirst);
  }
});
server.keepAliveTimeout = 1000;
server.listen({ port: 0, host: '127.0.0.1', backlog: 8192 }, () => process.send({ port: server.address().port }));

process.on('message', (msg) => {
  if (msg.cmd === 'baseline') {
    globalThis.gc?.();
    baseline = mem();
    process.send({ baseline });
  } else if (msg.cmd === 'report') {
    const wall = lastEndAt - firstAt;
    const cpuMs = cpuAtLast ? (cpuAtLast.user + cpuAtLast.system) / 1000 : NaN;
    loopDelay.disable();
    const loop = { p99Ms: loopDelay.percentile(99) / 1e6, maxMs: loopDelay.max / 1e6 };
    process.send({
      report: { served, ended, errors, storeErrors, storeErrorSample, peakActive, baseline, peak, wallMs: wall, requestSpreadMs: lastReqAt - firstAt, cpuMs, cpuPct: (cpuMs / wall) * 100, loop, gc },
    });
  } else if (msg.cmd === 'exit') process.exit(0);
});
