import type { ResumableEvent } from '../resume-store';
import { within, type RedisClientLike } from './redis-client';
import { entryId, parseEntries, parseXRead } from './stream-entries';

/** What a wait for live events ends with. */
export type TailResult = ResumableEvent[] | 'timeout' | 'aborted' | 'closed';

interface Waiter {
  afterSeq: number;
  settle(result: TailResult): void;
}

/** Longest single XREAD BLOCK, so an idle loop ends and the connection is not held forever. */
const BLOCK_MS = 10_000;
const nextTurn: (callback: () => void) => void =
  (globalThis as { setImmediate?: (callback: () => void) => unknown }).setImmediate ?? ((callback) => setTimeout(callback, 0));
const CONNECT_MS = 5_000;
/** node-redis 6 arms a 5 s timer per command until it is written; BLOCK bounds this one. */
const NO_TIMEOUT = { timeout: 0 };

/**
 * Live readers of every stream of this process share one blocking connection (duplicated from
 * the app's client, which is never blocked): a single `XREAD BLOCK` covers all the streams being
 * waited on. A reader that joins while that XREAD is blocked adds an entry to this process's
 * wake stream (part of every XREAD), so it is answered at once and the next XREAD includes it.
 */
export class LiveTail {
  readonly #client: RedisClientLike;
  readonly #wakeKey: string;
  readonly #onConnectionError: (error: unknown) => void;
  readonly #waiters = new Map<string, Set<Waiter>>();
  #connection: RedisClientLike | undefined;
  #connecting: Promise<unknown> | undefined;
  #running = false;
  #closed = false;
  /** Position each key is read from by the XREAD in flight; undefined when none is. */
  #inFlight: Map<string, number> | undefined;
  #wakeSent = false;
  #lastWakeId = '0-0';

  constructor(client: RedisClientLike, wakeKey: string, onConnectionError: (error: unknown) => void) {
    this.#client = client;
    this.#wakeKey = wakeKey;
    this.#onConnectionError = onConnectionError;
  }

  /** The events of `key` after `afterSeq` once there are some; 'timeout' after `timeoutMs` without. */
  next(key: string, afterSeq: number, signal: AbortSignal, timeoutMs: number): Promise<TailResult> {
    if (this.#closed) return Promise.resolve('closed');
    if (signal.aborted) return Promise.resolve('aborted');
    return new Promise<TailResult>((resolve) => {
      const waiters = this.#waiters.get(key) ?? new Set<Waiter>();
      this.#waiters.set(key, waiters);
      const onAbort = () => waiter.settle('aborted');
      const timer = setTimeout(() => waiter.settle('timeout'), timeoutMs);
      const waiter: Waiter = {
        afterSeq,
        settle: (result) => {
          clearTimeout(timer);
          signal.removeEventListener('abort', onAbort);
          waiters.delete(waiter);
          if (waiters.size === 0 && this.#waiters.get(key) === waiters) this.#waiters.delete(key);
          resolve(result);
        },
      };
      waiters.add(waiter);
      signal.addEventListener('abort', onAbort, { once: true });
      this.#schedule(key, afterSeq);
    });
  }

  close(): void {
    this.#closed = true;
    this.#settleAll('closed');
    this.#connection?.destroy();
  }

  #schedule(key: string, afterSeq: number): void {
    if (!this.#running) {
      void this.#run();
      return;
    }
    const reading = this.#inFlight?.get(key);
    if (this.#inFlight && (reading === undefined || reading > afterSeq)) this.#wake();
  }

  /** Makes the blocked XREAD return: it reads this stream too. */
  #wake(): void {
    if (this.#wakeSent) return;
    this.#wakeSent = true;
    this.#client.sendCommand(['XADD', this.#wakeKey, 'MAXLEN', '1', '*', 'wake', '1']).catch(() => {});
    this.#client.sendCommand(['PEXPIRE', this.#wakeKey, String(BLOCK_MS * 6)]).catch(() => {});
  }

  async #run(): Promise<void> {
    this.#running = true;
    try {
      const connection = await this.#connect();
      while (this.#waiters.size > 0 && !this.#closed) {
        // A reconnecting client would queue the XREAD until Redis is back; readers end instead.
        if (!connection.isReady) throw new Error('The Redis connection for live reads is down');
        const positions = new Map<string, number>();
        for (const [key, waiters] of this.#waiters) positions.set(key, Math.min(...[...waiters].map((w) => w.afterSeq)));
        this.#inFlight = positions;
        this.#wakeSent = false;
        const keys = [...positions.keys()];
        const reply = await connection.sendCommand([
          'XREAD', 'COUNT', '1000', 'BLOCK', String(BLOCK_MS), 'STREAMS',
          ...keys, this.#wakeKey, ...keys.map((key) => entryId(positions.get(key)!)), this.#lastWakeId,
        ], NO_TIMEOUT);
        this.#inFlight = undefined;
        this.#dispatch(parseXRead(reply));
        // Readers just served ask again within this turn; one XREAD then covers them all.
        await new Promise<void>((resolve) => nextTurn(resolve));
      }
    } catch (error) {
      if (!this.#closed) this.#onConnectionError(error);
      this.#settleAll('closed');
    } finally {
      this.#inFlight = undefined;
      this.#running = false;
    }
  }

  #dispatch(byKey: Map<string, unknown[]>): void {
    for (const [key, raw] of byKey) {
      if (key === this.#wakeKey) {
        const last = raw[raw.length - 1];
        if (Array.isArray(last)) this.#lastWakeId = String(last[0]);
        continue;
      }
      const events = parseEntries(raw);
      for (const waiter of [...(this.#waiters.get(key) ?? [])]) {
        const after = events.filter((event) => event.seq > waiter.afterSeq);
        if (after.length > 0) waiter.settle(after);
      }
    }
  }

  /**
   * The blocking connection, made once: node-redis reconnects it on its own. Until it is ready
   * (first connect, or after a drop) readers end rather than wait; a new run checks again.
   */
  async #connect(): Promise<RedisClientLike> {
    if (!this.#connection) {
      if (!this.#client.isReady) throw new Error('Redis is not connected');
      const connection = this.#client.duplicate();
      connection.on('error', () => {}); // reported through the failed XREAD (or connect)
      this.#connection = connection;
      // node-redis retries a refused connect forever: its first 'error' ends the wait instead.
      this.#connecting = new Promise((resolve, reject) => {
        connection.on('error', reject);
        connection.connect().then(resolve, reject);
      });
      this.#connecting.catch(() => {});
    }
    if (!this.#connection.isReady) await within(this.#connecting!, CONNECT_MS);
    return this.#connection;
  }

  #settleAll(result: TailResult): void {
    for (const waiters of [...this.#waiters.values()]) for (const waiter of [...waiters]) waiter.settle(result);
  }
}
