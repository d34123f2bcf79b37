import type { RedisClientLike } from './redis-client';

/**
 * Appends from every stream of this process, written in batches: one `EVAL` per batch runs the
 * XADDs (and PEXPIREs) in Redis, instead of one node-redis command per event, whose own cost
 * dominates at thousands of events per second.
 */
export interface PendingWrite {
  key: string;
  /** Entry id, `0-<seq>`; '' deletes the stream instead (after the writes queued before it). */
  id: string;
  event: string;
  data: string;
  /** `MINID ~` to trim to, or '' for none. */
  minId: string;
  /** `PEXPIRE` to set after the entry, or '' for none. */
  expireMs: string;
  /** Called once: with nothing when written, with the error otherwise. */
  settle(error?: unknown): void;
}

const APPEND_SCRIPT = `
local out = {}
for i = 1, #KEYS do
  local a = (i - 1) * 5
  local written
  if ARGV[a + 1] == '' then
    written = redis.pcall('DEL', KEYS[i])
  elseif ARGV[a + 4] ~= '' then
    written = redis.pcall('XADD', KEYS[i], 'MINID', '~', ARGV[a + 4], ARGV[a + 1], 'event', ARGV[a + 2], 'data', ARGV[a + 3])
  else
    written = redis.pcall('XADD', KEYS[i], ARGV[a + 1], 'event', ARGV[a + 2], 'data', ARGV[a + 3])
  end
  if type(written) == 'table' and written.err then
    out[i] = written.err
  else
    if ARGV[a + 5] ~= '' then redis.pcall('PEXPIRE', KEYS[i], ARGV[a + 5]) end
    out[i] = 1
  end
end
return out`;

/** Most writes per EVAL, so one script never holds Redis for long. */
const MAX_BATCH = 500;
const NO_TIMEOUT = { timeout: 0 };

export class WriteBatch {
  readonly #client: RedisClientLike;
  #queue: PendingWrite[] = [];
  /** Settles once every write queued in this turn of the event loop is settled; undefined while none is queued. */
  #queued: { promise: Promise<void>; resolve: () => void } | undefined;

  constructor(client: RedisClientLike) {
    this.#client = client;
  }

  /**
   * Writes at once, outside the batches: a stream's first event, so its key exists as soon as
   * possible for a reconnect or a stop on another instance. Its later events queue behind it.
   */
  direct(write: PendingWrite): Promise<void> {
    if (!this.#client.isReady) {
      write.settle(new Error('Redis is not connected'));
      return Promise.resolve();
    }
    const xadd = ['XADD', write.key];
    if (write.minId) xadd.push('MINID', '~', write.minId);
    xadd.push(write.id, 'event', write.event, 'data', write.data);
    const sent = [this.#client.sendCommand(xadd, NO_TIMEOUT)];
    if (write.expireMs) sent.push(this.#client.sendCommand(['PEXPIRE', write.key, write.expireMs], NO_TIMEOUT));
    return Promise.all(sent).then(
      () => write.settle(),
      (error: unknown) => write.settle(error),
    );
  }

  /**
   * Queues a write for the next batch. Resolves once it is settled (with the rest of its batch:
   * one promise per batch, not per write).
   */
  add(write: PendingWrite): Promise<void> {
    this.#queue.push(write);
    if (this.#queued) return this.#queued.promise;
    let resolve!: () => void;
    const promise = new Promise<void>((done) => (resolve = done));
    this.#queued = { promise, resolve };
    // Everything appended during this turn of the event loop goes into one batch.
    setTimeout(() => this.#flush(), 0);
    return promise;
  }

  /**
   * Sends what is queued, without waiting for earlier batches: commands on one connection run in
   * order, so each stream's events keep theirs. EVAL (not EVALSHA) so a Redis that forgot the
   * script (restart, SCRIPT FLUSH) never fails a batch; Redis caches it by its hash anyway.
   */
  #flush(): void {
    const queued = this.#queued!;
    this.#queued = undefined;
    const sent: Promise<void>[] = [];
    while (this.#queue.length > 0) {
      const batch = this.#queue.splice(0, MAX_BATCH);
      // A reconnecting client would hold the batch until Redis is back: those streams have a hole by then.
      if (!this.#client.isReady) {
        for (const write of batch) write.settle(new Error('Redis is not connected'));
        continue;
      }
      const args: string[] = [];
      for (const write of batch) args.push(write.id, write.event, write.data, write.minId, write.expireMs);
      const evaluated = this.#client.sendCommand(['EVAL', APPEND_SCRIPT, String(batch.length), ...batch.map((write) => write.key), ...args], NO_TIMEOUT).then(
        (reply) => {
          const results = Array.isArray(reply) ? reply : [];
          batch.forEach((write, i) => {
            const result = results[i];
            write.settle(result === 1 || result === '1' ? undefined : new Error(String(result ?? 'no reply')));
          });
        },
        (error: unknown) => {
          for (const write of batch) write.settle(error);
        },
      );
      sent.push(evaluated);
    }
    // Settled either way: a throwing `settle` must not leave the batch's appends waiting forever.
    void Promise.all(sent).then(queued.resolve, queued.resolve);
  }
}
