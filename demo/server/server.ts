import { createHash } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import {
  StreamingResponse,
  cancelStreamingResponse,
  createMemoryResumeStore,
  pipeToResponse,
  resumeStreamingResponse,
  type MemoryResumeStore,
  type ToolDefinitions,
} from '../../src/server/index';
import { buildDemoPage } from './build';
import { parseChatRequest } from './chat-request';
import { DEFAULT_TOKENS_PER_SECOND, DemoModel, type DemoEvent } from './demo-model/model';
import { SCENARIOS } from './demo-model/scenarios';
import { availableModels, providerConfig, type ModelInfo, type ProviderConfig } from './models';
import { openProviderStream, preloadProviderSDKs, providerFailure, type ChatMessage } from './providers';
import { serveStatic } from './static';

export const DEFAULT_PORT = 3000;
export const DEFAULT_HOST = '127.0.0.1';

export interface DemoServerOptions {
  /** Default 3000; 0 picks a free port. */
  port?: number;
  /** Default 127.0.0.1 (this machine only: with a provider key set, the server spends your tokens). */
  host?: string;
  /** Demo model speed. Default 40. */
  tokensPerSecond?: number;
  /** Where provider settings are read from (OPENAI_API_KEY, ...). Default process.env. */
  env?: Record<string, string | undefined>;
  /** A built page to serve. Default: build demo/ (skipped when up to date). */
  staticDir?: string;
  /** Where request failures are logged (server side only). Default console.error. */
  log?: (message: string) => void;
  /**
   * Test hooks (env DEMO_TEST_HOOKS=1): `GET /api/test/stats` (how many demo replies the model
   * produced) and `POST /api/test/forget-replies` (drop every recorded reply, as a restart would).
   */
  testHooks?: boolean;
}

export interface DemoServer {
  /** e.g. http://localhost:3000/ */
  url: string;
  port: number;
  models: ModelInfo[];
  /** Stops accepting, ends open streams and resolves when the server is closed. */
  close(): Promise<void>;
}

// Attachments travel inline (base64): room for a few files of the demo's 4 MB limit.
const MAX_BODY_BYTES = 20 * 1024 * 1024;

