import type { StreamPart, ToolCallKey, Usage } from '../protocol/parts';
import { describeError, ProviderStreamError, reportError } from './error-payload';
import { kitResponseHeaders } from './headers';
import type { ResumableEvent, ResumeStore } from './resume-store';
import { encodeEventFrame, HEARTBEAT_FRAME, type KitEventName } from './sse-encoder';
import { StreamClosedError } from './stream-closed-error';
import { assertStreamId, createStreamId, formatEventId } from './stream-id';
import type { Transport } from './transport';
import {
  DEFAULT_HEARTBEAT_INTERVAL,
  DEFAULT_MAX_BUFFERED_BYTES,
  type ErrorInput,
  type KitErrorPayload,
  type StartInfo,
  type StreamingOptions,
} from './types';

/**
 * The kit protocol writer both variants share: event ids, the start → … → done lifecycle,
 * heartbeat, the buffer bound and resume recording. Only the `Transport` differs.
 *
 * Lifecycle: `start()` (implicit on the first `send*`) opens the response and writes `start`;
 * `end()` writes `done` and closes; `abort(error)` writes `error` + `done`, closes and fires
 * `signal`. When the client goes away first, `signal` fires and every later call is a no-op
 * counted in `droppedWrites` — unless a `resumeStore` is set, in which case events keep being
 * recorded for a reconnect.
 */
export abstract class KitStreamWriter {
  /** The reply's id; event ids are `<streamId>-<seq>`. */
  readonly streamId: string;
  /**
   * Fires when the stream stops before `end()`: the client went away, it read too slowly
   * (`maxBufferedBytes`), or `abort()` was called. Pass it to the upstream model request so it
   * is cancelled. `signal.reason` is a `StreamClosedError` whose `code` says which.
   */
  readonly signal: AbortSignal;

  readonly #transport: Transport;
  readonly #abortController = new AbortController();
  readonly #heartbeatInterval: number;
  readonly #heartbeatEnabled: boolean;
  readonly #maxBufferedBytes: number;
  readonly #customHeaders: Record<string, string> | undefined;
  readonly #store: ResumeStore | undefined;
  readonly #onError: ((error: unknown) => void) | undefined;

  #started = false;
  #connected = true;
  #finished: 'ended' | 'aborted' | undefined;
  #seq = 0;
  #messageCount = 0;
  #droppedWrites = 0;
  #usage: Partial<Usage> = {};
  #heartbeat: ReturnType<typeof setInterval> | undefined;
  #unwatchCancel: (() => void) | undefined;
  #readyWaiters: (() => void)[] = [];

