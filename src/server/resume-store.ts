import { CancelWatchers } from './cancel-watchers';
import { eventMemoryBytes, STREAM_OVERHEAD_BYTES } from './event-memory';
import { WriteOrder } from './write-order';

/**
 * Where a stream's events are kept so a reconnecting client can get the ones it missed.
 * Small on purpose: a shared store (Redis streams: XADD / XREAD BLOCK) can implement it too.
 */
export interface ResumableEvent {
  /** Position in the stream, from 1 with no gaps. The event id is `<streamId>-<seq>`. */
  seq: number;
  /** Kit event name (`token`, `done`, ...). */
  event: string;
  /** The event's JSON data, as sent. */
  data: string;
}

export interface ResumeStore {
  /** Records the next event of a live stream. A failure here never breaks the live stream. */
  append(streamId: string, event: ResumableEvent): void | Promise<void>;
  /** The stream is over (its `done` was appended): readers finish after the last event. */
  complete(streamId: string): void | Promise<void>;
  /**
   * The events after `afterSeq`, then the live ones as they are appended, ending after the
   * stream's last event — no gap, no duplicate. Resolves to undefined when the stream cannot be
   * resumed from there (unknown, expired, or `afterSeq` no longer retained); the caller then
   * starts a fresh reply. When an open-ended read cannot continue (events it still needed were
   * dropped, the stream expired) the iterable just ends; aborting `signal` ends it too.
   */
  read(
    streamId: string,
    afterSeq: number,
    signal: AbortSignal,
  ): AsyncIterable<ResumableEvent> | undefined | Promise<AsyncIterable<ResumableEvent> | undefined>;
  /**
   * Calls `onCancel` (once) when `cancel(streamId)` is called for the stream — on any instance,
   * for a shared store. Returns the function that stops watching. A `StreamingResponse`
   * recording into the store watches while its reply runs, and when it fires ends the reply
   * with `finish` (reason `aborted`) + `done` and aborts its `signal`.
   */
  watchCancel?(streamId: string, onCancel: () => void): () => void;
  /**
   * Stops the reply `streamId` wherever it is produced (what the cancel request asks for; see
   * `cancelStreamingResponse`). Resolves to what it found: `'stopped'` (it was running),
   * `'finished'` (it had already ended: nothing to do) or `'unknown'` (never recorded, expired,
   * or not a stream id). Rejects when the store cannot be reached.
   */
  cancel?(streamId: string): CancelOutcome | Promise<CancelOutcome>;
}

/** What `ResumeStore.cancel` found. */
export type CancelOutcome = 'stopped' | 'finished' | 'unknown';

export interface MemoryResumeStoreOptions {
  /** Events kept per stream; older ones are dropped first. Default 20000. */
  maxEventsPerStream?: number;
  /**
   * Heap bytes a stream's events may take (their text — 1 byte per character, 2 when one is
   * beyond Latin-1 — plus ~90 bytes per event); older events are dropped first, and an event
   * larger than this alone is not kept. Default 512 KiB.
   */
  maxBytesPerStream?: number;
  /** Streams kept; the one written least recently is dropped first. Default 200. */
  maxStreams?: number;
  /** A stream is forgotten this long after its last event (live or complete). Default 60000 ms. */
  ttlMs?: number;
  /** Clock, for tests. Default Date.now. */
  now?: () => number;
}

/** The in-memory store: reads and cancels are synchronous, and `size` counts the streams it holds. */
export interface MemoryResumeStore extends ResumeStore {
  read(streamId: string, afterSeq: number, signal: AbortSignal): AsyncIterable<ResumableEvent> | undefined;
  watchCancel(streamId: string, onCancel: () => void): () => void;
  cancel(streamId: string): CancelOutcome;
  readonly size: number;
}

interface StreamLog {
  /**
   * Names and data of the events kept, oldest first (two arrays of strings: no object per event
   * stays in the heap for the garbage collector to walk; a reader gets one made on the fly).
   */
  names: string[];
  data: string[];
  /** Seq of the last event dropped to stay within bounds (0: none), so `names[0]` is event `dropped + 1`. */
  dropped: number;
  /** Estimated heap bytes of this log (see event-memory.ts). */
  bytes: number;
  complete: boolean;
  expiresAt: number;
  /** Readers waiting for the next event. */
  waiters: Set<() => void>;
}

const DEFAULTS = { maxEventsPerStream: 20_000, maxBytesPerStream: 512 * 1024, maxStreams: 200, ttlMs: 60_000 };

/**
 * A bounded in-memory `ResumeStore` for a single server process. It holds at most about
 * `maxStreams × maxBytesPerStream` of heap, per-event overhead included. Expiry is lazy (checked
 * on every call), so the store holds no timers of its own.
 */
