/**
 * Two server processes sharing one real redis-server, behind a proxy that sends every new
 * connection to the other instance and cuts connections at random byte offsets. The model is an
 * HTTP server in this process, so every model call is counted.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AIStream } from '../../../src/core/index';
import { seededRandom } from '../support/cutting-proxy';
import { until, wait } from '../support/node-server';
import { startAlternatingProxy, type AlternatingProxy, type CutBudget } from './support/alternating-proxy';
import { startRedisServer, type RedisServer } from './support/redis-server';

const TTL_MS = 1500;
const PIECES = ['Hello', ' wörld', ' 日本語', ' 👋🏽', ' "quoted"', ' line\nbreak', ' \\slash'];
const tokenAt = (prompt: string, i: number) => `${PIECES[i % PIECES.length]}${i % 9 === 8 ? ` ${prompt}:${i}` : ''}`;
/** prompt → [token count, ms between tokens (0: a 1 ms pause every 20 tokens)]. */
const shape = (prompt: string): [number, number] => (prompt.startsWith('slow') ? [80, 25] : [240, 0]);
const fullText = (prompt: string) => Array.from({ length: shape(prompt)[0] }, (_, i) => tokenAt(prompt, i)).join('');

/** The model: streams NDJSON tokens, counts calls, and notes the calls that were cut off. */
const model = { calls: new Map<string, number>(), abandoned: new Map<string, number>() };
let modelServer: Server;
let redis: RedisServer;

interface Instance {
  child: ChildProcess;
  port: number;
  started: { streamId: string; prompt: string }[];
  storeErrors: { operation: string; streamId?: string }[];
  resumed: number;
}
let a: Instance;
let b: Instance;

