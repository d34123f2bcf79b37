import { CancelWatchers } from '../cancel-watchers';
import type { RedisClientLike } from './redis-client';

/**
 * Cancel across instances, producer side. `cancel(streamId)` (any instance) sets a cancel key
 * and publishes the stream id; every instance subscribes once, and the one producing that
 * stream aborts it. The key covers what pub/sub cannot: a cancel sent before the producer
 * watched, or while its subscriber connection was reconnecting (checked on every `ready`).
 */
export class CancelWatch {
  readonly #client: RedisClientLike;
  readonly #channel: string;
  readonly #cancelKey: (streamId: string) => string;
  readonly #onConnectionError: (error: unknown) => void;
  readonly #watchers = new CancelWatchers();
  #subscriber: Promise<RedisClientLike | undefined> | undefined;
  #closed = false;

  constructor(client: RedisClientLike, channel: string, cancelKey: (streamId: string) => string, onConnectionError: (error: unknown) => void) {
    this.#client = client;
    this.#channel = channel;
    this.#cancelKey = cancelKey;
    this.#onConnectionError = onConnectionError;
  }

  /** Calls `onCancel` (once) when the stream is cancelled from any instance. Returns the unwatch. */
  watch(streamId: string, onCancel: () => void): () => void {
    // Redis down: this reply is not recorded either, so no other instance can know it.
    if (this.#closed || !this.#client.isReady) return () => {};
    const unwatch = this.#watchers.add(streamId, onCancel);
    this.#subscriber ??= this.#subscribe();
    this.#check([streamId]);
    return unwatch;
  }

  close(): void {
    this.#closed = true;
    this.#watchers.clear();
    void this.#subscriber?.then((subscriber) => subscriber?.destroy());
  }

  /** Cancels the streams among `streamIds` whose cancel key is set. */
  #check(streamIds: string[]): void {
    for (const streamId of streamIds) {
      this.#client
        .sendCommand(['EXISTS', this.#cancelKey(streamId)])
        .then((found) => {
          if (Number(found) > 0) this.#watchers.fire(streamId);
        })
        .catch(() => {});
    }
  }

  /**
   * One subscriber connection for the process, made once: node-redis reconnects and resubscribes
   * it on its own, so a slow or failed first connect is never retried with another connection.
   */
  async #subscribe(): Promise<RedisClientLike | undefined> {
    const subscriber = this.#client.duplicate();
    let reported = false;
    subscriber.on('error', (error) => {
      // node-redis emits one per reconnect attempt; one report per outage is enough.
      if (!reported && !this.#closed) this.#onConnectionError(error);
      reported = true;
    });
    subscriber.on('ready', () => {
      reported = false;
      // Messages published while it was reconnecting are lost: the keys are not.
      this.#check(this.#watchers.streamIds());
    });
    try {
      await subscriber.connect();
      await subscriber.subscribe(this.#channel, (streamId) => this.#watchers.fire(streamId));
      // A cancel sent while subscribing went to nobody: its key is there.
      this.#check(this.#watchers.streamIds());
      return subscriber;
    } catch (error) {
      if (!this.#closed) this.#onConnectionError(error);
      return subscriber;
    }
  }
}