/** Starts the demo: the page, `GET /api/models` and `POST /api/chat` on one Node server. */
export async function startDemoServer(options: DemoServerOptions = {}): Promise<DemoServer> {
  const staticDir = options.staticDir ?? (await buildDemoPage()).outDir;
  const providers = providerConfig(options.env ?? process.env);
  const models = availableModels(providers);
  const tokensPerSecond = options.tokensPerSecond ?? DEFAULT_TOKENS_PER_SECOND;
  const demo = new DemoModel({ tokensPerSecond });
  const log = options.log ?? ((message: string) => console.error(message));
  const chat = new ChatHandler({ demo, models, providers, log });

  const server = createServer((req, res) => {
    res.on('error', () => {}); // a client that left is not a server problem
    route(req, res).catch((error: unknown) => {
      log(`[demo] ${req.method} ${req.url} failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
      if (!res.headersSent) sendJsonError(res, 500, 'Internal server error', 'internal_error');
      else res.destroy();
    });
  });
  const sockets = new Set<Socket>();
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });

  async function route(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const { pathname } = new URL(req.url ?? '/', 'http://localhost');
    if (pathname === '/api/models') {
      if (req.method !== 'GET') return sendJsonError(res, 405, 'Use GET', 'method_not_allowed', { Allow: 'GET' });
      return sendJson(res, 200, { models, default: models[0]?.id, scenarios: SCENARIOS, tokensPerSecond });
    }
    if (pathname === '/api/chat') {
      // Stop: AIStream.stop() sends DELETE /api/chat?streamId=… (the reply outlives its connection).
      if (req.method === 'DELETE') return chat.cancel(req, res);
      if (req.method !== 'POST') return sendJsonError(res, 405, 'Use POST or DELETE', 'method_not_allowed', { Allow: 'POST, DELETE' });
      return chat.handle(req, res);
    }
    if (options.testHooks && pathname === '/api/test/stats') return sendJson(res, 200, { demoReplies: chat.demoReplies, demoCancelled: chat.demoCancelled });
    if (options.testHooks && pathname === '/api/test/forget-replies' && req.method === 'POST') {
      chat.forgetReplies();
      return sendJson(res, 200, { ok: true });
    }
    if (pathname.startsWith('/api/')) return sendJsonError(res, 404, `No such endpoint: ${pathname}`, 'not_found');
    return serveStatic(req, res, staticDir);
  }

  const host = options.host ?? DEFAULT_HOST;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? DEFAULT_PORT, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  preloadProviderSDKs(providers);
  const shownHost = ['127.0.0.1', '::1', '0.0.0.0', '::'].includes(host) ? 'localhost' : host;

  let closing: Promise<void> | undefined;
  return {
    url: `http://${shownHost}:${port}/`,
    port,
    models,
    close: () =>
      (closing ??= new Promise<void>((resolve) => {
        chat.shutdown();
        server.close(() => resolve());
        // Streams were told to end; whatever is still open (keep-alive, slow readers) goes now.
        setTimeout(() => {
          for (const socket of sockets) socket.destroy();
        }, 200).unref();
        server.closeIdleConnections();
      })),
  };
}

interface ChatHandlerOptions {
  demo: DemoModel;
  models: ModelInfo[];
  providers: ProviderConfig;
  log: (message: string) => void;
}

/** POST /api/chat: `{ model?, messages: [{ role, content, parts? }], tools? }` → a kit-protocol SSE stream. */
class ChatHandler {
  /** Demo replies are recorded so a client that lost the connection resumes (`/cut`). */
  private resumeStore: MemoryResumeStore = createMemoryResumeStore({ ttlMs: 120_000 });
  /** Replies the demo model produced (a resumed one is not produced again). */
  demoReplies = 0;
  /** Of those, the ones a cancel request stopped before the model finished. */
  demoCancelled = 0;
  /** Requests that already got their simulated HTTP error (`/error 429`): the retry succeeds. */
  private readonly failedOnce = new Map<string, number>();
  /** Aborted on shutdown: every reply in flight ends. */
  private readonly shutdownController = new AbortController();

  constructor(private readonly options: ChatHandlerOptions) {}

  shutdown(): void {
    this.shutdownController.abort();
  }

  /** What a server restart does to a memory store: replies in flight can no longer be resumed. */
  forgetReplies(): void {
    this.resumeStore = createMemoryResumeStore({ ttlMs: 120_000 });
  }

  /**
   * The cancel request: stops the demo model's producer (its signal aborts) and records the reply
   * as stopped. Demo stream ids are random and unguessable; an app with users passes `authorize`.
   */
  async cancel(req: IncomingMessage, res: ServerResponse): Promise<void> {
    await cancelStreamingResponse(req, res, this.resumeStore);
  }

  async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const body = await readJson(req);
    if (!body.ok) return sendJsonError(res, body.status, body.message, 'invalid_request');
    const request = parseChatRequest(body.value);
    if (typeof request === 'string') return sendJsonError(res, 400, request, 'invalid_request');
    const model = request.model === undefined ? this.options.models[0] : this.options.models.find((m) => m.id === request.model);
    if (!model) {
      const known = this.options.models.map((m) => m.id).join(', ');
      return sendJsonError(res, 400, `Unknown model "${request.model}". This server offers: ${known}`, 'model_not_found');
    }
    if (model.provider === 'demo') return this.demoReply(req, res, request.messages, request.tools);
    return this.providerReply(req, res, model, request.messages, request.tools);
  }

  private async demoReply(req: IncomingMessage, res: ServerResponse, messages: ChatMessage[], tools: ToolDefinitions): Promise<void> {
    // A reconnect (Last-Event-ID) continues the recorded reply: missed events, then live ones.
    if (await resumeStreamingResponse(req, res, this.resumeStore, { enableHeartbeat: true, heartbeatInterval: 15_000 })) return;

    const { demo } = this.options;
    const script = demo.script(messages, Object.keys(tools));
    if (script.httpError && this.failFirstAttempt(messages)) {
      const { status, message, code, retryAfterSeconds } = script.httpError;
      const headers = retryAfterSeconds === undefined ? undefined : { 'Retry-After': String(retryAfterSeconds) };
      return sendJsonError(res, status, message, code, headers);
    }

    const stream = new StreamingResponse(res, {
      enableHeartbeat: true,
      heartbeatInterval: 15_000,
      resumeStore: this.resumeStore,
    });
    stream.start({ model: 'demo' });
    this.demoReplies++;
    // With a resume store the reply outlives its connection (it is finished into the store), so
    // only the end of the server stops it.
    const signal = AbortSignal.any([stream.signal, this.shutdownController.signal]);
    let cut = false;
    for await (const event of demo.stream(script, messages, signal) as AsyncIterable<DemoEvent>) {
      if (event.type === 'disconnect') {
        if (!cut) {
          cut = true;
          // What a flaky network does: the socket is gone mid-reply, no `done`.
          res.socket?.destroy();
        }
        continue;
      }
      stream.sendPart(event);
      await stream.ready();
    }
    if (stream.signal.aborted && !this.shutdownController.signal.aborted) this.demoCancelled++;
    if (this.shutdownController.signal.aborted) stream.abort({ error: 'The demo server is shutting down', code: 'server_shutdown', retryable: true });
    else stream.end();
  }

  private async providerReply(req: IncomingMessage, res: ServerResponse, model: ModelInfo, messages: ChatMessage[], tools: ToolDefinitions): Promise<void> {
    const { providers, log } = this.options;
    // The browser leaving (Stop) or the server stopping cancels the provider request.
    const controller = new AbortController();
    const abort = () => controller.abort();
    res.once('close', abort);
    const shutdown = this.shutdownController.signal;
    shutdown.addEventListener('abort', abort, { once: true });
    try {
      let upstream: AsyncIterable<unknown>;
      try {
        upstream = await openProviderStream(model, providers, { messages, tools }, controller.signal);
      } catch (error) {
        if (controller.signal.aborted) return void res.destroy();
        // Refused before anything streamed (bad key, unknown model, rate limit): answer with the
        // provider's status and message, so the page shows them and the client knows whether to retry.
        const failure = providerFailure(error, model, providers);
        if (failure.status === 500) log(`[demo] ${model.id}: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
        const headers = failure.retryAfter ? { 'Retry-After': failure.retryAfter } : undefined;
        return sendJsonError(res, failure.status, failure.message, failure.code, headers);
      }
      // Errors after this point arrive as an `error` event (never with a stack).
      await pipeToResponse(upstream, res, {
        provider: model.provider === 'anthropic' ? 'anthropic' : 'openai',
        enableHeartbeat: true,
        heartbeatInterval: 15_000,
        signal: controller.signal,
      });
    } finally {
      res.off('close', abort);
      shutdown.removeEventListener('abort', abort);
    }
  }

  /**
   * True the first time this exact request (same conversation) asks for a simulated HTTP error,
   * false for its retry — and true again for the attempt after that, so the scenario can be
   * replayed. Entries expire after a minute.
   */
  private failFirstAttempt(messages: ChatMessage[]): boolean {
    const now = Date.now();
    for (const [key, expires] of this.failedOnce) if (expires < now) this.failedOnce.delete(key);
    const key = createHash('sha256').update(JSON.stringify(messages)).digest('hex');
    if (this.failedOnce.delete(key)) return false;
    if (this.failedOnce.size > 1000) this.failedOnce.clear();
    this.failedOnce.set(key, now + 60_000);
    return true;
  }
}

type JsonBody = { ok: true; value: unknown } | { ok: false; status: number; message: string };

async function readJson(req: IncomingMessage): Promise<JsonBody> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY_BYTES) return { ok: false, status: 413, message: 'The request body is too large' };
    chunks.push(chunk as Buffer);
  }
  try {
    return { ok: true, value: JSON.parse(Buffer.concat(chunks).toString('utf8')) };
  } catch {
    return { ok: false, status: 400, message: 'The request body is not valid JSON' };
  }
}

function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Length': Buffer.byteLength(text),
    'Cache-Control': 'no-store',
    'X-Content-Type-Options': 'nosniff',
    ...headers,
  });
  res.end(text);
}

/** `{ error: { message, code } }`: the shape the kit's client (and OpenAI's) reads the message from. */
function sendJsonError(res: ServerResponse, status: number, message: string, code: string, headers?: Record<string, string>): void {
  sendJson(res, status, { error: { message, code } }, headers);
}
