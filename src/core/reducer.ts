import type { StreamPart, ToolCallKey } from '../protocol/parts';
import type { Message, ToolCall } from './types';

/** Where each tool call of one reply sits in `message.toolCalls`, by its provider key. */
export type ToolCallKeys = Map<ToolCallKey, number>;

// Fallback when the caller keeps no key map: the map travels with the toolCalls array it indexes.
const keysByCalls = new WeakMap<ToolCall[], ToolCallKeys>();

/** A streaming call becomes complete (arguments parsed; empty means `{}`) or invalid (not JSON). */
function completeCall(call: ToolCall, argsText = call.argsText): ToolCall {
  if (call.state !== 'streaming') return call;
  try {
    return { ...call, argsText, args: argsText.trim() ? JSON.parse(argsText) : {}, state: 'complete' };
  } catch {
    return { ...call, argsText, state: 'invalid' };
  }
}

/**
 * Folds one part into the reply. Pure: returns a new message when something changed and the
 * same object otherwise. Pass the same `toolKeys` map for every part of one reply.
 * `error` parts are not state (AIStream turns them into an AIStreamError).
 *
 * - usage: the part's counts are absolute; missing ones keep their value, and a missing total
 *   is recomputed from the merged prompt + completion (Anthropic's message_delta only updates
 *   the completion count).
 * - tool-call-start for a key already started is ignored (some OpenAI-compatible servers
 *   repeat the call id on every chunk).
 * - finish and done complete every call still streaming.
 */
export function applyPart(message: Message, part: StreamPart, toolKeys?: ToolCallKeys): Message {
  // Text first, before anything is allocated: it is nearly every part of a reply.
  if (part.type === 'text-delta') return part.delta ? { ...message, content: message.content + part.delta } : message;
  const calls = message.toolCalls ?? [];
  const keys = toolKeys ?? keysByCalls.get(calls) ?? new Map();
  switch (part.type) {
    case 'reasoning-delta':
      return part.delta ? { ...message, reasoning: (message.reasoning ?? '') + part.delta } : message;
    case 'tool-call-start':
      if (keys.has(part.key)) return message;
      keys.set(part.key, calls.length);
      return withCalls(message, [...calls, { id: part.id, name: part.name, argsText: '', state: 'streaming' }], keys);
    case 'tool-call-delta':
    case 'tool-call-end': {
      const index = keys.get(part.key) ?? -1;
      const call = calls[index];
      if (!call) return message; // a delta for a call that never started
      const next =
        part.type === 'tool-call-end'
          ? completeCall(call, part.args ?? call.argsText)
          : part.delta && call.state === 'streaming'
            ? { ...call, argsText: call.argsText + part.delta }
            : call;
      return next === call ? message : withCalls(message, calls.map((old, i) => (i === index ? next : old)), keys);
    }
    case 'usage': {
      const before = message.usage;
      const { promptTokens = before?.promptTokens ?? 0, completionTokens = before?.completionTokens ?? 0 } = part.usage;
      const totalTokens = part.usage.totalTokens ?? promptTokens + completionTokens;
      return { ...message, usage: { promptTokens, completionTokens, totalTokens } };
    }
    case 'finish':
      return completeAll({ ...message, finishReason: part.reason }, keys);
    case 'metadata':
      return { ...message, metadata: { ...message.metadata, ...part.metadata } };
    case 'done':
      return completeAll(message.status === 'complete' ? message : { ...message, status: 'complete' }, keys);
    default:
      return message;
  }
}

function withCalls(message: Message, calls: ToolCall[], keys: ToolCallKeys): Message {
  keysByCalls.set(calls, keys);
  return { ...message, toolCalls: calls };
}

function completeAll(message: Message, keys: ToolCallKeys): Message {
  const calls = message.toolCalls;
  if (!calls?.some((call) => call.state === 'streaming')) return message;
  return withCalls(message, calls.map((call) => completeCall(call)), keys);
}

/** Folds a whole list of parts (a recorded stream, a test fixture) into a message. */
export function applyParts(message: Message, parts: Iterable<StreamPart>, toolKeys: ToolCallKeys = new Map()): Message {
  for (const part of parts) message = applyPart(message, part, toolKeys);
  return message;
}
