import type { StreamPart, ToolCallKey } from '../protocol/parts';
import type { Message, ToolCall } from './types';

/** Where each tool call of one reply sits in `message.toolCalls`, by its provider key. */
export type ToolCallKeys = Map<ToolCallKey, number>;

// Fallback when the caller keeps no key map: the map travels with the toolCalls array it indexes.
const keysByCalls = new WeakMap<ToolCall[], ToolCallKeys>();

function completeCall(call: ToolCall, argsText = call.argsText): ToolCall {
  if (call.state !== 'streaming') return call;
  try {
    return { ...call, argsText, args: argsText.trim() ? JSON.parse(argsText) : {}, state: 'complete' };
  } catch {
    return { ...call, argsText, state: 'invalid' };
  }
}

function withCalls(message: Message, calls: ToolCall[], keys: ToolCallKeys): Message {
  keysByCalls.set(calls, keys);
  return { ...message, toolCalls: calls };
}

function completeAllCalls(message: Message, keys: ToolCallKeys): Message {
  const calls = message.toolCalls;
  if (!calls?.some((call) => call.state === 'streaming')) return message;
  return withCalls(message, calls.map((call) => completeCall(call)), keys);
}

/**
 * Folds one part into the reply. Pure: returns a new message when something changed and the
 * same object otherwise. Pass the same `toolKeys` map for every part of one reply.
 * `error` parts are not state (AIStream turns them into an AIStreamError).
 */
export function applyPart(message: Message, part: StreamPart, toolKeys?: ToolCallKeys): Message {
  const keys = toolKeys ?? (message.toolCalls && keysByCalls.get(message.toolCalls)) ?? new Map();
  const calls = message.toolCalls ?? [];
  switch (part.type) {
    case 'text-delta':
      return part.delta ? { ...message, content: message.content + part.delta } : message;
    case 'reasoning-delta':
      return part.delta ? { ...message, reasoning: (message.reasoning ?? '') + part.delta } : message;
    case 'tool-call-start': {
      const call: ToolCall = { id: part.id, name: part.name, argsText: '', state: 'streaming' };
      keys.set(part.key, calls.length);
      return withCalls(message, [...calls, call], keys);
    }
    case 'tool-call-delta':
    case 'tool-call-end': {
      const index = keys.get(part.key);
      const call = index === undefined ? undefined : calls[index];
      if (!call || index === undefined) return message; // a delta for a call that never started
      const next =
        part.type === 'tool-call-end'
          ? completeCall(call, part.args ?? call.argsText)
          : part.delta && call.state === 'streaming'
            ? { ...call, argsText: call.argsText + part.delta }
            : call;
      if (next === call) return message;
      const nextCalls = calls.slice();
      nextCalls[index] = next;
      return withCalls(message, nextCalls, keys);
    }
    case 'usage': {
      const promptTokens = part.usage.promptTokens ?? message.usage?.promptTokens ?? 0;
      const completionTokens = part.usage.completionTokens ?? message.usage?.completionTokens ?? 0;
      const totalTokens = part.usage.totalTokens ?? promptTokens + completionTokens;
      return { ...message, usage: { promptTokens, completionTokens, totalTokens } };
    }
    case 'finish':
      return completeAllCalls({ ...message, finishReason: part.reason }, keys);
    case 'metadata':
      return { ...message, metadata: { ...message.metadata, ...part.metadata } };
    case 'done':
      return completeAllCalls(message.status === 'complete' ? message : { ...message, status: 'complete' }, keys);
    default:
      return message;
  }
}

/** Folds a whole list of parts (a recorded stream, a test fixture) into a message. */
export function applyParts(message: Message, parts: Iterable<StreamPart>, toolKeys: ToolCallKeys = new Map()): Message {
  for (const part of parts) message = applyPart(message, part, toolKeys);
  return message;
}

let counter = 0;
/** Ids need to be unique within a page, not secret (crypto.randomUUID needs a secure context). */
export function createId(prefix = 'msg'): string {
  return `${prefix}_${Date.now().toString(36)}${(counter++).toString(36)}${Math.random().toString(36).slice(2, 8)}`;
}

export function createAssistantMessage(id = createId()): Message {
  return { id, role: 'assistant', content: '', timestamp: Date.now(), status: 'streaming' };
}
