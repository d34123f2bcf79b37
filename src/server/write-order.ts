/**
 * Entries by key, ordered by when they were last written (least recently first).
 *
 * Why not a `Map` re-inserted on every write: V8 leaves a hole for each deleted entry until it
 * rehashes, and iterating from the start walks over them, so "look at the oldest entry" after
 * every event cost a walk over up to one hole per stream. Here the order is a linked list: moving
 * an entry to the newest end and reading the oldest are O(1), and the `Map` only finds entries
 * (updated in place, never deleted and re-added on a write).
 */
interface Link<V> {
  key: string;
  value: V;
  older: Link<V> | undefined;
  newer: Link<V> | undefined;
}

export class WriteOrder<V> {
  readonly #byKey = new Map<string, Link<V>>();
  #oldest: Link<V> | undefined;
  #newest: Link<V> | undefined;

  get size(): number {
    return this.#byKey.size;
  }

  get(key: string): V | undefined {
    return this.#byKey.get(key)?.value;
  }

  /** Adds `key` as the newest entry, or makes an existing one the newest (with `value`). */
  write(key: string, value: V): void {
    let link = this.#byKey.get(key);
    if (link) {
      link.value = value;
      if (link === this.#newest) return;
      this.#unlink(link);
    } else {
      link = { key, value, older: undefined, newer: undefined };
      this.#byKey.set(key, link);
    }
    link.older = this.#newest;
    if (this.#newest) this.#newest.newer = link;
    else this.#oldest = link;
    this.#newest = link;
  }

  delete(key: string): void {
    const link = this.#byKey.get(key);
    if (!link) return;
    this.#byKey.delete(key);
    this.#unlink(link);
  }

  /** The entry written least recently, or undefined when empty. */
  oldest(): { key: string; value: V } | undefined {
    return this.#oldest;
  }

  #unlink(link: Link<V>): void {
    if (link.older) link.older.newer = link.newer;
    else this.#oldest = link.newer;
    if (link.newer) link.newer.older = link.older;
    else this.#newest = link.older;
    link.older = undefined;
    link.newer = undefined;
  }
}
