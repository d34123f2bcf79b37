import { followsEventId } from '../protocol/event-id';
import type { StreamPart } from '../protocol/parts';
import { AIStreamError, errorText, readError } from '../shared/errors';
import { DEFAULT_IDLE_TIMEOUT, idleTimer } from './idle-timer';
import { openReply, type ItemBatches } from './reply-reader';
import { openStream } from './request';
import { DEFAULT_RETRY, retryDelay, sleep } from './retry';
import type { AIStreamEvents, StreamConfig } from './types';

/** What the store does with a step's reply. The runner calls these in stream order. */
export interface StepHandlers {
  /** Builds the step's request body (once: every retry repeats the same request). */
  body(): unknown;
  /** Per-send headers (`send(content, { headers })`). */
  headers: Record<string, string> | undefined;
  /** The server answered OK (on every attempt, before any of its parts). */
  answered(): void;
  /** Emits `resume` (a reconnect continued the reply after `lastEventId`) or `retry` (a failed attempt is retried after `delay` ms). */
  emit<K extends 'resume' | 'retry'>(name: K, info: Parameters<AIStreamEvents[K]>[0]): void;
  /** A reconnect got a fresh reply: the step goes back to where it began. */
  restarted(attempt: number): void;
  /** Folds one part (it may hold a text delta back until `flush`). True on `done`. */
  part(part: StreamPart): boolean;
  /** After each network chunk's parts, before `changed`: folds the parts `part` held back. */
  flush(): void;
  /** After each network chunk's parts (and after a resume found the reply complete). */
  changed(): void;
  /** Whether the step's reply carries a finish reason (its body may then end without `done`). */
  finished(): boolean;
}

/**
 * Runs the requests of one reply (a turn of one or more steps): the POST, the idle timer and the
 * turn's total `timeout`, decoding and folding (openReply), retries with backoff, and after a
 * reconnect the choice between resuming and restarting. The store (AIStream) owns the state and
 * the events; it hears about the reply through StepHandlers.
 */
export class ReplyRunner {
  /** stop(), reset(), config.signal and the total timeout abort it. */
  readonly abort = new AbortController();
  /** The config when the reply began: endpoint and request settings hold for the whole reply. */
  readonly #config: StreamConfig;
  /** The config now (AIStream.setOptions): headers follow it. */
  readonly #latest: () => StreamConfig;
  /** False once the store has ended the reply (stopped, reset, finished). */
  readonly #active: () => boolean;
  /** Set when `config.timeout` ran out: the error the reply ends with. */
  #expired: AIStreamError | undefined;
  #deadline: ReturnType<typeof setTimeout> | undefined;
  /** Id of the last event processed, sent as Last-Event-ID when reconnecting. */
  #lastEventId: string | undefined;
  /** The server answered in this step: a reconnect must choose between resuming and restarting. */
  #answered = false;
  /** The step's request body, built once. */
  #body: unknown;