async function startInstance(modelUrl: string): Promise<Instance> {
  const child = fork(fileURLToPath(new URL('./support/instance.ts', import.meta.url)), [], {
    execArgv: ['--import', 'tsx'],
    env: { ...process.env, REDIS_URL: redis.url, MODEL_URL: modelUrl, TTL_MS: String(TTL_MS) },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const instance: Instance = { child, port: 0, started: [], storeErrors: [], resumed: 0 };
  child.on('message', (message: { port?: number; type?: string; streamId?: string; prompt?: string; operation?: string }) => {
    if (message.port) instance.port = message.port;
    if (message.type === 'resumed') instance.resumed++;
    if (message.type === 'started') instance.started.push({ streamId: message.streamId!, prompt: message.prompt! });
    if (message.type === 'store-error') instance.storeErrors.push({ operation: message.operation!, streamId: message.streamId });
  });
  await until(() => instance.port > 0, 20_000);
  return instance;
}

async function healthy(instance: Instance): Promise<boolean> {
  try {
    const response = await fetch(`http://127.0.0.1:${instance.port}/health`);
    return ((await response.json()) as { redis: boolean }).redis;
  } catch {
    return false;
  }
}

beforeAll(async () => {
  redis = await startRedisServer();
  modelServer = createServer(async (req, res) => {
    const prompt = new URL(req.url!, 'http://x').searchParams.get('prompt')!;
    model.calls.set(prompt, (model.calls.get(prompt) ?? 0) + 1);
    const [count, pause] = shape(prompt);
    res.writeHead(200, { 'content-type': 'application/x-ndjson' });
    let closed = false;
    res.on('close', () => (closed = true));
    for (let i = 0; i < count && !closed; i++) {
      res.write(`${JSON.stringify({ token: tokenAt(prompt, i) })}\n`);
      if (pause) await wait(pause);
      else if (i % 20 === 0) await wait(1);
    }
    if (closed) model.abandoned.set(prompt, (model.abandoned.get(prompt) ?? 0) + 1);
    res.end();
  });
  await new Promise<void>((resolve) => modelServer.listen(0, '127.0.0.1', resolve));
  const modelUrl = `http://127.0.0.1:${(modelServer.address() as AddressInfo).port}/`;
  [a, b] = await Promise.all([startInstance(modelUrl), startInstance(modelUrl)]);
}, 60_000);

afterAll(async () => {
  for (const instance of [a, b]) {
    if (instance && instance.child.exitCode === null && instance.child.signalCode === null) {
      instance.child.kill();
      await once(instance.child, 'exit');
    }
  }
  await new Promise((resolve) => modelServer?.close(resolve));
  await redis?.stop();
});

function client(endpoint: string) {
  const ai = new AIStream({ endpoint, retry: { maxRetries: 1000, initialDelay: 1, maxDelay: 5 } });
  const seen = { resumes: 0, restarts: 0, tokens: 0 };
  ai.on('resume', () => seen.resumes++);
  ai.on('restart', () => seen.restarts++);
  ai.on('token', () => seen.tokens++);
  return { ai, seen, reply: () => ai.getMessages()[1]! };
}

/** Fresh requests are cut only after their first events (until then the client cannot name the stream); resumes anywhere. */
function randomCuts(seed: number): CutBudget {
  const random = seededRandom(seed);
  return ({ connection, resuming }) => (connection % 8 === 7 ? Infinity : resuming ? 1 + Math.floor(random() * 1800) : 700 + Math.floor(random() * 1300));
}

describe('two instances sharing Redis', () => {
  let proxy: AlternatingProxy | undefined;
  const closeProxy = async () => {
    await proxy?.close();
    proxy = undefined;
  };

  it('≥ 200 random cuts, every reconnect on the other instance: exact text, no duplicated token, one model call per reply', async () => {
    proxy = await startAlternatingProxy([a.port, b.port], randomCuts(13));
    let replies = 0;
    let resumes = 0;
    while (proxy.cuts < 200) {
      const prompt = `fuzz${replies++}`;
      const { ai, seen, reply } = client(proxy.url('/api/chat'));
      await ai.send(prompt);
      expect(reply().content, prompt).toBe(fullText(prompt));
      expect(reply().status).toBe('complete');
      expect(model.calls.get(prompt), prompt).toBe(1);
      expect(seen.restarts, prompt).toBe(0);
      // Every token reached the client exactly once.
      expect(seen.tokens, prompt).toBe(shape(prompt)[0]);
      resumes += seen.resumes;
    }
    expect(proxy.cuts).toBeGreaterThanOrEqual(200);
    expect(resumes).toBeGreaterThan(100);
    // The resumed connections really went to both instances.
    expect(replies).toBeGreaterThan(2);
    await closeProxy();
  }, 120_000);

  it('the producing instance is killed mid-reply: the other instance serves what was recorded, ends at the TTL, and the client restarts cleanly', async () => {
    proxy = await startAlternatingProxy([a.port, b.port]);
    const prompt = 'slow-kill';
    const { ai, seen, reply } = client(proxy.url('/api/chat'));
    let killed = false;
    ai.on('token', () => {
      if (!killed && seen.tokens >= 15) {
        killed = true;
        a.child.kill('SIGKILL');
      }
    });
    await ai.send(prompt);
    expect(killed).toBe(true);
    expect(reply()).toMatchObject({ content: fullText(prompt), status: 'complete' });
    // B looked for the client's position in the recording. Whether it first resumed (replaying
    // what A had recorded until the TTL ended it) or had nothing to resume from depends on how
    // much of A's last batch reached Redis before the kill; either way the client restarts once.
    expect(seen.restarts).toBe(1);
    // The killed reply's model call died with it; the restart called the model once more.
    expect(model.calls.get(prompt)).toBe(2);
    expect(b.started.map((s) => s.prompt)).toContain(prompt);
    await closeProxy();
    a = await startInstance(`http://127.0.0.1:${(modelServer.address() as AddressInfo).port}/`);
  }, 60_000);

  it('stop from the other instance aborts the producer and its model call', async () => {
    proxy = await startAlternatingProxy([a.port, b.port]);
    const prompt = 'slow-stop';
    const { ai, seen, reply } = client(proxy.url('/api/chat'));
    let cancelled: Promise<number> | undefined;
    ai.on('token', () => {
      if (cancelled || seen.tokens < 10) return;
      const streamId = a.started.find((s) => s.prompt === prompt)!.streamId;
      // The cancel request (what another tab's stop() sends), straight to the other instance.
      cancelled = fetch(`http://127.0.0.1:${b.port}/api/chat?streamId=${streamId}`, { method: 'DELETE' }).then((r) => r.status);
    });
    await ai.send(prompt);
    expect(await cancelled).toBe(204);
    // Stopped elsewhere: this client gets the end of the reply as the server recorded it.
    expect(reply()).toMatchObject({ status: 'complete', finishReason: 'aborted' });
    expect(reply().content.length).toBeLessThan(fullText(prompt).length);
    expect(fullText(prompt).startsWith(reply().content)).toBe(true);
    await until(() => model.abandoned.get(prompt) === 1);
    expect(model.calls.get(prompt)).toBe(1);
    await closeProxy();
  }, 30_000);

  it('Redis restarted mid-reply: the live reply goes on; afterwards replies are resumable again', async () => {
    proxy = await startAlternatingProxy([a.port, b.port]);
    const prompt = 'slow-redis-restart';
    const { ai, seen, reply } = client(proxy.url('/api/chat'));
    let restarted: Promise<void> | undefined;
    ai.on('token', () => {
      if (!restarted && seen.tokens >= 10) restarted = redis.kill().then(() => redis.start());
    });
    await ai.send(prompt);
    await restarted;
    expect(reply()).toMatchObject({ content: fullText(prompt), status: 'complete' });
    expect(model.calls.get(prompt)).toBe(1);
    const streamId = a.started.find((s) => s.prompt === prompt)!.streamId;
    expect(a.storeErrors.filter((e) => e.operation === 'append' && e.streamId === streamId)).toHaveLength(1);
    await closeProxy();

    // Both instances' clients reconnect on their own.
    for (const instance of [a, b]) {
      for (let tries = 0; tries < 200 && !(await healthy(instance)); tries++) await wait(25);
      expect(await healthy(instance)).toBe(true);
    }
    proxy = await startAlternatingProxy([a.port, b.port], randomCuts(99));
    const after = 'fuzz-after-restart';
    const next = client(proxy.url('/api/chat'));
    await next.ai.send(after);
    expect(next.reply().content).toBe(fullText(after));
    expect(model.calls.get(after)).toBe(1);
    expect(next.seen.resumes).toBeGreaterThan(0);
    await closeProxy();
  }, 60_000);
});
