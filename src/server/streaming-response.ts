import { KitStreamWriter } from './kit-stream-writer';
import { assertGzipAvailable } from './node-gzip';
import { NodeResponseTransport, type NodeResponseLike } from './node-response-transport';
import type { StreamingOptions } from './types';

export type { NodeResponseLike };

export interface NodeStreamingOptions extends StreamingOptions {
  /**
   * Gzip the stream when the request accepts it, flushed after every event so nothing waits in
   * the compressor. Needs Node 20.16+ / 22.3+. Default false. Don't combine with a compression
   * middleware (it would compress twice).
   */
  compressionEnabled?: boolean;
}

/**
 * The kit protocol over a Node `http.ServerResponse` / Express `Response`.
 *
 * ```ts
 * const stream = new StreamingResponse(res, { enableHeartbeat: true });
 * const upstream = await openai.chat.completions.create({ ..., stream: true }, { signal: stream.signal });
 * ```
 *
 * Backpressure: when the socket is full (`write()` returned false) events wait in memory until
 * `drain`, up to `maxBufferedBytes`; `await stream.ready()` to follow the client's pace.
 */
export class StreamingResponse extends KitStreamWriter {
  constructor(res: NodeResponseLike, options: NodeStreamingOptions = {}) {
    const compress = options.compressionEnabled ?? false;
    if (compress) assertGzipAvailable();
    super(new NodeResponseTransport(res, { compress }), options);
  }
}
