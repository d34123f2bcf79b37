/**
 * A fake OpenAI Chat Completions API on 127.0.0.1 for the cancel tests: it checks the request
 * the way the real API does (path, bearer key, JSON body with `model`, `messages`,
 * `stream: true`) and streams `chat.completion.chunk`s — one token every `intervalMs`, up to
 * `tokens` — so a reply is still running when a test stops it. It records whether each
 * request was closed by the client before the stream ended (what an aborted SDK call does).
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { listen, type NodeServer } from './node-server';

export const FAKE_OPENAI_KEY = 'sk-test-cancel';

export interface ProviderCall {
  /** Tokens sent so far. */
  sent: number;
  /** The client closed the request before the last token (the SDK call was aborted). */
  aborted: boolean;
  /** The stream reached its end. */
  completed: boolean;
}

export interface FakeOpenAI extends NodeServer {
  readonly calls: ProviderCall[];
  /** The `baseURL` for the official client. */
  readonly baseURL: string;
}

export async function startFakeOpenAI(options: { tokens?: number; intervalMs?: number } = {}): Promise<FakeOpenAI> {
  const tokens = options.tokens ?? 400;
  const intervalMs = options.intervalMs ?? 10;
  const calls: ProviderCall[] = [];
  const server = createServer((req, res) => void handle(req, res));

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const fail = (status: number, message: string, type: string) => {
      res.writeHead(status, { 'Content-Type': 'application/json' });
      res.end(JSON.stringify({ error: { message, type, code: null, param: null } }));
    };
    let raw = '';
    for await (const chunk of req) raw += String(chunk);
    if (req.method !== 'POST' || req.url !== '/v1/chat/completions') return fail(404, `Unknown request URL: ${req.method} ${req.url}`, 'invalid_request_error');
    if (req.headers.authorization !== `Bearer ${FAKE_OPENAI_KEY}`) return fail(401, 'Incorrect API key provided', 'invalid_request_error');
    let body: { model?: unknown; messages?: unknown; stream?: unknown };
    try {
      body = JSON.parse(raw) as typeof body;
    } catch {
      return fail(400, 'We could not parse the JSON body of your request.', 'invalid_request_error');
    }
    if (typeof body.model !== 'string' || !Array.isArray(body.messages) || body.messages.length === 0) {
      return fail(400, "Missing required parameter: 'model' or 'messages'.", 'invalid_request_error');
    }
    if (body.stream !== true) return fail(400, 'This fake only streams.', 'invalid_request_error');

    const call: ProviderCall = { sent: 0, aborted: false, completed: false };
    calls.push(call);
    res.writeHead(200, { 'Content-Type': 'text/event-stream', 'Cache-Control': 'no-cache' });
    res.on('close', () => {
      if (!call.completed) call.aborted = true;
    });
    const chunk = (delta: object, finish: string | null) =>
      `data: ${JSON.stringify({ id: 'chatcmpl-fake', object: 'chat.completion.chunk', created: 1, model: body.model, choices: [{ index: 0, delta, finish_reason: finish }] })}\n\n`;
    res.write(chunk({ role: 'assistant', content: '' }, null));
    const timer = setInterval(() => {
      if (res.destroyed) return clearInterval(timer);
      if (call.sent === tokens) {
        clearInterval(timer);
        call.completed = true;
        res.end(`${chunk({}, 'stop')}data: [DONE]\n\n`);
        return;
      }
      res.write(chunk({ content: `t${call.sent} ` }, null));
      call.sent++;
    }, intervalMs);
  }

  const listening = await listen(server);
  return Object.assign(listening, { calls, baseURL: listening.url('/v1') });
}

/** The text the fake sends for its first `count` tokens. */
export const fakeText = (count: number) => Array.from({ length: count }, (_, i) => `t${i} `).join('');
