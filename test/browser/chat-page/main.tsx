// Test page for the Chat browser tests: mounts <Chat> over a scripted in-page fetch, so a test
// decides exactly when each token of a reply arrives. Drivers live on `window.__chat`.
import { flushSync } from 'react-dom';
import { createRoot } from 'react-dom/client';
import { Chat } from '../../../src/ui';
import '../../../src/ui/styles.css';
import type { Message } from '../../../src/core/types';

export interface MountOptions {
  theme?: 'light' | 'dark';
  initialMessages?: Message[];
}

export interface ChatDriver {
  mount(options?: MountOptions): void;
  /** Sends one kit `token` event on the reply in flight. */
  push(token: string): void;
  /** Pushes `tokens` one every `intervalMs`; resolves when all are out (or the reply was stopped). */
  play(tokens: string[], intervalMs: number): Promise<void>;
  /** Usage, finish and done: ends the reply in flight. */
  finish(): void;
  /** The next request answers with this HTTP error instead of a stream. */
  failNext(status: number, message: string): void;
  /** Request bodies received so far. */
  requests: unknown[];
  /** Whether the reply in flight was aborted by the client. */
  aborted(): boolean;
}

declare global {
  interface Window {
    __chat: ChatDriver;
  }
}

const encoder = new TextEncoder();
interface Reply {
  controller: ReadableStreamDefaultController<Uint8Array>;
  seq: number;
  aborted: boolean;
  tokens: number;
}
let reply: Reply | undefined;
let nextError: { status: number; message: string } | undefined;
const requests: unknown[] = [];

function send(event: string, data: unknown) {
  if (!reply || reply.aborted) return;
  reply.controller.enqueue(encoder.encode(`event: ${event}\nid: r-${++reply.seq}\ndata: ${JSON.stringify(data)}\n\n`));
}

const scriptedFetch: typeof fetch = async (_input, init) => {
  requests.push(JSON.parse(String(init?.body ?? 'null')));
  if (nextError) {
    const { status, message } = nextError;
    nextError = undefined;
    return new Response(JSON.stringify({ error: { message } }), { status, headers: { 'content-type': 'application/json' } });
  }
  let controller!: ReadableStreamDefaultController<Uint8Array>;
  const body = new ReadableStream<Uint8Array>({ start: (c) => void (controller = c) });
  const current: Reply = { controller, seq: 0, aborted: false, tokens: 0 };
  reply = current;
  init?.signal?.addEventListener('abort', () => {
    current.aborted = true;
    try {
      controller.error(new DOMException('The user aborted a request.', 'AbortError'));
    } catch {
      // already closed
    }
  });
  send('start', { streamId: 'r' });
  return new Response(body, { headers: { 'content-type': 'text/event-stream' } });
};

const root = createRoot(document.getElementById('root')!);

window.__chat = {
  mount(options = {}) {
    flushSync(() =>
      root.render(
        <Chat
          key={Math.random()}
          endpoint="/api/chat"
          fetch={scriptedFetch}
          retry={{ maxRetries: 0 }}
          theme={options.theme}
          initialMessages={options.initialMessages}
          pricePer1k={0.002}
        />,
      ),
    );
  },
  push(token) {
    if (reply) reply.tokens++;
    send('token', { token });
  },
  async play(tokens, intervalMs) {
    for (const token of tokens) {
      if (!reply || reply.aborted) return;
      window.__chat.push(token);
      await new Promise((resolve) => setTimeout(resolve, intervalMs));
    }
  },
  finish() {
    const tokens = reply?.tokens ?? 0;
    send('usage', { promptTokens: 12, completionTokens: tokens, totalTokens: 12 + tokens });
    send('finish', { reason: 'stop' });
    send('done', {});
    try {
      reply?.controller.close();
    } catch {
      // aborted
    }
  },
  failNext(status, message) {
    nextError = { status, message };
  },
  requests,
  aborted: () => !!reply?.aborted,
};
