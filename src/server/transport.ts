/**
 * How a kit stream reaches the client. The Node and Web variants differ only here: how bytes
 * are written, how backpressure is observed, how a gone client is noticed.
 */
export interface Transport {
  /** Sends status and headers (Node) or nothing (Web: the Response carries them). */
  open(headers: Record<string, string>): void;
  write(chunk: Uint8Array): void;
  /** Bytes written but not yet handed to the OS / the consumer. */
  readonly bufferedBytes: number;
  /** True while the consumer asked us to stop writing (`write()` returned false / `desiredSize <= 0`). */
  readonly backpressured: boolean;
  /** Flushes what is buffered, then ends the response. */
  close(): void;
  /** Cuts the connection and drops what is buffered. */
  destroy(reason: Error): void;
  /** Called once by the writer; the transport reports through these. */
  bind(events: TransportEvents): void;
}

export interface TransportEvents {
  /** Backpressure is over: writing may continue. */
  writable(): void;
  /** The client went away (closed, cancelled, errored). */
  lost(reason: Error): void;
}
