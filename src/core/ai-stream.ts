import { parseEventId } from '../protocol/event-id';
import type { StreamPart } from '../protocol/parts';
import type { BranchTree } from './branch-tree';
import { Emitter } from './emitter';
import { AIStreamError } from '../shared/errors';
import { createAssistantMessage, createId } from './message';
import { reduceReply, settleCall, startReply, type ReplyState } from './reducer';
import type { ToolCallPart } from '../shared/message-parts';
import { ReplyRunner, type StepHandlers } from './reply-runner';
import { buildRequestBody } from './request-body';
import { checkConfig } from './check-config';
import { endPendingCalls } from './end-pending-calls';
import { onePath } from './one-path';
import { sendsParts } from './sends-parts';
import type { ToolLoopHost } from './tool-loop';
import type { ReplyResumeRecord } from './resume-record';
import type {
  AIStreamEvents,
  BranchInfo,
  ConversationTree,
  EditOptions,
  Message,
  Role,
  SendOptions,
  StreamConfig,
  StreamOptions,
  StreamSnapshot,
  StreamStatus,
  Usage,
} from './types';

/** The reply in flight: one per send()/retry(), across all its steps and retries. */
interface Reply {
  /** Requests, timers, decoding, retries; its `abort` is what stop(), reset() and config.signal abort. */
  runner: ReplyRunner;
  /** The assistant message, created when the server first answers OK. */
  message?: Message;
  /** The reducer's state for `message` (tool-call keys, usage per step). */
  state?: ReplyState;
  /** The state when the current step began: what a restarted step goes back to. */
  stepBase?: ReplyState;
  /** Results `onToolCall` returned, by call id. */
  answers: Map<string, Promise<unknown>>;
  /** Approval decisions by call id. */
  approvals: Map<string, { approved: boolean; reason?: string | undefined }>;
  /** The tool loop waiting for a result, an approval or stop(). */
  waiters: (() => void)[];
  /**
   * Consecutive text (or reasoning) deltas of the network chunk being read, held as one part
   * while no token/reasoning listener could see them one by one: folded once at the next part
   * or the chunk's end (#flush), one message copy per run instead of per token. "ab" folds to
   * the same message as "a" then "b".
   */
  held?: { type: 'text-delta' | 'reasoning-delta'; delta: string } | undefined;
  /** Stops listening to config.signal (listened to only while the reply runs). */
  unlisten?: () => void;
}

/**
 * A conversation with a streaming chat endpoint: sends messages, decodes the reply (kit protocol,
 * OpenAI, Anthropic, text, NDJSON), retries and resumes, and keeps the state React renders.
 *
 * This is the store: messages, status, snapshot, events and the host of the tool loop. The
 * requests of a reply (timers, decoding, retries, resume-or-restart) run in reply-runner.ts;
 * the reducer (reducer.ts) folds their parts. Provider decoders load on demand, only for the
 * formats a reply uses.
 */
export class AIStream extends Emitter<AIStreamEvents> {
  #config: StreamConfig;
  #tokenListener = false;
  #messages: Message[] = [];
  #status: StreamStatus = 'idle';
  #error: AIStreamError | undefined;
  #reply: Reply | undefined;
  #lastSendOptions: SendOptions = {};
  #snapshot: StreamSnapshot | undefined;
  /**
   * What edits and regenerations replaced: the tree of off-path branches. Its code
   * (branch-tree.ts) loads with the first branch, so a chat that never branches carries only this.
   */
  #tree: BranchTree | undefined;
  /** Tree changes in order; settles once each change queued so far is in the tree. */
  #treeQueue: Promise<void> | undefined;
  /** Bumped when the branches are dropped (reset, setMessages): a change queued before is dropped. */
  #treeEpoch = 0;