  constructor(config: StreamConfig, latest: () => StreamConfig, active: () => boolean) {
    this.#config = config;
    this.#latest = latest;
    this.#active = active;
    if (config.timeout) {
      // The whole reply, retries and their waits included: aborting with the error ends it as one.
      const ms = config.timeout;
      this.#deadline = setTimeout(() => {
        this.#expired = new AIStreamError('timeout', `The reply took over ${ms} ms (timeout)`);
        this.abort.abort(this.#expired);
      }, ms);
    }
  }

  /** Id of the last event processed: a kit id (`<streamId>-<seq>`) names the reply stop() cancels on the server. */
  get lastEventId(): string | undefined {
    return this.#lastEventId;
  }

  /** One step of the turn (one model request): attempts, retries with backoff. Throws what ended it. */
  async runStep(step: StepHandlers): Promise<void> {
    const retry = { ...DEFAULT_RETRY, ...this.#config.retry };
    for (let attempt = 0; ; attempt++) {
      try {
        return await this.#attempt(step, attempt);
      } catch (caught) {
        if (!this.#active()) return; // stopped or reset: already ended
        const error =
          caught instanceof AIStreamError ? caught : new AIStreamError('invalid', errorText(caught), { cause: caught });
        if (!error.retryable || attempt >= retry.maxRetries) throw error;
        // The server failed this reply: ask for a fresh one rather than a replay of the failure.
        if (error.code === 'server') this.#lastEventId = undefined;
        const delay = retryDelay(attempt + 1, retry, error);
        step.emit('retry', { attempt: attempt + 1, delay, error });
        await sleep(delay, this.abort.signal);
        if (!this.#active()) return;
        if (this.#expired) throw this.#expired;
      }
    }
  }

  /** The next step of the turn: a fresh request, built from the conversation as it is now. */
  nextStep(): void {
    this.#body = undefined;
    this.#lastEventId = undefined;
    this.#answered = false;
  }

  /** After the server answered this step: what a reloaded page needs to continue it (AIStream.getResumeRecord). */
  resumePoint(): { body: unknown; lastEventId: string | undefined } | undefined {
    return this.#answered && this.#body !== undefined ? { body: this.#body, lastEventId: this.#lastEventId } : undefined;
  }

  /** Continues a step an earlier page started: the same request, resumed after `lastEventId`. */
  resumeAt(body: unknown, lastEventId: string | undefined): void {
    this.#body = body;
    this.#lastEventId = lastEventId;
    this.#answered = true;
  }

  /** The reply has ended: the total timeout no longer runs. */
  dispose(): void {
    clearTimeout(this.#deadline);
  }

  /** One request/response. Resolves when the reply is over; throws what went wrong. */
  async #attempt(step: StepHandlers, attempt: number): Promise<void> {
    const config = this.#config; // runStep starts an attempt only while the reply is active
    if (this.#body === undefined) {
      this.#body = await step.body();
      if (!this.#active()) return;
    }
    const timeout = config.idleTimeout ?? DEFAULT_IDLE_TIMEOUT;
    // Per attempt: stop() aborts it, and so does the idle timer (with its own reason).
    const controller = new AbortController();
    const turn = this.abort.signal;
    const abort = () => controller.abort(turn.reason);
    turn.addEventListener('abort', abort);
    const idle = idleTimer(timeout, () =>
      controller.abort(new AIStreamError('timeout', `No data received for ${timeout} ms`, { retryable: true })),
    );
    const resumeFrom = this.#lastEventId;
    let batches: ItemBatches<never> | undefined;
    try {
      const response = await openStream({ ...config, headers: this.#latest().headers }, { body: this.#body, headers: step.headers, lastEventId: resumeFrom, signal: controller.signal });
      if (!this.#active()) return;
      idle.touch();
      // A resume answered 204: everything but `done` had arrived, so the step is complete.
      if (response.status === 204 && this.#answered) {
        step.part({ type: 'done' });
        return step.changed();
      }
      let first = this.#answered; // only a reconnect has to choose between resuming and restarting
      this.#answered = true;
      step.answered();
      const options = { protocol: config.protocol, contentType: response.headers.get('content-type'), maxBufferSize: config.maxBufferSize, onActivity: idle.touch };
      batches = openReply<never>(response.body!, options, {
        // After a reconnect, the first event says whether the server resumed after Last-Event-ID:
        // only an event whose kit id is the next one of the same stream (`<streamId>-<seq + 1>`)
        // continues the partial reply. Anything else (a `start`, events without ids, a provider's
        // own numbering, a new stream id) is a fresh reply: the step starts over, so no text is
        // ever duplicated.
        begin: ({ id }) => {
          if (!first) return;
          first = false;
          if (resumeFrom !== undefined && followsEventId(resumeFrom, id)) return step.emit('resume', { attempt, lastEventId: resumeFrom });
          this.#lastEventId = undefined;
          step.restarted(attempt);
        },
        part: (part) => !this.#active() || step.part(part),
        flush: step.flush,
        event: ({ id }) => {
          if (id !== undefined) this.#lastEventId = id;
          return undefined;
        },
        finished: step.finished,
      });
      while (await batches.next()) {
        if (!this.#active()) return;
        step.changed(); // once per network chunk, not per token
      }
    } catch (error) {
      const { aborted, reason } = controller.signal;
      if (aborted && reason instanceof AIStreamError) throw reason; // idle timeout, total timeout
      throw aborted || error instanceof AIStreamError ? error : readError(error);
    } finally {
      batches?.cancel(); // a stop, a failure or the reply's end: the rest of the body is not wanted
      idle.clear();
      turn.removeEventListener('abort', abort);
      controller.abort(); // frees the connection if the server keeps it open after `done`
    }
  }
}
