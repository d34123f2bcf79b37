/**
 * The demo server answers the cancel request: Stop on a demo reply (which a memory resume store
 * keeps running past its connection) stops the embedded model's producer. The recorded reply
 * then ends with `finish` (aborted) — written only when the cancel reached the producer — long
 * before the `/long` script would have ended.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDemoServer, type DemoServer } from '../../demo/server/server';
import { AIStream, type AIStreamError } from '../../src/core/index';
import { until } from './support/node-server';
import { readWire } from './support/sse';

let demo: DemoServer;
let staticDir: string;
const logged: string[] = [];

beforeAll(async () => {
  staticDir = mkdtempSync(join(tmpdir(), 'demo-static-')); // the page is not needed here
  demo = await startDemoServer({ port: 0, staticDir, env: {}, tokensPerSecond: 100, log: (line) => logged.push(line) });
});
afterAll(async () => {
  await demo.close();
  rmSync(staticDir, { recursive: true, force: true });
});

describe('demo server: Stop', () => {
  it('stop() on a demo reply stops the demo model on the server; the recorded reply ends there', async () => {
    const endpoint = `http://127.0.0.1:${demo.port}/api/chat`;
    const cancels: { url: string; status: number }[] = [];
    const client = new AIStream({
      endpoint,
      // Records the cancel request stop() sends, and what the demo answered.
      fetch: async (input, init) => {
        const response = await fetch(input, init);
        if (init?.method === 'DELETE') cancels.push({ url: String(input), status: response.status });
        return response;
      },
    });
    const errors: AIStreamError[] = [];
    client.on('error', (error) => errors.push(error));
    let tokens = 0;
    client.on('token', () => tokens++);
    const sent = client.send('/long');
    await until(() => tokens >= 5, 10_000);
    client.stop();
    await sent;
    await until(() => cancels.length === 1, 5000);
    expect(cancels[0]!.status).toBe(204);
    const streamId = new URL(cancels[0]!.url).searchParams.get('streamId');

    // A reconnect now gets the reply as recorded: it ends with the stop, not with the script's end.
    const replay = await fetch(endpoint, {
      method: 'POST',
      headers: { 'Last-Event-ID': `${streamId}-1`, 'content-type': 'application/json' },
      body: JSON.stringify({ messages: [{ role: 'user', content: '/long' }] }),
    });
    const { events } = await readWire(replay.body);
    expect(events.slice(-2).map((e) => [e.event, e.data])).toEqual([['finish', '{"reason":"aborted"}'], ['done', '{}']]);
    expect(client.getMessages().at(-1)!.status).toBe('aborted');
    expect(errors).toEqual([]);
    expect(logged).toEqual([]);
  });
});
