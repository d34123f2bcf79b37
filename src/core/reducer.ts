import type { StreamPart, ToolCallKey, Usage } from '../protocol/parts';
import { isToolCallSettled, type MessagePart, type ReasoningPart, type ToolCallPart } from '../shared/message-parts';
import type { Message, ToolCall } from './types';

/** Where a tool call of the current step sits: its index in `message.parts` and in `message.toolCalls`. */
export interface ToolCallSlot {
  part: number;
  call: number;
}

/** Tool calls of the current step by their provider key (keys restart with every step). */
export type ToolCallKeys = ReadonlyMap<ToolCallKey, ToolCallSlot>;

/**
 * A reply being folded: the message plus what the reducer needs to address tool-call deltas
 * and to sum usage over steps. Immutable: `reduceReply` returns a new state (or the same one).
 */
export interface ReplyState {
  readonly message: Message;
  readonly keys: ToolCallKeys;
  /** Usage of the steps before the current one (summed into `message.usage`). */
  readonly usageBefore?: Usage | undefined;
  /** The current step's own usage (providers send absolute values per request). */
  readonly stepUsage?: Usage | undefined;
}

const NO_KEYS: ToolCallKeys = new Map();

/** The state for folding a reply into `message`. */
export function startReply(message: Message): ReplyState {
  return { message, keys: NO_KEYS, stepUsage: message.usage };
}

/** A streaming call becomes complete (arguments parsed; empty means `{}`) or invalid (not JSON). */
function parseArgs(argsText: string): { args: unknown } | undefined {
  try {
    return { args: argsText.trim() ? JSON.parse(argsText) : {} };
  } catch {
    return undefined;
  }
}

/**
 * Folds one part into the reply. Pure: returns a new state when something changed and the same
 * object otherwise; never changes its arguments.
 *
 * - text and reasoning deltas extend the last part when it has the same type, else start a new
 *   one (stream order); `content` / `reasoning` stay those parts joined. Per delta the cost is
 *   one string concatenation and a copy of the (short) parts array, flat as the reply grows.
 * - tool calls: one `tool-call` part per call (`input-streaming` → `input-available`, or
 *   `output-error` when the arguments are not JSON) and, for compatibility, a `toolCalls` entry
 *   (`streaming` → `complete` | `invalid`). A start for a key already started is ignored (some
 *   OpenAI-compatible servers repeat the call id on every chunk).
 * - usage: the part's counts are absolute for the current step; missing ones keep their value,
 *   a missing total is prompt + completion; `message.usage` sums the steps.
 * - step-start: a boundary; provider keys and step usage start over, the message streams again.
 * - finish and done complete every call still streaming. `error` parts are not state.
 */
