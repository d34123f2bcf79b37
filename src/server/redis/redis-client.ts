/**
 * The part of a node-redis (`redis` package, v4–v6) client this store uses. Commands go through
 * `sendCommand` so replies have one raw shape whatever the client's RESP version, and the
 * package stays an optional peer: nothing here imports it.
 */
export interface RedisClientLike {
  /** True while connected (node-redis: `client.isReady`). */
  readonly isReady: boolean;
  /** `options.timeout` (node-redis 5.x/6.x command option; 0 = none) is ignored by clients without it. */
  sendCommand(args: string[], options?: { timeout?: number }): Promise<unknown>;
  /** A new client with the same options, not connected yet. */
  duplicate(): RedisClientLike;
  connect(): Promise<unknown>;
  subscribe(channel: string, listener: (message: string, channel: string) => void): Promise<void>;
  on(event: 'error' | 'ready', listener: (error: Error) => void): unknown;
  destroy(): void;
}

/** What went wrong, where: `append` (a stream stops being recorded), `read`, `cancel`, `connection`. */
export type RedisResumeOperation = 'append' | 'read' | 'cancel' | 'connection';

/** Passed to `onError`. The live stream never sees it; only resumability (or a cancel) is lost. */
export class RedisResumeStoreError extends Error {
  override readonly name = 'RedisResumeStoreError';
  readonly operation: RedisResumeOperation;
  /** The stream concerned, when there is one. */
  readonly streamId: string | undefined;

  constructor(operation: RedisResumeOperation, message: string, options: { streamId?: string; cause?: unknown } = {}) {
    super(message, { cause: options.cause });
    this.operation = operation;
    this.streamId = options.streamId;
  }
}

/** Waits for `promise`, at most `ms` (node-redis retries a refused connect forever). */
export async function within(promise: Promise<unknown>, ms: number): Promise<void> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  try {
    await Promise.race([
      promise,
      new Promise((_, reject) => {
        timer = setTimeout(() => reject(new Error(`Redis did not answer within ${ms} ms`)), ms);
      }),
    ]);
  } finally {
    clearTimeout(timer);
  }
}