  constructor(config: StreamConfig, _options?: StreamOptions) {
    super();
    this.#config = this.#listenToTokens(checkConfig(config));
    // Config callbacks are listeners like any other (same order, same protection from throws);
    // each calls the latest one, so setOptions() can replace them.
    this.on('usage', (usage) => this.#config.onCost?.(usage));
    this.on('error', (error) => this.#config.onError?.(error));
    this.on('finish', (info) => this.#config.onFinish?.(info));
    this.on('tool-call', (call, message) => {
      const result = this.#config.onToolCall?.(call, message);
      if (result === undefined || !this.#reply) return;
      // Handled at once, so a rejection is never unhandled; the tool loop reads it later.
      const answer = Promise.resolve(result);
      answer.catch(() => {});
      this.#reply.answers.set(call.id, answer);
    });
    // config.signal is listened to only while a reply runs (see #stream): a long-lived signal
    // shared by many short-lived AIStreams must not keep them all alive.
  }

  /**
   * Changes the configuration: the fields given replace the current ones (a field given as
   * undefined is removed). Callbacks, tools, maxSteps, body, headers and systemPrompt apply at
   * once, also to a reply in flight (its next step or retry); the endpoint and the other request
   * settings (fetch, protocol, retry, timeouts, signal) apply from the next reply on. The React
   * hooks call it on every render.
   */
  setOptions(options: Partial<StreamConfig>): void {
    this.#config = this.#listenToTokens(checkConfig({ ...this.#config, ...options }));
  }

  /**
   * The onToken listener, registered once a config has one: `token` is emitted per token, and
   * an event without listeners costs nothing there (a listener that calls nothing costs ~10 %
   * of decoding).
   */
  #listenToTokens(config: StreamConfig): StreamConfig {
    if (config.onToken && !this.#tokenListener) {
      this.#tokenListener = true;
      this.on('token', (token) => this.#config.onToken?.(token));
    }
    return config;
  }

  /**
   * Adds a user message and streams the reply. Resolves when the reply is complete or was
   * stopped (stop() and config.signal are not errors); rejects with the AIStreamError that
   * ended it once retries are used up.
   *
   * One reply at a time: while one is in flight, send() rejects with code 'busy' and changes
   * nothing. Call stop() first (it takes effect at once) or wait for the pending send().
   */
  async send(content: string, options: SendOptions = {}): Promise<void> {
    const { files } = options;
    if (typeof content !== 'string' || !(content.trim() || files?.length)) throw new AIStreamError('invalid', 'send() needs a non-empty message or files');
    this.#assertIdle();
    if (this.#config.signal?.aborted) return; // "stops every later reply"
    const parts = files ? await this.#fileParts(content, files) : undefined;
    if (parts) this.#assertIdle(); // another reply may have started while the files were read
    return this.#ask(content, options, parts);
  }

  /** Attachments → `file` parts; their code loads on demand. */
  async #fileParts(content: string, files: NonNullable<SendOptions['files']>): Promise<Message['parts']> {
    return (await import('./files')).userMessageParts(content, files);
  }

  /** Adds a user message (send, editMessage) and streams the reply to it. */
  #ask(content: string, options: SendOptions, parts: Message['parts']): Promise<void> {
    const message: Message = { id: createId(), role: 'user', content, timestamp: Date.now(), ...(parts && { parts }) };
    this.#messages.push(message);
    this.#lastSendOptions = options;
    this.emit('message', message);
    return this.#stream();
  }

  /**
   * Streams a new reply to the last user message. The reply it replaces stays as a branch
   * (`getBranches`), unless it failed with no text. Resolves at once if there is no user message.
   */
  async retry(): Promise<void> {
    this.#assertIdle();
    let last = this.#messages.length - 1;
    while (last >= 0 && this.#messages[last]!.role !== 'user') last--;
    if (last < 0 || this.#config.signal?.aborted) return;
    this.#branchAt(last + 1);
    return this.#branched(this.#stream());
  }

  /**
   * Replaces a user message of the active path with a new version and streams the reply to it.
   * The old version and everything after it stay as a branch: `switchBranch` goes back to it.
   */
  async editMessage(messageId: string, content: string, options: EditOptions = {}): Promise<void> {
    const { files } = options;
    if (typeof content !== 'string' || !(content.trim() || files?.length)) throw new AIStreamError('invalid', 'editMessage() needs a non-empty message or files');
    this.#assertIdle();
    // Files are read before anything changes: one that cannot be read leaves the conversation as it was.
    const parts = files ? await this.#fileParts(content, files) : undefined;
    if (this.#cutAt(messageId, 'user')) return this.#branched(this.#ask(content, options, parts));
  }

  /** Streams a new version of an assistant reply of the active path (any, not only the last); the old one stays as a branch. */
  async regenerate(messageId: string): Promise<void> {
    if (this.#cutAt(messageId, 'assistant')) return this.#branched(this.#stream());
  }

  /** Where a message stands among its versions: `{ index, count }` (0-based); `{ index: 0, count: 1 }` without siblings. */
  getBranches(messageId: string): BranchInfo {
    return this.#tree?.info(this.getSnapshot().messages, messageId) ?? { index: 0, count: 1 };
  }

  /** Shows another version of a message (`index` among its siblings) with the continuation it had. Not while a reply streams. */
  switchBranch(messageId: string, index: number): void {
    this.#assertIdle();
    const path = this.getSnapshot().messages;
    if (this.#tree) this.#messages = this.#tree.switchTo(path, messageId, index);
    else if (index !== 0 || !path.some((message) => message.id === messageId)) throw new AIStreamError('invalid', `No branch ${index} of ${messageId}`);
    this.#changed();
  }

  /** The whole conversation, every branch included, as plain JSON (for storage); `setConversation` restores it. */
  getConversation(): ConversationTree {
    const path = this.getSnapshot().messages;
    // A copy: changing it changes nothing here. Without branches the one path is written out here.
    return JSON.parse(JSON.stringify(this.#tree?.toJSON(path) ?? onePath(path))) as ConversationTree;
  }

  /** Restores a conversation `getConversation()` returned; rejects with 'invalid' if it is not one. Not while a reply streams. */
  async setConversation(conversation: ConversationTree): Promise<void> {
    this.#assertIdle();
    const tree = (await import('./branch-tree')).BranchTree.parse(conversation);
    this.#assertIdle(); // a reply may have started while the module loaded
    this.#dropBranches();
    this.#tree = tree;
    this.#messages = tree.path();
    this.#changed();
  }

  /** Cuts the active path at `messageId` (a `role` message) for a new version of it; false when config.signal stopped every reply. */
  #cutAt(messageId: string, role: Role): boolean {
    this.#assertIdle();
    const at = this.#messages.findIndex((message) => message.id === messageId);
    if (this.#messages[at]?.role !== role) throw new AIStreamError('invalid', `No ${role} message ${messageId} on the active path`);
    if (this.#config.signal?.aborted) return false;
    this.#branchAt(at);
    return true;
  }

  /** Cuts the active path before `at`; what was cut stays as a branch, unless it is a lone reply that failed with no text. */
  #branchAt(at: number): void {
    const cut = this.#messages.slice(at);
    const failed = cut.length === 1 && cut[0]!.error && !cut[0]!.content;
    // A failed reply is forgotten; without a tree yet there is nothing to forget.
    if (cut.length && !(failed && !this.#treeQueue)) this.#keepBranch(this.#messages.slice(), failed ? cut[0]!.id : undefined);
    this.#messages.length = at;
  }

  /** Keeps `path` (before it is cut) in the tree, so what is cut stays a branch; with `drop`, forgets that message instead. */
  #keepBranch(path: Message[], drop: string | undefined): void {
    const epoch = this.#treeEpoch;
    this.#treeQueue = (this.#treeQueue ?? Promise.resolve())
      .then(async () => {
        const { BranchTree } = await import('./branch-tree');
        if (epoch !== this.#treeEpoch) return;
        (this.#tree ??= new BranchTree()).keep(path, drop);
        this.#changed();
      })
      .catch(() => {}); // the tree code did not load (offline): the edit goes on without its branch
  }

  /** Forgets every branch (reset, setMessages, setConversation). */
  #dropBranches(): void {
    this.#tree = undefined;
    this.#treeEpoch++;
  }

  /** A reply that made a branch resolves once the branch is recorded too (the first one loads the tree code). */
  async #branched(reply: Promise<void>): Promise<void> {
    await Promise.all([reply, this.#treeQueue]);
  }

  /** Stops the reply in flight at once; the partial reply stays (status 'aborted') and send() resolves. */
  stop(): void {
    const reply = this.#reply;
    if (!reply) return;
    // A reply the server keeps running past the connection (a resume store says `resumable` in its
    // start event; or `cancel` is configured) is stopped there too, by the cancel request.
    const { cancel } = this.#config;
    const toServer = cancel !== false && (!!cancel || reply.message?.metadata?.resumable === true);
    const streamId = toServer ? parseEventId(reply.runner.lastEventId)?.streamId : undefined;
    reply.runner.abort.abort();
    this.#end(reply);
    if (streamId) {
      const headers = this.#lastSendOptions.headers;
      void import('./cancel-request').then((m) => m.cancelOnServer(this.#config, streamId, headers, (error) => this.emit('error', error)));
    }
  }

  /** Stops any reply and clears messages, usage and error. */
  reset(): void {
    this.stop();
    this.#messages = [];
    this.#dropBranches();
    this.#error = undefined;
    this.#setStatus('idle'); // from 'error' too: listeners hear every status change
    this.emit('reset');
    this.#changed();
  }

  /** Replaces the conversation (restoring a saved chat) with one path, without branches. Not while a reply streams ('busy'). */
  setMessages(next: Message[] | ((previous: Message[]) => Message[])): void {
    this.#assertIdle();
    const messages = typeof next === 'function' ? next(this.getMessages()) : next;
    if (!Array.isArray(messages)) throw new AIStreamError('invalid', 'setMessages() needs an array of messages');
    this.#messages = messages.slice();
    this.#dropBranches();
    this.#changed();
  }

  /**
   * While a reply streams and the server has answered: what a reloaded page needs to continue
   * it with `resumeReply()` (saved by the `storage` option). Undefined otherwise.
   */
  getResumeRecord(): ReplyResumeRecord | undefined {
    const reply = this.#reply;
    const point = reply?.message && reply.runner.resumePoint();
    return point ? { messageId: reply.message!.id, ...point, stepBase: reply.stepBase!.message } : undefined;
  }

  /**
   * Continues a reply an earlier page left (see `getResumeRecord()`); the conversation, restored
   * first, must end with that partial reply. Reconnects with Last-Event-ID: the server continues
   * the reply where the record stopped (no text twice, no second model call), or, when it no
   * longer holds it, the request is sent again and the new reply replaces the partial one.
   * Resolves and rejects like send().
   */
  async resumeReply(record: ReplyResumeRecord): Promise<void> {
    this.#assertIdle();
    const last = this.#messages.length - 1;
    const partial = this.#messages[last];
    if (partial?.id !== record?.messageId || !record.stepBase) throw new AIStreamError('invalid', 'Not the last message');
    if (this.#config.signal?.aborted) return;
    const message: Message = (this.#messages[last] = { ...partial!, status: 'streaming' });
    this.#lastSendOptions = {};
    return this.#stream({ ...record, message });
  }

  /** A copy: changing it (or its messages) does not change the conversation. */
  getMessages(): Message[] {
    return this.#messages.map((message) => ({ ...message }));
  }

  /** True from send() until the reply ends (waiting for the server and between retries included). */
  getIsStreaming(): boolean {
    return !!this.#reply;
  }

  /** Conversation totals: the sum of every assistant reply's final usage (a restarted reply counts once). */
  getUsage(): Usage {
    const total: Usage = { promptTokens: 0, completionTokens: 0, totalTokens: 0 };
    for (const { role, usage } of this.#messages) {
      if (role !== 'assistant' || !usage) continue;
      for (const key in total) total[key as keyof Usage] += usage[key as keyof Usage];
    }
    return total;
  }

  getStatus(): StreamStatus {
    return this.#status;
  }

  getError(): AIStreamError | undefined {
    return this.#error;
  }

  /** For useSyncExternalStore: calls `listener` on every change. Bound, so it can be passed as is. */
  subscribe = (listener: () => void): (() => void) => {
    this.on('change', listener);
    return () => this.off('change', listener);
  };

  /** For useSyncExternalStore: a frozen snapshot, the same object until the state changes. Bound. */
  getSnapshot = (): StreamSnapshot =>
    (this.#snapshot ??= Object.freeze({
      messages: Object.freeze(this.#messages.slice()),
      status: this.#status,
      isStreaming: !!this.#reply,
      error: this.#error,
      usage: Object.freeze(this.getUsage()),
    }));

  #assertIdle(): void {
    if (this.#reply) {
      throw new AIStreamError('busy', 'A reply is still streaming; call stop() first or wait for send() to resolve');
    }
  }

  #changed(): void {
    this.#snapshot = undefined;
    this.emit('change');
  }

  #setStatus(status: StreamStatus): void {
    if (this.#status === status) return;
    this.#status = status;
    this.#snapshot = undefined;
    this.emit('status', status);
    this.#changed();
  }

  /** Runs one reply to the last user message: its steps, the tool loop between them, the end. */
  async #stream(resumed?: ReplyResumeRecord & { message: Message }): Promise<void> {
    const config = this.#config;
    const reply = { answers: new Map(), approvals: new Map(), waiters: [] } as unknown as Reply;
    reply.runner = new ReplyRunner(config, () => this.#config, () => this.#reply === reply);
    if (resumed) {
      reply.message = resumed.message;
      reply.stepBase = startReply(resumed.stepBase);
      reply.runner.resumeAt(resumed.body, resumed.lastEventId);
    }
    this.#reply = reply;
    this.#error = undefined;
    const { signal } = config;
    if (signal) {
      const stop = () => this.stop();
      signal.addEventListener('abort', stop);
      reply.unlisten = () => signal.removeEventListener('abort', stop);
    }
    this.#setStatus('submitted');
    const step = this.#stepHandlers(reply);
    try {
      for (let count = 1; ; count++) {
        await reply.runner.runStep(step);
        if (this.#reply !== reply) return; // stopped or reset: already ended
        if (!(await this.#settleToolCalls(reply)) || count >= (this.#config.maxSteps ?? (this.#config.tools ? 5 : 1)) || this.#reply !== reply) break;
        this.#startStep(reply);
      }
    } catch (error) {
      if (this.#reply !== reply) return;
      this.#end(reply, error as AIStreamError);
      throw error;
    }
    this.#end(reply);
  }

  /** How the runner's steps change this store: the message, its state and the events. */
  #stepHandlers(reply: Reply): StepHandlers {
    return {
      body: () => this.#requestBody(),
      headers: this.#lastSendOptions.headers, // retry() repeats them
      answered: () => {
        if (reply.message) return this.#setStatus('streaming'); // a resumed reply: answered again
        const message = (reply.message = createAssistantMessage());
        reply.state = reply.stepBase = startReply(message);
        this.#messages.push(message);
        this.emit('message', message);
        this.emit('streaming-start');
        this.#setStatus('streaming');
      },
      emit: (name, info) => this.emit(name, ...([info] as Parameters<AIStreamEvents[typeof name]>)),
      restarted: (attempt) => {
        const messageId = reply.message!.id;
        // Back to where this step began: earlier steps (and their tool results) stay, this one is redone.
        reply.state = reply.stepBase;
        this.#replace(reply, reply.stepBase!.message);
        this.emit('restart', { attempt, messageId });
      },
      part: (part) => this.#applyPart(reply, part),
      flush: () => this.#flush(reply),
      changed: () => this.#changed(),
      finished: () => reply.message!.finishReason !== undefined,
    };
  }

  /** The request body for the next step, from the conversation as it is now. */
  async #requestBody(): Promise<unknown> {
    const config = this.#config;
    const context = {
      messages: this.getMessages(),
      model: config.model,
      systemPrompt: config.systemPrompt,
      protocol: config.protocol ?? 'auto',
      body: this.#lastSendOptions.body,
      tools: config.tools,
    };
    if (!config.body && sendsParts(context)) return (await import('./tool-request-body')).buildToolRequestBody(context);
    return (config.body ?? buildRequestBody)(context);
  }

  /** The next step of the turn: a step-start part, a fresh request body built from the conversation. */
  #startStep(reply: Reply): void {
    const state = reduceReply(this.#stateOf(reply), { type: 'step-start' });
    reply.state = reply.stepBase = state;
    this.#replace(reply, state.message);
    reply.runner.nextStep();
    this.#changed();
  }

  #stateOf(reply: Reply): ReplyState {
    const state = reply.state;
    return state && state.message === reply.message ? state : startReply(reply.message!);
  }

  /**
   * The client side of the tool loop (tool-loop.ts, loaded when a step ends with calls the
   * client knows). Resolves true when there are results to send back to the model.
   */
  async #settleToolCalls(reply: Reply): Promise<boolean> {
    const parts = reply.message?.parts ?? [];
    let from = parts.length;
    while (from > 0 && parts[from - 1]!.type !== 'step-start') from--;
    const tools = this.#config.tools ?? {};
    const calls = parts
      .slice(from)
      .filter((p): p is ToolCallPart => p.type === 'tool-call' && !p.providerExecuted && (!!tools[p.name] || reply.answers.has(p.id)));
    if (calls.length === 0) return false;
    this.#setStatus('streaming');
    const { settleToolCall } = await import('./tool-loop');
    const host: ToolLoopHost = {
      tools,
      signal: reply.runner.abort.signal,
      answers: reply.answers,
      approvals: reply.approvals,
      active: () => this.#reply === reply,
      message: () => reply.message!,
      update: (change) => this.#update(reply, change),
      wait: () => new Promise<void>((resolve) => reply.waiters.push(resolve)),
      settleCall,
    };
    await Promise.all(calls.map((call) => settleToolCall(host, call)));
    return this.#reply === reply;
  }

  #update(reply: Reply, change: (message: Message) => Message): void {
    const message = change(reply.message!);
    if (message === reply.message) return;
    reply.state = { ...this.#stateOf(reply), message };
    this.#replace(reply, message);
    for (const wake of reply.waiters.splice(0)) wake();
    this.#changed();
  }

  /**
   * Answers a tool call: for tools without `execute` (the UI supplies the result), or to override
   * one. Outside a turn it records the result in the conversation (sent with the next message).
   */
  addToolResult(toolCallId: string, output: unknown): void {
    const reply = this.#reply;
    if (reply?.message) {
      this.#update(reply, (message) => settleCall(message, toolCallId, output));
      return;
    }
    this.#editLastToolCall(toolCallId, (message) => settleCall(message, toolCallId, output));
  }

  /** Lets a call whose tool `needsApproval` run. */
  approveToolCall(toolCallId: string): void {
    this.#decide(toolCallId, { approved: true });
  }

  /** Refuses a call whose tool `needsApproval`; the model gets the refusal (and `reason`) as its result. */
  denyToolCall(toolCallId: string, reason?: string): void {
    this.#decide(toolCallId, { approved: false, reason });
  }

  #decide(id: string, decision: { approved: boolean; reason?: string | undefined }): void {
    const reply = this.#reply;
    if (!reply) return;
    reply.approvals.set(id, decision);
    for (const wake of reply.waiters.splice(0)) wake();
  }

  #editLastToolCall(id: string, change: (message: Message) => Message): void {
    for (let i = this.#messages.length - 1; i >= 0; i--) {
      const message = this.#messages[i]!;
      if (!message.parts?.some((p) => p.type === 'tool-call' && p.id === id)) continue;
      const next = change(message);
      if (next === message) return;
      this.#messages[i] = next;
      return this.#changed();
    }
  }

  /** Applies one part (never an `error`: openReply throws those) and emits what it means. Returns true on `done`. */
  #applyPart(reply: Reply, part: StreamPart): boolean {
    if (part.type === 'text-delta' ? !this.hasListeners('token') : part.type === 'reasoning-delta' && !this.hasListeners('reasoning')) {
      const { type, delta } = part as Extract<StreamPart, { type: 'text-delta' }>;
      if (reply.held?.type === type) reply.held.delta += delta;
      else {
        this.#flush(reply); // text after reasoning or the other way round: a new run
        reply.held = { type, delta };
      }
      return false;
    }
    this.#flush(reply);
    const before = reply.message!;
    const state = reduceReply(this.#stateOf(reply), part);
    reply.state = state;
    const after = state.message;
    this.#replace(reply, after);
    if (part.type === 'text-delta' && part.delta) this.emit('token', part.delta);
    else if (part.type === 'reasoning-delta' && part.delta) this.emit('reasoning', part.delta);
    else if (part.type === 'usage') this.emit('usage', this.getUsage());
    // A call that just stopped streaming (complete or invalid) is announced once.
    if (after.toolCalls !== before.toolCalls) after.toolCalls?.forEach((call, index) => {
      const was = before.toolCalls?.[index];
      if (call !== was && call.state !== 'streaming' && (!was || was.state === 'streaming')) this.emit('tool-call', call, after);
    });
    return part.type === 'done';
  }

  /** Folds the held deltas (no events: only deltas without listeners are held). */
  #flush(reply: Reply): void {
    const run = reply.held;
    reply.held = undefined;
    if (run) this.#replace(reply, (reply.state = reduceReply(this.#stateOf(reply), run)).message);
  }

  /** Swaps the reply's message for its next version (messages are immutable). */
  #replace(reply: Reply, message: Message): void {
    if (message === reply.message) return;
    const index = this.#messages.lastIndexOf(reply.message!);
    reply.message = message;
    if (index >= 0) this.#messages[index] = message;
    this.#snapshot = undefined;
  }

  /** Ends the reply: complete, stopped (aborted) or failed. State first, then the events. */
  #end(reply: Reply, error?: AIStreamError): void {
    if (this.#reply !== reply) return;
    this.#reply = undefined;
    reply.runner.dispose();
    reply.unlisten?.();
    const isAbort = !error && reply.runner.abort.signal.aborted;
    for (const wake of reply.waiters.splice(0)) wake(); // the tool loop stops waiting
    let message = reply.message;
    if (message) {
      if (error || isAbort) message = endPendingCalls(message);
      message = error
        ? { ...message, status: 'error', error: { message: error.message, code: error.code, status: error.status, serverCode: error.serverCode } }
        : isAbort
          ? { ...message, status: 'aborted' }
          : reduceReply(this.#stateOf(reply), { type: 'done' }).message;
      this.#replace(reply, message);
    }
    this.#error = error;
    this.#setStatus(error ? 'error' : 'idle');
    if (error) this.emit('error', error);
    if (message) {
      this.emit('finish', { message, usage: message.usage, finishReason: message.finishReason, isAbort, isError: !!error });
      this.emit('streaming-end');
    }
    this.#changed();
  }
}