export function reduceReply(state: ReplyState, part: StreamPart): ReplyState {
  const { message } = state;
  // Text first, before anything else is allocated: it is nearly every part of a reply.
  if (part.type === 'text-delta') {
    if (!part.delta) return state;
    const next = { ...message };
    next.content = message.content + part.delta;
    next.parts = appendText(message.parts, 'text', part.delta);
    return withMessage(state, next);
  }
  switch (part.type) {
    case 'reasoning-delta':
      if (!part.delta) return state;
      return withMessage(state, {
        ...message,
        reasoning: (message.reasoning ?? '') + part.delta,
        parts: appendText(message.parts, 'reasoning', part.delta),
      });
    case 'reasoning-signature': {
      // Signs the thinking block just streamed; a redacted block is a reasoning part of its own.
      const parts = (message.parts ?? []).slice();
      const last = parts[parts.length - 1];
      if (part.redactedData !== undefined) parts.push({ type: 'reasoning', text: '', redactedData: part.redactedData });
      else if (last?.type === 'reasoning' && part.signature) parts[parts.length - 1] = { ...last, signature: part.signature };
      else if (part.itemId !== undefined) {
        // A Responses reasoning item: its summary just streamed, or it had none (a part of its own).
        const item = part.encryptedContent === undefined ? { itemId: part.itemId } : { itemId: part.itemId, encryptedContent: part.encryptedContent };
        if (last?.type === 'reasoning' && !hasExtras(last)) parts[parts.length - 1] = { ...last, ...item };
        else parts.push({ type: 'reasoning', text: '', ...item });
      } else return state;
      return withMessage(state, { ...message, parts });
    }
    case 'tool-call-start': {
      if (state.keys.has(part.key)) return state;
      const parts = message.parts ?? [];
      const calls = message.toolCalls ?? [];
      const toolPart: ToolCallPart = { type: 'tool-call', id: part.id, name: part.name, argsText: '', state: 'input-streaming' };
      if (part.providerExecuted) toolPart.providerExecuted = true;
      const keys = new Map(state.keys).set(part.key, { part: parts.length, call: calls.length });
      return {
        ...state,
        keys,
        message: {
          ...message,
          parts: [...parts, toolPart],
          toolCalls: [...calls, { id: part.id, name: part.name, argsText: '', state: 'streaming' }],
        },
      };
    }
    case 'tool-call-delta': {
      const slot = state.keys.get(part.key);
      const toolPart = slot && (message.parts?.[slot.part] as ToolCallPart | undefined);
      if (!slot || !toolPart || !part.delta || toolPart.state !== 'input-streaming') return state;
      const argsText = toolPart.argsText + part.delta;
      return withMessage(state, updateCall(message, slot, { ...toolPart, argsText }, { ...message.toolCalls![slot.call]!, argsText }));
    }
    case 'tool-call-end': {
      const slot = state.keys.get(part.key);
      return slot ? withMessage(state, completeCall(message, slot, part.args)) : state;
    }
    case 'tool-result':
      return withMessage(state, settleCall(message, part.id, part.output, part.errorText));
    case 'source': {
      const { type: _type, ...source } = part;
      return withMessage(state, { ...message, parts: [...(message.parts ?? []), { type: 'source', ...source }] });
    }
    case 'data': {
      const parts = (message.parts ?? []).slice();
      const dataPart: MessagePart = { type: 'data', name: part.name, data: part.data };
      if (part.id !== undefined) dataPart.id = part.id;
      // A data part with the same name and id replaces the earlier one (a card that updates).
      const index = part.id === undefined ? -1 : parts.findIndex((p) => p.type === 'data' && p.name === part.name && p.id === part.id);
      if (index >= 0) parts[index] = dataPart;
      else parts.push(dataPart);
      return withMessage(state, { ...message, parts });
    }
    case 'step-start': {
      const { finishReason: _finished, ...rest } = message;
      const next: Message = { ...rest, status: 'streaming', parts: [...(message.parts ?? []), { type: 'step-start' }] };
      return { message: next, keys: NO_KEYS, usageBefore: message.usage, stepUsage: undefined };
    }
    case 'usage': {
      const before = state.stepUsage;
      const { promptTokens = before?.promptTokens ?? 0, completionTokens = before?.completionTokens ?? 0 } = part.usage;
      const totalTokens = part.usage.totalTokens ?? promptTokens + completionTokens;
      const stepUsage = { promptTokens, completionTokens, totalTokens };
      const base = state.usageBefore;
      const usage = base
        ? { promptTokens: base.promptTokens + promptTokens, completionTokens: base.completionTokens + completionTokens, totalTokens: base.totalTokens + totalTokens }
        : stepUsage;
      return { ...state, stepUsage, message: { ...message, usage } };
    }
    case 'finish':
      return withMessage(state, completeAll({ ...message, finishReason: part.reason }, state.keys));
    case 'metadata':
      return withMessage(state, { ...message, metadata: { ...message.metadata, ...part.metadata } });
    case 'done':
      return withMessage(state, completeAll(message.status === 'complete' ? message : { ...message, status: 'complete' }, state.keys));
    default:
      return state;
  }
}

function withMessage(state: ReplyState, message: Message): ReplyState {
  // Written out rather than spread: one object shape for every state (this runs per token).
  return message === state.message ? state : { message, keys: state.keys, usageBefore: state.usageBefore, stepUsage: state.stepUsage };
}

