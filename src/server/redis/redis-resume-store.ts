import type { CancelOutcome, ResumableEvent, ResumeStore } from '../resume-store';
import { utf8Length } from '../sse-encoder';
import { WriteOrder } from '../write-order';
import { createStreamId, isStreamId } from '../stream-id';
import { CancelWatch } from './cancel-watch';
import { LiveTail } from './live-tail';
import { RedisResumeStoreError, type RedisClientLike } from './redis-client';
import { RetainedWindow } from './retained-window';
import { entryId, parseEntries } from './stream-entries';
import { WriteBatch, type PendingWrite } from './write-batch';

export interface RedisResumeStoreOptions {
  /**
   * A connected node-redis client (`createClient(...).connect()`). The store sends only
   * non-blocking commands on it; live reads and the cancel subscription use two connections of
   * their own, duplicated from it on first use.
   */
  client: RedisClientLike;
  /** Prefix of every key and channel the store uses. Default `'ai-stream-kit:'`. */
  keyPrefix?: string;
  /** A stream is deleted by Redis this long after its last event (so also after a producer died). Default 60000 ms. */
  ttlMs?: number;
  /** Events kept per stream; older ones are trimmed first. Default 20000. */
  maxEventsPerStream?: number;
  /** Bytes of event data kept per stream; older events are trimmed first. Default 512 KiB. */
  maxBytesPerStream?: number;
  /**
   * Event writes waiting for Redis, all streams together. Beyond it a reply stops being
   * recorded (one `onError`) instead of queueing without bound. Default 50000 (about 2.5 s of
   * 1,000 replies at 20 tokens/s).
   */
  maxPendingWrites?: number;
  /** Redis failures (never thrown into the live stream). Default: `console.error`. */
  onError?: (error: RedisResumeStoreError) => void;
}

export interface RedisResumeStore extends ResumeStore {
  read(streamId: string, afterSeq: number, signal: AbortSignal): Promise<AsyncIterable<ResumableEvent> | undefined>;
  /**
   * Stops the reply `streamId` on whichever instance produces it (its `StreamingResponse` ends
   * with `finish` (aborted) + `done`, and its `signal` stops the model request). Resolves to
   * `'stopped'`, `'finished'` or `'unknown'`; rejects with a `RedisResumeStoreError` when Redis
   * cannot be reached. `cancelStreamingResponse` answers the cancel request with it (and checks
   * `authorize` first).
   */
  cancel(streamId: string): Promise<CancelOutcome>;
  watchCancel(streamId: string, onCancel: () => void): () => void;
  /** Closes the store's own connections (not the client you passed). */
  close(): void;
}

/** Per stream this process produces: what to trim, when the TTL was last set, whether it broke. */
interface Producing {
  /** The stream's Redis key. */
  key: string;
  window: RetainedWindow;
  expiryRefreshedAt: number;
  lastWriteAt: number;
  /** An append failed: the stream has a hole, so it is no longer recorded and is deleted. */
  broken: boolean;
  deleted: boolean;
  /** Its first event was sent (directly); the next ones go through the batches. */
  queued: boolean;
}

const DEFAULTS = { keyPrefix: 'ai-stream-kit:', ttlMs: 60_000, maxEventsPerStream: 20_000, maxBytesPerStream: 512 * 1024, maxPendingWrites: 50_000 };
/** Events read per XRANGE while catching up. */
const BATCH = 500;
/** How far ahead of the recording a reconnecting client may be (events written live, not yet in Redis). */
const MAX_WRITE_LAG = 1000;
const UNKNOWN_RETRIES = 3;
const READ_TIMEOUT = { timeout: 1000 };
const UNKNOWN_RETRY_MS = 40;
/** How often a cancel looks again for a reply not yet recorded (× UNKNOWN_RETRY_MS: 1 s). */
const CANCEL_LOOKUP_RETRIES = 25;

/**
 * A `ResumeStore` on Redis streams, shared by every instance behind a load balancer: a client
 * that reconnects to another instance resumes from the events the producing instance recorded,
 * even after that instance is gone. One stream key per reply (`<prefix><streamId>`), entries
 * `0-<seq>` with fields `event` and `data`, trimmed with `MINID` and expired with `PEXPIRE`.
 */
