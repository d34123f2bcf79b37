/**
 * The producers of this process waiting for a stop, by stream id: each callback fires once, then
 * is forgotten. Used by the memory store and the Redis store's subscriber alike.
 */
export class CancelWatchers {
  readonly #byStream = new Map<string, Set<() => void>>();

  /** Adds `onCancel` for `streamId`; returns the function that removes it. */
  add(streamId: string, onCancel: () => void): () => void {
    const watchers = this.#byStream.get(streamId) ?? new Set();
    this.#byStream.set(streamId, watchers);
    watchers.add(onCancel);
    return () => {
      watchers.delete(onCancel);
      if (watchers.size === 0 && this.#byStream.get(streamId) === watchers) this.#byStream.delete(streamId);
    };
  }

  /** True while a producer of `streamId` watches (so its reply is running here). */
  has(streamId: string): boolean {
    return this.#byStream.has(streamId);
  }

  /** Calls, and forgets, every watcher of `streamId`. */
  fire(streamId: string): void {
    const watchers = this.#byStream.get(streamId);
    if (!watchers) return;
    this.#byStream.delete(streamId);
    for (const onCancel of watchers) onCancel();
  }

  streamIds(): string[] {
    return [...this.#byStream.keys()];
  }

  clear(): void {
    this.#byStream.clear();
  }
}
