/**
 * A real HTTP server on 127.0.0.1 for tests that need the network path (fetch, streaming bodies,
 * dropped sockets, status codes) instead of a mocked fetch.
 *
 *   const server = await startServer();            // afterEach/afterAll: await server.close()
 *   server.reply(respond([sse({ token: 'Hi' }, { event: 'token', id: 's-1' }), 50, sse({}, { event: 'done' })]));
 *   await fetch(server.url('/chat'), { method: 'POST', body: '{}' });
 *   server.requests[0].body;                        // parsed JSON (or text), headers lower-cased
 *
 * Handlers queue up: each request takes the next one given to `reply`; the last one repeats.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

export interface RecordedRequest {
  method: string;
  /** Path and query. */
  path: string;
  headers: IncomingMessage['headers'];
  /** The body parsed as JSON, or the raw text when it is not JSON. */
  body: unknown;
  text: string;
}

export type Handler = (req: IncomingMessage, res: ServerResponse, request: RecordedRequest) => void | Promise<void>;

export interface TestServer {
  /** Base URL, or the URL of `path`. */
  url(path?: string): string;
  /** Every request received so far, in order. */
  readonly requests: RecordedRequest[];
  /** Queues handlers: request N uses handler N; the last handler answers every later request. */
  reply(...handlers: Handler[]): void;
  /** Resolves once `count` requests have arrived. */
  waitForRequests(count: number): Promise<void>;
  /** Destroys open connections (streaming responses included) and stops listening. */
  close(): Promise<void>;
}

export async function startServer(): Promise<TestServer> {
  const requests: RecordedRequest[] = [];
  const queue: Handler[] = [];
  const sockets = new Set<Socket>();
  let waiters: Array<() => void> = [];
  let served = 0;

  const server = createServer(async (req, res) => {
    res.on('error', () => {}); // a client that went away is part of the tests, not a failure
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const text = Buffer.concat(chunks).toString('utf8');
    let body: unknown = text;
    try {
      body = JSON.parse(text);
    } catch {
      // keep the text
    }
    const request: RecordedRequest = { method: req.method ?? '', path: req.url ?? '', headers: req.headers, body, text };
    requests.push(request);
    const current = waiters;
    waiters = [];
    current.forEach((wake) => wake());
    const handler = queue[Math.min(served++, queue.length - 1)];
    try {
      if (!handler) res.writeHead(500).end('no handler queued');
      else await handler(req, res, request);
    } catch (error) {
      if (!res.headersSent) res.writeHead(500);
      res.end(String(error));
    }
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    url: (path = '/') => `http://127.0.0.1:${port}${path}`,
    requests,
    reply: (...handlers) => {
      queue.push(...handlers);
    },
    waitForRequests: (count) =>
      new Promise<void>((resolve) => {
        const check = () => (requests.length >= count ? resolve() : waiters.push(check));
        check();
      }),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

/** Formats one Server-Sent Event. Objects are JSON-encoded; strings are sent as they are. */
export function sse(data: unknown, fields: { event?: string; id?: string } = {}): string {
  const payload = typeof data === 'string' ? data : JSON.stringify(data);
  const lines = payload.split('\n').map((line) => `data: ${line}`);
  if (fields.id !== undefined) lines.unshift(`id: ${fields.id}`);
  if (fields.event !== undefined) lines.unshift(`event: ${fields.event}`);
  return `${lines.join('\n')}\n\n`;
}

/**
 * One scripted step: a string (or bytes) is written, a number waits that many ms,
 * `DESTROY` drops the connection right there, once the bytes written before it are flushed
 * (no proper end of the chunked body: the client sees a broken or cut-off stream).
 */
export type Step = string | Uint8Array | number | typeof DESTROY;
export const DESTROY = Symbol('destroy');

export interface RespondOptions {
  status?: number;
  headers?: Record<string, string>;
  /** After the last step: 'end' the response (default), 'destroy' the socket, or 'hang' (leave it open). */
  finish?: 'end' | 'destroy' | 'hang';
}

const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** A handler that plays `steps` in order. Defaults to 200 and `text/event-stream`. */
export function respond(steps: Step[], options: RespondOptions = {}): Handler {
  return async (_req, res) => {
    let closed = false; // the client went away (or we destroyed the socket)
    res.on('close', () => (closed = true));
    res.writeHead(options.status ?? 200, {
      'Content-Type': 'text/event-stream; charset=utf-8',
      'Cache-Control': 'no-cache',
      ...options.headers,
    });
    res.flushHeaders();
    let flushed: Promise<unknown> = Promise.resolve();
    for (const step of steps) {
      if (closed) return;
      if (typeof step === 'number') await wait(step);
      else if (step === DESTROY) {
        await flushed; // what was written reaches the client, then the connection dies
        return void res.destroy();
      } else flushed = new Promise((resolve) => res.write(step, resolve));
    }
    if (closed) return;
    if (options.finish === 'destroy') res.destroy();
    else if (options.finish !== 'hang') res.end();
  };
}

/** A handler that answers with a JSON (or text) body and a status. */
export function json(status: number, body: unknown, headers: Record<string, string> = {}): Handler {
  return (_req, res) => {
    const text = typeof body === 'string' ? body : JSON.stringify(body);
    res.writeHead(status, { 'Content-Type': typeof body === 'string' ? 'text/plain' : 'application/json', ...headers });
    res.end(text);
  };
}

/** A port nothing listens on (bound, then released), for network-error tests. */
export async function closedPortUrl(path = '/'): Promise<string> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return `http://127.0.0.1:${port}${path}`;
}
