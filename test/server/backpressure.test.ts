import { connect, type Socket } from 'node:net';
import type { ServerResponse } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { StreamingResponse, WebStreamingResponse, type StreamClosedError } from '../../src/server/index';
import { serveFetch, type FetchServer } from './support/fetch-server';
import { serveNode, until, wait, type NodeServer } from './support/node-server';
import { readWire } from './support/sse';

const BOUND = 256 * 1024;
const TOKEN = 'x'.repeat(8 * 1024);

let server: NodeServer | FetchServer | undefined;
let socket: Socket | undefined;
afterEach(async () => {
  socket?.destroy();
  await server?.close();
  server = socket = undefined;
});

/** A client that sends a request and then never reads a byte of the answer. */
function neverReadingClient(port: number): Socket {
  const client = connect(port, '127.0.0.1');
  client.write('GET / HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n');
  client.pause();
  return client;
}

interface FloodResult {
  maxBuffered: number;
  maxNodeBuffered: number;
  writtenBytes: number;
  reason: unknown;
  activeAfter: boolean;
  dropped: number;
}

describe('backpressure (Node)', () => {
  it('a client that never reads: the buffer stays within maxBufferedBytes and the stream is cut', async () => {
    let result: FloodResult | undefined;
    server = await serveNode((_req, res: ServerResponse) => {
      const stream = new StreamingResponse(res, { maxBufferedBytes: BOUND }).start();
      let maxBuffered = 0;
      let maxNodeBuffered = 0;
      let writtenBytes = 0;
      // 256 MiB of tokens, synchronously: far more than the bound, the kernel buffers and a test's memory.
      for (let i = 0; i < 32 * 1024 && !stream.signal.aborted; i++) {
        stream.sendToken(TOKEN);
        writtenBytes += TOKEN.length;
        maxBuffered = Math.max(maxBuffered, stream.bufferedBytes);
        // Node's own count (its buffer plus the socket's), not only ours.
        maxNodeBuffered = Math.max(maxNodeBuffered, res.writableLength);
      }
      stream.sendToken('after the cut');
      result = {
        maxBuffered,
        maxNodeBuffered,
        writtenBytes,
        reason: stream.signal.reason,
        activeAfter: stream.isStreamActive(),
        dropped: stream.droppedWrites,
      };
    });
    socket = neverReadingClient((server as NodeServer).port);
    await until(() => result !== undefined, 10_000);
    expect(result!.maxBuffered).toBeLessThanOrEqual(BOUND);
    expect(result!.maxNodeBuffered).toBeLessThanOrEqual(BOUND);
    expect((result!.reason as StreamClosedError).code).toBe('buffer_overflow');
    expect(result!.activeAfter).toBe(false);
    expect(result!.dropped).toBe(1);
    // It stopped long before the flood was through (kernel socket buffers hold a few MiB at most).
    expect(result!.writtenBytes).toBeLessThan(64 * 1024 * 1024);
  });

  it('a producer that awaits ready() follows a slow client instead of being cut', async () => {
    const TOTAL = 2000; // 2000 × 8 KiB ≈ 16 MiB: more than the bound and the kernel socket buffers
    let stream: StreamingResponse | undefined;
    let maxBuffered = 0;
    let sent = 0;
    server = await serveNode(async (_req, res) => {
      stream = new StreamingResponse(res, { maxBufferedBytes: BOUND });
      for (; sent < TOTAL; sent++) {
        stream.sendToken(TOKEN);
        maxBuffered = Math.max(maxBuffered, stream.bufferedBytes);
        await stream.ready();
      }
      stream.end();
    });
    const client = connect((server as NodeServer).port, '127.0.0.1');
    socket = client;
    client.write('GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n');
    client.pause();
    // Not reading for a while: the producer must be parked, not cut.
    await until(() => stream !== undefined && stream.getMessageCount() > 10);
    await wait(150);
    expect(sent).toBeLessThan(TOTAL);
    expect(stream!.isStreamActive()).toBe(true);
    expect(stream!.signal.aborted).toBe(false);

    // Count events as they pass (building a 16 MiB string would only slow the test down).
    let tokens = 0;
    let tail = '';
    let last = '';
    client.on('data', (chunk: Buffer) => {
      const text = tail + chunk.toString('latin1');
      tokens += text.match(/event: token\n/g)?.length ?? 0;
      // Shorter than the pattern, so a match split across chunks is counted once.
      tail = text.slice(-12);
      last = text.slice(-100);
    });
    const ended = new Promise((resolve) => client.on('end', resolve));
    client.resume();
    // Connection: close is honoured: the server closes the socket after `done`.
    await ended;
    expect(tokens).toBe(TOTAL);
    expect(last).toMatch(/event: done\ndata: \{\}\n\n/);
    expect(stream!.signal.aborted).toBe(false);
    expect(maxBuffered).toBeLessThanOrEqual(BOUND);
  });

  it('the same bound holds with compression', async () => {
    let result: { maxBuffered: number; reason: unknown } | undefined;
    server = await serveNode((_req, res) => {
      const stream = new StreamingResponse(res, { maxBufferedBytes: BOUND, compressionEnabled: true }).start();
      let maxBuffered = 0;
      // Random text so gzip cannot shrink it to nothing.
      const noise = () => Math.random().toString(36).repeat(300);
      for (let i = 0; i < 64 * 1024 && !stream.signal.aborted; i++) {
        stream.sendToken(noise());
        maxBuffered = Math.max(maxBuffered, stream.bufferedBytes);
      }
      result = { maxBuffered, reason: stream.signal.reason };
    });
    const client = connect((server as NodeServer).port, '127.0.0.1');
    client.write('GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept-Encoding: gzip\r\n\r\n');
    client.pause();
    socket = client;
    await until(() => result !== undefined, 20_000);
    expect(result!.maxBuffered).toBeLessThanOrEqual(BOUND);
    expect((result!.reason as StreamClosedError).code).toBe('buffer_overflow');
  });
});