export function createMemoryResumeStore(options: MemoryResumeStoreOptions = {}): MemoryResumeStore {
  const limits = { ...DEFAULTS, ...options };
  const now = options.now ?? Date.now;
  // Least recently written first, which is also expiry order, so purging stops at the first live entry.
  const logs = new WriteOrder<StreamLog>();
  // Producers of this process watching for a stop, by stream id (only while their reply runs).
  const cancelWatchers = new CancelWatchers();

  const purgeExpired = () => {
    const time = now();
    for (let oldest = logs.oldest(); oldest && oldest.value.expiresAt <= time; oldest = logs.oldest()) forget(oldest.key, oldest.value);
  };
  const forget = (id: string, log: StreamLog) => {
    logs.delete(id);
    wake(log);
  };
  const wake = (log: StreamLog) => {
    if (log.waiters.size === 0) return;
    for (const waiter of log.waiters) waiter();
    log.waiters.clear();
  };
  const touch = (id: string, log: StreamLog) => {
    log.expiresAt = now() + limits.ttlMs;
    logs.write(id, log);
  };

  return {
    get size() {
      purgeExpired();
      return logs.size;
    },

    append(streamId, event) {
      purgeExpired();
      let log = logs.get(streamId);
      if (!log) {
        // A log starts at the first event it is given (1 for the kit's writer).
        log = { names: [], data: [], dropped: event.seq - 1, bytes: STREAM_OVERHEAD_BYTES, complete: false, expiresAt: 0, waiters: new Set() };
        while (logs.size >= limits.maxStreams) {
          const oldest = logs.oldest()!;
          forget(oldest.key, oldest.value);
        }
      }
      log.names.push(event.event);
      log.data.push(event.data);
      log.bytes += eventMemoryBytes(event.event, event.data);
      // Oldest first; an event larger than the bound goes too (a reader behind it then ends).
      while (log.names.length > 0 && (log.names.length > limits.maxEventsPerStream || log.bytes > limits.maxBytesPerStream)) {
        log.bytes -= eventMemoryBytes(log.names.shift()!, log.data.shift()!);
        log.dropped++;
      }
      touch(streamId, log);
      wake(log);
    },

    complete(streamId) {
      purgeExpired();
      const log = logs.get(streamId);
      if (!log) return;
      log.complete = true;
      touch(streamId, log);
      wake(log);
    },

    read(streamId, afterSeq, signal) {
      purgeExpired();
      const log = logs.get(streamId);
      if (!log || !canContinueAfter(log, afterSeq)) return undefined;
      return follow(streamId, log, afterSeq, signal);
    },

    watchCancel: (streamId, onCancel) => cancelWatchers.add(streamId, onCancel),

    cancel(streamId) {
      purgeExpired();
      const log = logs.get(streamId);
      // A producer watches from its start, before its first event is recorded: it counts as running.
      if (!log && !cancelWatchers.has(streamId)) return 'unknown';
      if (log?.complete) return 'finished';
      // The producer records its `finish` + `done` synchronously, so readers end right after.
      cancelWatchers.fire(streamId);
      return 'stopped';
    },
  };

  async function* follow(streamId: string, log: StreamLog, afterSeq: number, signal: AbortSignal) {
    let cursor = afterSeq;
    while (!signal.aborted) {
      const next = eventAfter(log, cursor);
      if (next === 'gap') return;
      if (next) {
        cursor = next.seq;
        yield next;
        continue;
      }
      if (log.complete || logs.get(streamId) !== log) return;
      await waitForChange(log, signal, log.expiresAt - now());
      purgeExpired();
    }
  }
}

/** Resumable when the next event the client needs is still here, or is the next one to come. */
function canContinueAfter(log: StreamLog, afterSeq: number): boolean {
  return afterSeq >= log.dropped && afterSeq <= log.dropped + log.names.length;
}

function eventAfter(log: StreamLog, seq: number): ResumableEvent | 'gap' | undefined {
  // Dropped while this reader was behind: it can only start over.
  if (seq < log.dropped) return 'gap';
  const index = seq - log.dropped;
  if (index >= log.names.length) return undefined;
  return { seq: seq + 1, event: log.names[index]!, data: log.data[index]! };
}

/** Resolves on the next append / complete / expiry of the log, or when `signal` aborts. */
function waitForChange(log: StreamLog, signal: AbortSignal, timeoutMs: number): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      log.waiters.delete(done);
      resolve();
    };
    // The producer may have died: wake at expiry so the reader does not wait forever.
    const timer = setTimeout(done, Math.max(0, timeoutMs) + 1);
    signal.addEventListener('abort', done);
    log.waiters.add(done);
  });
}