export function createRedisResumeStore(options: RedisResumeStoreOptions): RedisResumeStore {
  const { client, keyPrefix, ttlMs, maxEventsPerStream, maxBytesPerStream, maxPendingWrites } = { ...DEFAULTS, ...options };
  const report = (error: RedisResumeStoreError) => (options.onError ? options.onError(error) : console.error(error));
  const streamKey = (streamId: string) => `${keyPrefix}${streamId}`;
  const cancelKey = (streamId: string) => `${keyPrefix}${streamId}:cancel`;
  const connectionError = (cause: unknown) => report(new RedisResumeStoreError('connection', `Redis connection failed: ${message(cause)}`, { cause }));
  const tail = new LiveTail(client, `${keyPrefix}wake:${createStreamId()}`, connectionError);
  const cancels = new CancelWatch(client, `${keyPrefix}cancel`, cancelKey, connectionError);
  // Refreshing the TTL on every event would double the commands; a second of slack is enough.
  const refreshEveryMs = Math.min(1000, ttlMs / 10);
  // Least recently written first, so forgetting abandoned producers stops early.
  const producing = new WriteOrder<Producing>();
  let pendingWrites = 0;
  const writes = new WriteBatch(client);

  /**
   * One event on its way to Redis. A class, not an object literal with a `settle` closure and a
   * Promise per event: at thousands of events per second those were most of the store's garbage.
   */
  class EventWrite implements PendingWrite {
    readonly key: string;
    readonly data: string;
    readonly event: string;
    readonly minId: string;
    readonly #state: Producing;
    readonly #streamId: string;

    constructor(
      state: Producing,
      streamId: string,
      readonly id: string,
      recorded: ResumableEvent,
      readonly expireMs: string,
    ) {
      this.#state = state;
      this.#streamId = streamId;
      this.key = state.key;
      this.event = recorded.event;
      this.data = recorded.data;
      this.minId = state.window.firstSeq > 1 ? entryId(state.window.firstSeq) : '';
    }

    settle(cause?: unknown): void {
      pendingWrites--;
      if (cause !== undefined) breakStream(this.#streamId, this.#state, cause);
    }
  }

  const forgetAbandoned = (now: number) => {
    for (let oldest = producing.oldest(); oldest && now - oldest.value.lastWriteAt >= ttlMs; oldest = producing.oldest()) producing.delete(oldest.key);
  };

  /** The stream lost an event: stop recording it and delete it (once Redis answers) so nobody resumes across the hole. */
  const breakStream = (streamId: string, state: Producing, cause: unknown) => {
    if (!state.broken) {
      state.broken = true;
      report(new RedisResumeStoreError('append', `Stream ${streamId} can no longer be resumed: ${message(cause)}`, { streamId, cause }));
    }
    deleteBroken(streamId, state);
  };
  const deleteBroken = (streamId: string, state: Producing) => {
    if (state.deleted || !client.isReady) return;
    state.deleted = true;
    // Through the batch, so it comes after this stream's writes already queued.
    writes.add({
      key: streamKey(streamId),
      id: '',
      event: '',
      data: '',
      minId: '',
      expireMs: '',
      settle: (cause) => {
        if (cause !== undefined) state.deleted = false;
      },
    });
  };

  // A resume waits at most READ_TIMEOUT for a client that is reconnecting, then starts over.
  const range = async (key: string, afterSeq: number) =>
    parseEntries(await client.sendCommand(['XRANGE', key, `(${entryId(afterSeq)}`, '+', 'COUNT', String(BATCH)], READ_TIMEOUT));
  const newestEntry = async (key: string) => parseEntries(await client.sendCommand(['XREVRANGE', key, '+', '-', 'COUNT', '1'], READ_TIMEOUT))[0];

  async function* follow(streamId: string, afterSeq: number, first: ResumableEvent[], signal: AbortSignal): AsyncGenerator<ResumableEvent> {
    const key = streamKey(streamId);
    let cursor = afterSeq;
    let batch = first;
    for (;;) {
      for (const event of batch) {
        // Trimmed or lost while this reader was behind: end, so the client starts over.
        if (event.seq !== cursor + 1) return;
        cursor = event.seq;
        yield event;
        if (event.event === 'done') return;
      }
      if (signal.aborted) return;
      try {
        if (batch.length === BATCH) {
          batch = await range(key, cursor);
          continue;
        }
        const next = await tail.next(key, cursor, signal, ttlMs);
        if (next === 'aborted' || next === 'closed') return;
        if (next === 'timeout') {
          // Nothing for a whole TTL: the producer is gone once Redis has expired the stream.
          if (Number(await client.sendCommand(['PTTL', key], READ_TIMEOUT)) === -2) return;
          batch = [];
          continue;
        }
        batch = next;
      } catch (cause) {
        report(new RedisResumeStoreError('read', `Reading stream ${streamId} failed: ${message(cause)}`, { streamId, cause }));
        return;
      }
    }
  }

  return {
    append(streamId, event) {
      const now = Date.now();
      const state = producing.get(streamId) ?? { key: streamKey(streamId), window: new RetainedWindow(maxEventsPerStream, maxBytesPerStream), expiryRefreshedAt: -Infinity, lastWriteAt: now, broken: false, deleted: false, queued: false };
      state.lastWriteAt = now;
      producing.write(streamId, state);
      forgetAbandoned(now);
      if (state.broken) return deleteBroken(streamId, state);
      // A reconnecting node-redis client would queue commands without bound: fail at once instead.
      if (!client.isReady) return breakStream(streamId, state, new Error('Redis is not connected'));

      state.window.add(event.seq, event.event.length + utf8Length(event.data));
      // Writes in flight are bounded, not timed (node-redis 6 would arm a timer per command).
      if (pendingWrites >= maxPendingWrites) return breakStream(streamId, state, new Error(`Redis is not keeping up (${pendingWrites} writes waiting)`));
      const refresh = now - state.expiryRefreshedAt >= refreshEveryMs;
      if (refresh) state.expiryRefreshedAt = now;
      pendingWrites++;
      const first = !state.queued;
      state.queued = true;
      const write = new EventWrite(state, streamId, entryId(event.seq), event, refresh ? String(ttlMs) : '');
      return first ? writes.direct(write) : writes.add(write);
    },

    async complete(streamId) {
      const state = producing.get(streamId);
      producing.delete(streamId);
      if (state?.broken) return deleteBroken(streamId, state);
      if (!client.isReady) return;
      // The full TTL from the end, whatever the refresh slack was.
      await client.sendCommand(['PEXPIRE', streamKey(streamId), String(ttlMs)]).catch(() => {});
    },

    async read(streamId, afterSeq, signal) {
      const key = streamKey(streamId);
      try {
        let batch: ResumableEvent[] = [];
        let newest: ResumableEvent | undefined;
        for (let attempt = 0; ; attempt++) {
          if (!client.isReady) throw new Error('Redis is not connected');
          [batch, newest] = await Promise.all([range(key, afterSeq), newestEntry(key)]);
          // Unknown: expired, or its first XADD is still on the way from the producer (the
          // client reconnected within milliseconds). Look again before starting over.
          if (newest || attempt >= UNKNOWN_RETRIES || signal.aborted) break;
          await new Promise((resolve) => setTimeout(resolve, UNKNOWN_RETRY_MS));
        }
        const next = batch[0];
        if (next) return next.seq === afterSeq + 1 ? follow(streamId, afterSeq, batch, signal) : undefined;
        if (!newest) return undefined;
        if (newest.event === 'done') return newest.seq === afterSeq ? (async function* () {})() : undefined;
        // The client saw events whose XADD is still on its way (it reconnected faster than the
        // producer's writes): wait for what follows them; a position never reached ends at the TTL.
        return newest.seq <= afterSeq && afterSeq - newest.seq <= MAX_WRITE_LAG ? follow(streamId, afterSeq, [], signal) : undefined;
      } catch (cause) {
        report(new RedisResumeStoreError('read', `Resuming stream ${streamId} failed: ${message(cause)}`, { streamId, cause }));
        return undefined;
      }
    },

    async cancel(streamId) {
      // It usually comes from a request: only ids this kit makes name a key.
      if (!isStreamId(streamId)) return 'unknown';
      const key = streamKey(streamId);
      try {
        if (!client.isReady) throw new Error('Redis is not connected');
        // Looked up before cancelling: once cancelled, the producer records its `done` at once.
        const before = await newestEntry(key);
        await Promise.all([
          client.sendCommand(['SET', cancelKey(streamId), '1', 'PX', String(ttlMs)]),
          client.sendCommand(['PUBLISH', `${keyPrefix}cancel`, streamId]),
        ]);
        if (before) return before.event === 'done' ? 'finished' : 'stopped';
        // Recording trails the live stream by a moment: a reply that just started may not be in
        // Redis yet. The cancel key above stops it either way; this only decides the answer, so a
        // stop (rare, user-initiated) may wait longer for it than a resume does.
        for (let attempt = 0; attempt < CANCEL_LOOKUP_RETRIES; attempt++) {
          await new Promise((resolve) => setTimeout(resolve, UNKNOWN_RETRY_MS));
          if (await newestEntry(key)) return 'stopped';
        }
        return 'unknown';
      } catch (cause) {
        // Thrown, not reported: the caller answers the cancel request (cancelStreamingResponse: 503 + its onError).
        throw new RedisResumeStoreError('cancel', `Cancelling stream ${streamId} failed: ${message(cause)}`, { streamId, cause });
      }
    },

    watchCancel: (streamId, onCancel) => cancels.watch(streamId, onCancel),

    close() {
      tail.close();
      cancels.close();
    },
  };
}

function message(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  // node-redis's TimeoutError / AbortError carry their meaning in the name only.
  return error.message || error.name;
}
