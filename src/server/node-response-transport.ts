import { createGzipSink } from './node-gzip';
import { StreamClosedError } from './stream-closed-error';
import type { Transport, TransportEvents } from './transport';

/**
 * The parts of Node's `http.ServerResponse` (and Express's `Response`, which extends it) the
 * kit uses. Structural, so the package needs no `@types/node` and no `node:` import.
 */
export interface NodeResponseLike {
  writeHead(statusCode: number, headers?: Record<string, string>): unknown;
  write(chunk: Uint8Array): boolean;
  end(): unknown;
  destroy(error?: Error): unknown;
  on(event: 'close' | 'drain' | 'error', listener: (...args: never[]) => void): unknown;
  once(event: 'close' | 'drain' | 'error', listener: (...args: never[]) => void): unknown;
  readonly writableLength: number;
  readonly writableFinished: boolean;
  readonly headersSent: boolean;
  /** True once the response (its socket) is closed; set by Node's `ServerResponse`. */
  readonly destroyed?: boolean;
  readonly req?: RequestLike | undefined;
  /** Added by the `compression` middleware: pushes its buffered output out. */
  flush?: () => void;
}

export interface RequestLike {
  httpVersionMajor?: number;
  httpVersionMinor?: number;
  headers?: Record<string, string | string[] | undefined>;
}

/**
 * Where bytes go: the response itself, or a gzip stream in front of it. `write()` returning
 * false and `drain` have the usual Writable meaning.
 */
export interface NodeByteSink {
  write(chunk: Uint8Array): boolean;
  once(event: 'drain', listener: () => void): unknown;
  end(): void;
  destroy(): void;
  /** Bytes the sink and the response hold in memory. */
  readonly bufferedBytes: number;
}

export interface NodeTransportOptions {
  /** Gzip the stream (flushed per write) when the request accepts it. */
  compress: boolean;
}

/**
 * Writes to a Node response. While `write()` reports false, further frames wait in our own
 * queue (counted in `bufferedBytes`, so the writer's bound covers them) until `drain`.
 */
export class NodeResponseTransport implements Transport {
  readonly #res: NodeResponseLike;
  readonly #compress: boolean;
  #sink: NodeByteSink | undefined;
  #events: TransportEvents | undefined;
  #queue: Uint8Array[] = [];
  #queuedBytes = 0;
  #waitingForDrain = false;
  #closing = false;
  #gone = false;

  constructor(res: NodeResponseLike, options: NodeTransportOptions) {
    this.#res = res;
    this.#compress = options.compress;
  }

  bind(events: TransportEvents): void {
    this.#events = events;
    const res = this.#res;
    // 'close' after a complete response is the normal end; before it, the client left.
    res.once('close', () => {
      if (!res.writableFinished) this.#lost('The client closed the connection');
    });
    // Writing into a socket the client just reset errors; without a listener that would crash.
    res.on('error', () => this.#lost('The connection failed'));
    // The client left while the route was still busy, before this stream existed: its 'close'
    // has passed already, and nothing (a provider call included) should start for it.
    if (res.destroyed && !res.writableFinished) this.#lost('The client closed the connection');
  }

  open(headers: Record<string, string>): void {
    const res = this.#res;
    const all: Record<string, string> = { ...headers };
    const request = res.req;
    if (wantsKeepAlive(request)) all.Connection = 'keep-alive';
    const gzip = this.#compress && acceptsGzip(request?.headers?.['accept-encoding']);
    if (this.#compress) all.Vary = 'Accept-Encoding';
    if (gzip) all['Content-Encoding'] = 'gzip';
    if (!res.headersSent) res.writeHead(200, all);
    this.#sink = gzip ? createGzipSink(res) : plainSink(res);
  }

  write(chunk: Uint8Array): void {
    if (this.#gone || !this.#sink) return;
    if (this.#waitingForDrain) {
      this.#queue.push(chunk);
      this.#queuedBytes += chunk.byteLength;
      return;
    }
    if (!this.#sink.write(chunk)) this.#awaitDrain();
    // Behind the `compression` middleware nothing leaves until flushed.
    this.#res.flush?.();
  }

  get bufferedBytes(): number {
    if (this.#gone) return 0;
    return this.#queuedBytes + (this.#sink ? this.#sink.bufferedBytes : this.#res.writableLength);
  }

  get backpressured(): boolean {
    return this.#waitingForDrain;
  }

  close(): void {
    if (this.#gone || this.#closing) return;
    this.#closing = true;
    if (!this.#waitingForDrain) this.#endSink();
  }

  destroy(_reason: Error): void {
    if (this.#gone) return;
    this.#gone = true;
    this.#queue = [];
    this.#queuedBytes = 0;
    this.#sink?.destroy();
    this.#res.destroy();
  }

  #awaitDrain(): void {
    this.#waitingForDrain = true;
    this.#sink!.once('drain', this.#onDrain);
  }

  #onDrain = (): void => {
    this.#waitingForDrain = false;
    if (this.#gone) return;
    while (this.#queue.length > 0) {
      const chunk = this.#queue.shift()!;
      this.#queuedBytes -= chunk.byteLength;
      if (!this.#sink!.write(chunk)) {
        this.#awaitDrain();
        this.#res.flush?.();
        return;
      }
    }
    this.#res.flush?.();
    if (this.#closing) this.#endSink();
    else this.#events?.writable();
  };

  #endSink(): void {
    if (this.#sink) this.#sink.end();
    else this.#res.end();
  }

  #lost(message: string): void {
    if (this.#gone) return;
    this.#events?.lost(new StreamClosedError('client_disconnected', message));
  }
}

function plainSink(res: NodeResponseLike): NodeByteSink {
  return {
    write: (chunk) => res.write(chunk),
    once: (event, listener) => res.once(event, listener),
    end: () => res.end(),
    destroy: () => {},
    get bufferedBytes() {
      // Includes what the socket holds (OutgoingMessage.writableLength).
      return res.writableLength;
    },
  };
}

/**
 * `Connection` is a hop-by-hop header of HTTP/1.1 (HTTP/2 forbids it). Node keeps the socket
 * open on our say-so, so it is not sent when the client asked to close.
 */
function wantsKeepAlive(request: RequestLike | undefined): boolean {
  const major = request?.httpVersionMajor ?? 1;
  const minor = request?.httpVersionMinor ?? 1;
  if (major !== 1 || minor < 1) return false;
  return !/\bclose\b/i.test(String(request?.headers?.connection ?? ''));
}

function acceptsGzip(header: string | string[] | undefined): boolean {
  const value = Array.isArray(header) ? header.join(',') : (header ?? '');
  return value.split(',').some((entry) => {
    const [coding, ...params] = entry.trim().toLowerCase().split(';');
    if (coding !== 'gzip' && coding !== 'x-gzip') return false;
    // `gzip;q=0` means "not gzip".
    return !params.some((param) => /^\s*q\s*=\s*0(\.0*)?\s*$/.test(param));
  });
}
