import { KitStreamWriter } from './kit-stream-writer';
import { StreamClosedError } from './stream-closed-error';
import type { Transport, TransportEvents } from './transport';
import type { StreamingOptions } from './types';

/** Bytes queued before `desiredSize` reaches 0 (the point where `ready()` starts waiting). */
const HIGH_WATER_MARK = 16 * 1024;

/**
 * Writes into a `ReadableStream`. Its queue is the buffer: `desiredSize <= 0` is backpressure,
 * `pull()` means the consumer wants more, `cancel()` means it went away.
 */
class ReadableStreamTransport implements Transport {
  readonly readable: ReadableStream<Uint8Array>;
  #controller!: ReadableStreamDefaultController<Uint8Array>;
  #events: TransportEvents | undefined;
  #done = false;

  constructor() {
    this.readable = new ReadableStream<Uint8Array>(
      {
        start: (controller) => {
          this.#controller = controller;
        },
        pull: () => {
          this.#events?.writable();
        },
        cancel: (reason) => {
          if (this.#done) return;
          this.#done = true;
          this.#events?.lost(new StreamClosedError('client_disconnected', 'The client cancelled the stream', { cause: reason }));
        },
      },
      { highWaterMark: HIGH_WATER_MARK, size: (chunk) => chunk.byteLength },
    );
  }

  bind(events: TransportEvents): void {
    this.#events = events;
  }

  open(): void {
    // The Response carries status and headers.
  }

  write(chunk: Uint8Array): void {
    if (!this.#done) this.#controller.enqueue(chunk);
  }

  get bufferedBytes(): number {
    if (this.#done) return 0;
    return Math.max(0, HIGH_WATER_MARK - (this.#controller.desiredSize ?? HIGH_WATER_MARK));
  }

  get backpressured(): boolean {
    return !this.#done && (this.#controller.desiredSize ?? 1) <= 0;
  }

  close(): void {
    if (this.#done) return;
    this.#done = true;
    this.#controller.close();
  }

  destroy(reason: Error): void {
    if (this.#done) return;
    this.#done = true;
    // Erroring drops the queue: the memory a slow consumer held is released at once.
    this.#controller.error(reason);
  }
}

/**
 * The kit protocol over a Web `ReadableStream`, for fetch-style handlers (Next.js App Router,
 * Hono, Bun, Deno, edge workers). Same methods as the Node `StreamingResponse`.
 */
export class WebStreamingResponse extends KitStreamWriter {
  /** The SSE body. */
  readonly readable: ReadableStream<Uint8Array>;
  #response: Response | undefined;

  constructor(options: StreamingOptions = {}) {
    const transport = new ReadableStreamTransport();
    super(transport, options);
    this.readable = transport.readable;
  }

  /** A `Response` (status 200, SSE headers) whose body is this stream. Created once. */
  toResponse(): Response {
    this.#response ??= new Response(this.readable, { status: 200, headers: this.headers });
    return this.#response;
  }
}

/**
 * ```ts
 * export async function POST(request: Request) {
 *   const { response, stream } = createStreamingResponse({ signal: request.signal });
 *   void produce(stream); // stream.sendToken(...), stream.end()
 *   return response;
 * }
 * ```
 */
export function createStreamingResponse(options: StreamingOptions = {}): {
  response: Response;
  stream: WebStreamingResponse;
} {
  const stream = new WebStreamingResponse(options);
  return { response: stream.toResponse(), stream };
}
