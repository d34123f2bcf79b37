import type { FinishReason, StreamPart, ToolCallKey, Usage } from '../protocol/parts';
import type { ResumeStore } from './resume-store';

export type { FinishReason, StreamPart, ToolCallKey, Usage };

/** The `error` event's payload (docs/protocol.md). Never carries a stack trace. */
export interface KitErrorPayload {
  error: string;
  code: string;
  /** The model provider's HTTP status, when a provider failure is masked. */
  status?: number;
  retryable?: boolean;
}

/** What `sendError` / `abort` accept: a message, an `{ error, code }` object, an Error, or anything thrown. */
export type ErrorInput = string | { error: string; code?: string; retryable?: boolean } | Error | unknown;

/** Optional fields of the `start` event. */
export interface StartInfo {
  messageId?: string;
  model?: string;
}

/** Options shared by the Node (`StreamingResponse`) and Web (`createStreamingResponse`) variants. */
export interface StreamingOptions {
  /** Send a `: ping` comment every `heartbeatInterval` ms so proxies and clients keep the connection. Default false. */
  enableHeartbeat?: boolean;
  /** Default 30000. */
  heartbeatInterval?: number;
  /** Added to (and overriding) the default SSE headers. */
  customHeaders?: Record<string, string>;
  /** Id of this reply (1 to 128 letters, digits or `_`; anything else throws); event ids are `<streamId>-<seq>`. Default: random. */
  streamId?: string;
  /**
   * Most bytes held in memory for a client that reads slower than we write. Beyond it the
   * connection is cut instead of growing the buffer (see `signal`). Default 1 MiB.
   */
  maxBufferedBytes?: number;
  /**
   * Records every event so a client that reconnects with `Last-Event-ID` can resume. With a
   * store, a lost client no longer cancels the reply: it is finished into the store.
   */
  resumeStore?: ResumeStore;
  /** Aborting it is treated like the client going away (pass `request.signal` in fetch-style handlers). */
  signal?: AbortSignal;
  /**
   * Receives every error the client was sent only a generic message for (an Error or a provider
   * failure given to `sendError` / `abort`, or caught by the adapters): log or report it here.
   * Default: `console.error`.
   */
  onError?: (error: unknown) => void;
}

export const DEFAULT_HEARTBEAT_INTERVAL = 30_000;
export const DEFAULT_MAX_BUFFERED_BYTES = 1024 * 1024;