  protected constructor(transport: Transport, options: StreamingOptions = {}) {
    this.streamId = options.streamId === undefined ? createStreamId() : assertStreamId(options.streamId);
    this.signal = this.#abortController.signal;
    this.#transport = transport;
    this.#heartbeatEnabled = options.enableHeartbeat ?? false;
    this.#heartbeatInterval = options.heartbeatInterval ?? DEFAULT_HEARTBEAT_INTERVAL;
    this.#maxBufferedBytes = options.maxBufferedBytes ?? DEFAULT_MAX_BUFFERED_BYTES;
    this.#customHeaders = options.customHeaders;
    this.#store = options.resumeStore;
    this.#onError = options.onError;

    transport.bind({ writable: () => this.#wakeReadyWaiters(), lost: (reason) => this.#clientLost(reason) });
    const external = options.signal;
    if (external) {
      const onExternalAbort = () => this.#clientLost(new StreamClosedError('client_disconnected', 'The request was aborted', { cause: external.reason }));
      if (external.aborted) onExternalAbort();
      else external.addEventListener('abort', onExternalAbort, { once: true });
    }
  }

  /** The response headers: the SSE defaults plus `customHeaders`. */
  get headers(): Record<string, string> {
    return kitResponseHeaders(this.#customHeaders);
  }

  /** Sends headers and the `start` event. Called for you by the first `send*`; later calls do nothing. */
  start(info: StartInfo = {}): this {
    if (this.#started || this.#finished) return this;
    this.#started = true;
    if (this.#connected) this.#transport.open(this.headers);
    this.#startHeartbeat();
    // A cancel request (on any instance, with a shared store) stops the reply here.
    this.#unwatchCancel = this.#store?.watchCancel?.(this.streamId, () => this.#stopByCancel());
    const data: Record<string, unknown> = { streamId: this.streamId };
    if (info.messageId !== undefined) data.messageId = info.messageId;
    if (info.model !== undefined) data.model = info.model;
    // The reply outlives its connection: the client's Stop must send the cancel request.
    if (this.#store) data.resumable = true;
    return this.#emit('start', data);
  }

  /** Text to append. Empty tokens are skipped. */
  sendToken(token: string, index?: number): this {
    if (token === '') return this;
    return this.#emit('token', index === undefined ? { token } : { token, index });
  }

  /** Reasoning / thinking text to append. */
  sendReasoning(text: string): this {
    if (text === '') return this;
    return this.#emit('reasoning', { token: text });
  }

  /**
   * What the provider needs to take the reasoning just sent back in the next step: Anthropic's
   * thinking `signature` (or a `redacted_thinking` block's `redactedData`), an OpenAI Responses
   * reasoning `itemId` (and `encryptedContent`). The client keeps it on the reasoning part.
   */
  sendReasoningSignature(signature: { signature?: string; redactedData?: string; itemId?: string; encryptedContent?: string }): this {
    const data: Record<string, string> = {};
    for (const field of ['signature', 'redactedData', 'itemId', 'encryptedContent'] as const) {
      const value = signature[field];
      if (typeof value === 'string') data[field] = value;
    }
    return this.#emit('reasoning-signature', data);
  }

  /** `providerExecuted`: the server (or the provider) runs this tool and sends its result; the client must not. */
  sendToolCallStart(key: ToolCallKey, id: string, name: string, options?: { providerExecuted?: boolean }): this {
    return this.#emit('tool-call-start', options?.providerExecuted ? { key, id, name, providerExecuted: true } : { key, id, name });
  }

  /** Argument JSON text to append to the call `key`. */
  sendToolCallDelta(key: ToolCallKey, delta: string): this {
    if (delta === '') return this;
    return this.#emit('tool-call-delta', { key, delta });
  }

  /** The call's arguments are complete; `args`, if given, is their full text. */
  sendToolCallEnd(key: ToolCallKey, args?: string): this {
    return this.#emit('tool-call-end', args === undefined ? { key } : { key, args });
  }

  /**
   * Token usage of this reply. Fields given replace earlier ones (they are absolute, not
   * increments), fields left out are kept, and the total is computed when not given — so a
   * provider that reports input and output tokens in different events still yields full usage.
   */
  sendUsage(usage: Partial<Usage>): this {
    const merged: Partial<Usage> = { ...this.#usage };
    for (const field of ['promptTokens', 'completionTokens', 'totalTokens'] as const) {
      const value = usage[field];
      if (typeof value === 'number' && Number.isFinite(value)) merged[field] = value;
    }
    if (usage.totalTokens === undefined && merged.promptTokens !== undefined && merged.completionTokens !== undefined) {
      merged.totalTokens = merged.promptTokens + merged.completionTokens;
    }
    this.#usage = merged;
    return this.#emit('usage', merged);
  }

  /** Free-form JSON object (model, message id, ...). */
  sendMetadata(metadata: Record<string, unknown>): this {
    return this.#emit('metadata', metadata);
  }

  /** The result of a tool the server ran for call `id`: its `output`, or `errorText` when it failed. */
  sendToolResult(id: string, output: unknown, errorText?: string): this {
    return this.#emit('tool-result', errorText === undefined ? { id, output } : { id, errorText });
  }

  /** A citation: `url`/`title` of a web source, or `documentIndex`/`citedText` of a document. */
  sendSource(source: { id: string; url?: string; title?: string; citedText?: string; documentIndex?: number; fileId?: string }): this {
    return this.#emit('source', source);
  }

  /**
   * Custom data for generative UI (`name` says what it is; the client renders it with a data
   * renderer). A later `sendData` with the same `name` and `id` replaces the earlier one.
   */
  sendData(name: string, data: unknown, id?: string): this {
    return this.#emit('data', id === undefined ? { name, data } : { name, data, id });
  }

  /** A boundary between steps of one reply (e.g. after the server ran tools and asks the model again). */
  sendStepStart(): this {
    this.#usage = {}; // usage after a step boundary counts the new step (the client adds the steps up)
    return this.#emit('step-start', {});
  }

  /** Why the model stopped (`stop`, `length`, `tool_calls`, `content_filter`, or the provider's word). */
  sendFinish(reason: string): this {
    return this.#emit('finish', { reason });
  }

  /**
   * An `error` event. A string or an `{ error, code }` object is sent as given. An Error (or
   * anything else thrown) is masked: the client gets a generic message and a stable code (a
   * provider failure: the provider's code and HTTP status), and the error itself goes to
   * `onError` (default `console.error`). The stream stays open: call `end()` (or use
   * `abort(error)`, which does both).
   */
  sendError(error: ErrorInput): this {
    // Over already: counted as dropped, and nothing is reported for an error nobody is sent.
    if (!this.#acceptsWrites) return this.#emit('error', {});
    return this.#emit('error', this.#errorPayload(error));
  }

  /**
   * Sends one normalized part (what the decoders produce). A `done` part ends the stream. An
   * `error` part is taken for a provider's report and masked like one (generic words, its `code`
   * and `retryable` kept; the part to `onError`): send your own words with `sendError`.
   */
  sendPart(part: StreamPart): this {
    switch (part.type) {
      case 'text-delta':
        return this.sendToken(part.delta);
      case 'reasoning-delta':
        return this.sendReasoning(part.delta);
      case 'tool-call-start':
        return this.sendToolCallStart(part.key, part.id, part.name, part);
      case 'tool-call-delta':
        return this.sendToolCallDelta(part.key, part.delta);
      case 'tool-call-end':
        return this.sendToolCallEnd(part.key, part.args);
      case 'usage':
        return this.sendUsage(part.usage);
      case 'metadata':
        return this.sendMetadata(part.metadata);
      case 'role': // the kit protocol has no role: replies are the assistant's
        return this;
      case 'reasoning-signature': {
        const { type: _type, ...signature } = part;
        return this.sendReasoningSignature(signature);
      }
      case 'finish':
        return this.sendFinish(part.reason);
      case 'tool-result':
        return this.sendToolResult(part.id, part.output, part.errorText);
      case 'source': {
        const { type: _type, ...source } = part;
        return this.sendSource(source);
      }
      case 'data':
        return this.sendData(part.name, part.data, part.id);
      case 'step-start':
        return this.sendStepStart();
      case 'error':
        // What a decoder made of a provider's error event: its message may echo a key or a URL.
        return this.sendError(new ProviderStreamError(part));
      case 'done':
        this.end();
        return this;
    }
  }

  /** Writes `done` and closes the response once what is buffered is flushed. */
  end(): void {
    if (this.#finished) return;
    this.start();
    this.#emit('done', {});
    this.#finish('ended');
    if (this.#connected) this.#transport.close();
  }

  /**
   * Ends the reply with an error: writes `error` then `done`, closes, and fires `signal` (with a
   * `StreamClosedError` of code `aborted`) so upstream work stops.
   */
  abort(error: ErrorInput = 'The stream was aborted'): void {
    if (this.#finished) return;
    this.start();
    const payload = this.#errorPayload(error);
    this.#emit('error', payload);
    this.#emit('done', {});
    this.#finish('aborted');
    if (this.#connected) this.#transport.close();
    this.#abortController.abort(new StreamClosedError('aborted', payload.error, { cause: error }));
  }

  /**
   * The user stopped the reply (a cancel request, see `ResumeStore.cancel`): not an error, so the
   * reply ends like a complete one, with `finish` (reason `aborted`) and `done` — what a later
   * resume replays — and `signal` fires (code `cancelled`) so the model call stops.
   */
  #stopByCancel(): void {
    if (this.#finished) return;
    this.#emit('finish', { reason: 'aborted' });
    this.#emit('done', {});
    this.#finish('aborted');
    if (this.#connected) this.#transport.close();
    this.#abortController.abort(new StreamClosedError('cancelled', 'The reply was stopped by a cancel request'));
  }

  /** True between `start()` and the end of the stream (end, abort, or the client gone without a resume store). */
  isStreamActive(): boolean {
    return this.#started && !this.#finished && (this.#connected || this.#store !== undefined);
  }

  /** Events written so far (`start` and `done` included, heartbeats not). */
  getMessageCount(): number {
    return this.#messageCount;
  }

  /** `send*` calls that did nothing because the stream was already over. */
  get droppedWrites(): number {
    return this.#droppedWrites;
  }

  /** False once the client went away (or was cut for reading too slowly). */
  get clientConnected(): boolean {
    return this.#connected;
  }

  /** Bytes waiting in memory for a slow client; never more than `maxBufferedBytes`. */
  get bufferedBytes(): number {
    return this.#connected ? this.#transport.bufferedBytes : 0;
  }

  /** Id of the last event written, or undefined before `start()`. */
  get lastEventId(): string | undefined {
    return this.#seq === 0 ? undefined : formatEventId(this.streamId, this.#seq);
  }

  /**
   * Resolves when the client is ready for more (like `WritableStreamDefaultWriter.ready`), or at
   * once when the stream is over. Producers that `await stream.ready()` between writes follow
   * the client's pace instead of filling the buffer.
   */
  ready(): Promise<void> {
    if (!this.#connected || this.#finished || !this.#transport.backpressured) return Promise.resolve();
    return new Promise((resolve) => this.#readyWaiters.push(resolve));
  }

  /**
   * Replays recorded events (a resumed stream): the original ids, no `start`, following the
   * client's pace; ends the response after `done`, or cuts it if the events stop before `done`
   * (the client then reconnects and gets a fresh reply).
   * @internal Used by the resume helpers.
   */
  async replay(events: AsyncIterable<ResumableEvent>): Promise<void> {
    if (this.#started || this.#finished) return;
    this.#started = true;
    if (!this.#connected) return;
    this.#transport.open(this.headers);
    this.#startHeartbeat();
    try {
      for await (const event of events) {
        if (!this.#connected) return;
        this.#seq = event.seq;
        this.#messageCount++;
        this.#write(encodeEventFrame(formatEventId(this.streamId, event.seq), event.event, event.data));
        if (event.event === 'done') {
          this.#finish('ended');
          if (this.#connected) this.#transport.close();
          return;
        }
        await this.ready();
      }
    } catch (error) {
      // The store failed mid-way: a masked error and `done`, never its message.
      this.abort(error);
      return;
    }
    if (this.#connected) this.#clientLost(new StreamClosedError('aborted', 'The recorded stream ended before its last event'));
  }

  /** The wire payload for `error`; what it hides is reported to `onError`. */
  #errorPayload(error: ErrorInput): KitErrorPayload {
    const { payload, masked } = describeError(error);
    if (masked) reportError(this.#onError, error, payload);
    return payload;
  }

  /** False once the stream is over, or the client is gone and nothing records the reply. */
  get #acceptsWrites(): boolean {
    return !this.#finished && (this.#connected || this.#store !== undefined);
  }

  #emit(event: KitEventName, data: object): this {
    if (!this.#acceptsWrites) {
      this.#droppedWrites++;
      return this;
    }
    // Serialised before anything else: a value JSON cannot hold (a BigInt, a cycle) must fail the
    // call without opening the response or using up a sequence number, or ids would have a gap
    // and a resume from the store would skip events.
    const json = serializeEventData(event, data);
    if (!this.#started) this.start();
    const seq = ++this.#seq;
    this.#messageCount++;
    if (this.#store) this.#record({ seq, event, data: json });
    if (this.#connected) this.#write(encodeEventFrame(formatEventId(this.streamId, seq), event, json));
    return this;
  }

  #record(event: ResumableEvent): void {
    const store = this.#store!;
    try {
      const pending = store.append(this.streamId, event);
      if (event.event === 'done') void Promise.resolve(pending).then(() => store.complete(this.streamId)).catch(ignore);
      else if (pending && pending !== lastGuarded) {
        // A batching store hands every append of one tick the same promise: guard it once.
        lastGuarded = pending;
        pending.catch(ignore);
      }
    } catch {
      // A failing store costs the ability to resume, never the live stream.
    }
  }

  /** Writes within the bound; a client that is that far behind is cut (see `maxBufferedBytes`). */
  #write(frame: Uint8Array): void {
    if (this.#transport.bufferedBytes + frame.byteLength > this.#maxBufferedBytes) {
      this.#clientLost(
        new StreamClosedError(
          'buffer_overflow',
          `The client read too slowly: more than ${this.#maxBufferedBytes} bytes would have been buffered`,
        ),
      );
      return;
    }
    this.#transport.write(frame);
  }

  #startHeartbeat(): void {
    if (!this.#heartbeatEnabled || this.#heartbeatInterval <= 0 || this.#heartbeat !== undefined) return;
    this.#heartbeat = setInterval(() => {
      // A ping behind a full buffer would reach nobody sooner; skip it.
      if (this.#connected && !this.#transport.backpressured) this.#write(HEARTBEAT_FRAME);
    }, this.#heartbeatInterval);
    // Node: a heartbeat alone must not keep the process alive.
    (this.#heartbeat as { unref?: () => void }).unref?.();
  }

  #stopHeartbeat(): void {
    clearInterval(this.#heartbeat);
    this.#heartbeat = undefined;
  }

  #finish(how: 'ended' | 'aborted'): void {
    this.#finished = how;
    this.#stopHeartbeat();
    this.#unwatchCancel?.();
    this.#wakeReadyWaiters();
  }

  /** The client is gone (or must be cut). Without a store the reply is over; with one it goes on, recorded only. */
  #clientLost(reason: StreamClosedError | Error): void {
    if (!this.#connected) return;
    this.#connected = false;
    this.#stopHeartbeat();
    this.#wakeReadyWaiters();
    this.#transport.destroy(reason);
    if (this.#finished) return;
    if (!this.#store) {
      this.#finished = 'aborted';
      this.#abortController.abort(reason);
    }
  }

  #wakeReadyWaiters(): void {
    const waiters = this.#readyWaiters;
    this.#readyWaiters = [];
    for (const wake of waiters) wake();
  }
}

const ignore = () => {};
/** The append promise most recently given a rejection handler (see `#record`). */
let lastGuarded: Promise<void> | undefined;

function serializeEventData(event: KitEventName, data: object): string {
  try {
    return JSON.stringify(data);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new TypeError(`Cannot send the "${event}" event: its data is not JSON-serialisable (${reason}). Nothing was sent.`, { cause: error });
  }
}