function appendText(parts: MessagePart[] | undefined, type: 'text' | 'reasoning', delta: string): MessagePart[] {
  const length = parts ? parts.length : 0;
  const last = length ? parts![length - 1]! : undefined;
  // A signed (or redacted) thinking block is complete: later reasoning is a block of its own.
  if (last?.type !== type || (last.type === 'reasoning' && hasExtras(last))) return length ? [...parts!, { type, text: delta }] : [{ type, text: delta }];
  // The common case: the reply's last part grows.
  const grown: MessagePart = { type, text: last.text + delta };
  if (length === 1) return [grown];
  const next = parts!.slice(0, length - 1);
  next.push(grown);
  return next;
}

function hasExtras(part: ReasoningPart): boolean {
  return part.signature !== undefined || part.redactedData !== undefined || part.itemId !== undefined;
}

function updateCall(message: Message, slot: ToolCallSlot, toolPart: ToolCallPart, call: ToolCall): Message {
  const parts = message.parts!.slice();
  parts[slot.part] = toolPart;
  const toolCalls = message.toolCalls!.slice();
  toolCalls[slot.call] = call;
  return { ...message, parts, toolCalls };
}

/** Ends a call's argument stream: `args` (when given) is the complete argument text. */
function completeCall(message: Message, slot: ToolCallSlot, argsText?: string): Message {
  const toolPart = message.parts?.[slot.part] as ToolCallPart | undefined;
  const call = message.toolCalls?.[slot.call];
  if (!toolPart || !call || toolPart.state !== 'input-streaming') return message;
  const text = argsText ?? toolPart.argsText;
  const parsed = parseArgs(text);
  return parsed
    ? updateCall(message, slot, { ...toolPart, argsText: text, args: parsed.args, state: 'input-available' }, { ...call, argsText: text, args: parsed.args, state: 'complete' })
    : updateCall(message, slot, { ...toolPart, argsText: text, state: 'output-error', errorText: 'The arguments are not valid JSON' }, { ...call, argsText: text, state: 'invalid' });
}

function completeAll(message: Message, keys: ToolCallKeys): Message {
  for (const slot of keys.values()) message = completeCall(message, slot);
  return message;
}

/**
 * Settles the call with this id: its output, or `errorText` when it failed. Used for results the
 * server reports (server-executed tools) and, through `settleToolCall`, by the client tool loop.
 */
export function settleCall(message: Message, id: string, output: unknown, errorText?: string, denialReason?: string): Message {
  const parts = message.parts;
  const index = parts ? findLastIndex(parts, (p) => p.type === 'tool-call' && p.id === id) : -1;
  if (index < 0) return message;
  const toolPart = parts![index] as ToolCallPart;
  if (isToolCallSettled(toolPart)) return message; // an outcome is final (a late execute after addToolResult)
  const { output: _output, errorText: _error, denialReason: _denial, ...rest } = toolPart;
  const settled: ToolCallPart =
    denialReason !== undefined
      ? { ...rest, state: 'output-denied', denialReason }
      : errorText !== undefined
        ? { ...rest, state: 'output-error', errorText }
        : { ...rest, state: 'output-available', output };
  const next = parts!.slice();
  next[index] = settled;
  return { ...message, parts: next };
}

function findLastIndex<T>(items: readonly T[], test: (item: T) => boolean): number {
  for (let i = items.length - 1; i >= 0; i--) if (test(items[i]!)) return i;
  return -1;
}

/** Folds one part into a message that has no tool call streaming (one-off use, tests). Pure. */
export function applyPart(message: Message, part: StreamPart): Message {
  return reduceReply(startReply(message), part).message;
}

/** Folds a whole list of parts (a recorded stream, a test fixture) into a message. Pure. */
export function applyParts(message: Message, parts: Iterable<StreamPart>): Message {
  let state = startReply(message);
  for (const part of parts) state = reduceReply(state, part);
  return state.message;
}