describe('backpressure (Web streams)', () => {
  it('a consumer that never reads: desiredSize stops at the bound and the stream errors', async () => {
    const stream = new WebStreamingResponse({ maxBufferedBytes: BOUND });
    const response = stream.toResponse();
    let maxBuffered = 0;
    let i = 0;
    for (; i < 32 * 1024 && !stream.signal.aborted; i++) {
      stream.sendToken(TOKEN);
      maxBuffered = Math.max(maxBuffered, stream.bufferedBytes);
    }
    expect(maxBuffered).toBeLessThanOrEqual(BOUND);
    expect(maxBuffered).toBeGreaterThan(BOUND - 2 * TOKEN.length);
    expect(i).toBeLessThan(BOUND / TOKEN.length + 2);
    expect((stream.signal.reason as StreamClosedError).code).toBe('buffer_overflow');
    // The queue was dropped: the body reports the cut instead of delivering a partial reply as whole.
    await expect(response.text()).rejects.toMatchObject({ code: 'buffer_overflow' });
  });

  it('a producer that awaits ready() is paced by pull()', async () => {
    const stream = new WebStreamingResponse({ maxBufferedBytes: BOUND });
    let sent = 0;
    let maxBuffered = 0;
    const producing = (async () => {
      for (; sent < 200; sent++) {
        stream.sendToken(TOKEN);
        maxBuffered = Math.max(maxBuffered, stream.bufferedBytes);
        await stream.ready();
      }
      stream.end();
    })();
    await wait(20);
    // Parked at the 16 KiB high-water mark while nobody reads.
    expect(sent).toBeLessThan(5);
    const { events } = await readWire(stream.readable);
    await producing;
    expect(events.filter((e) => e.event === 'token')).toHaveLength(200);
    expect(maxBuffered).toBeLessThanOrEqual(32 * 1024);
  });

  it('served over HTTP to a client that never reads, the bound holds too', async () => {
    let result: { maxBuffered: number; reason: unknown } | undefined;
    server = await serveFetch(() => {
      const stream = new WebStreamingResponse({ maxBufferedBytes: BOUND });
      void (async () => {
        let maxBuffered = 0;
        while (!stream.signal.aborted) {
          stream.sendToken(TOKEN);
          maxBuffered = Math.max(maxBuffered, stream.bufferedBytes);
          // Let the HTTP layer pull between writes, as a real producer awaiting the model would.
          await new Promise((resolve) => setImmediate(resolve));
        }
        result = { maxBuffered, reason: stream.signal.reason };
      })();
      return stream.toResponse();
    });
    socket = neverReadingClient(Number(new URL(server.url()).port));
    await until(() => result !== undefined, 20_000);
    expect(result!.maxBuffered).toBeLessThanOrEqual(BOUND);
    expect((result!.reason as StreamClosedError).code).toBe('buffer_overflow');
  });
});
