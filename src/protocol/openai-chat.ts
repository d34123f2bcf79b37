import { parseEventJSON, serverErrorPart } from './parse-json';
import type { Decoder, FinishReason, StreamPart } from './parts';
import { errorCodeString, isRetryableErrorCode } from './retryable';
import { usagePart } from './usage';

/** The parts of a Chat Completions chunk we read. Everything is optional: compatible servers vary. */
interface ChatChunk {
  id?: string;
  model?: string;
  choices?: ChatChoice[];
  usage?: { prompt_tokens?: number; completion_tokens?: number; total_tokens?: number } | null;
  error?: { message?: string; type?: string; code?: string | number | null } | null;
}

interface ChatChoice {
  delta?: ChatDelta | null;
  finish_reason?: string | null;
}

interface ChatDelta {
  role?: string;
  content?: string | null;
  /** DeepSeek, vLLM (older), SGLang. */
  reasoning_content?: string | null;
  /** OpenRouter, Ollama, vLLM (newer). */
  reasoning?: string | null;
  refusal?: string | null;
  tool_calls?: ChatToolCallDelta[] | null;
  /** Legacy (pre tool_calls) function calling: one call per reply. */
  function_call?: { name?: string; arguments?: string } | null;
}

interface ChatToolCallDelta {
  index?: number;
  id?: string;
  function?: { name?: string; arguments?: string };
}

/**
 * Decodes one parsed Chat Completions chunk (`chat.completion.chunk`).
 * Only `choices[0]` is read: the kit streams one reply, and `n > 1` is not supported.
 */
export function decodeOpenAIChatChunk(chunk: unknown): StreamPart[] {
  if (chunk === null || typeof chunk !== 'object') return [];
  const c = chunk as ChatChunk;
  if (c.error) return [chatErrorPart(c.error)];

  const parts: StreamPart[] = [];
  const choice = c.choices?.[0];
  if (choice) {
    const delta = choice.delta;
    if (delta) {
      // The role only comes on the first chunk: the moment to report which reply this is.
      if (delta.role) parts.push(chatMetadataPart(c), { type: 'role', role: delta.role });
      // Some servers send the same text in both fields; reasoning_content wins.
      const reasoning = delta.reasoning_content || delta.reasoning;
      if (reasoning) parts.push({ type: 'reasoning-delta', delta: reasoning });
      if (delta.content) parts.push({ type: 'text-delta', delta: delta.content });
      if (delta.refusal) parts.push({ type: 'text-delta', delta: delta.refusal });
      if (delta.tool_calls) pushToolCalls(delta.tool_calls, parts);
      if (delta.function_call) pushLegacyFunctionCall(delta.function_call, parts);
    }
    if (choice.finish_reason) parts.push({ type: 'finish', reason: chatFinishReason(choice.finish_reason) });
  }
  // With stream_options.include_usage the last chunk has `choices: []` and the usage.
  const usage = c.usage;
  if (usage) parts.push(usagePart(usage.prompt_tokens, usage.completion_tokens, usage.total_tokens));
  return parts;
}

/** Decodes one SSE event of a Chat Completions stream (`data: {chunk}` … `data: [DONE]`). */
export const decodeOpenAIChat: Decoder = (event) => {
  if (event.data === '[DONE]') return [{ type: 'done' }];
  return decodeOpenAIChatChunk(parseEventJSON(event.data, 'OpenAI chat'));
};

/**
 * Decodes a whole (non-streaming) chat completion (`chat.completion`): its message reads as one
 * big delta. The body's end adds `done`.
 */
export function decodeOpenAIChatCompletion(completion: unknown): StreamPart[] {
  const c = (completion ?? {}) as Omit<ChatChunk, 'choices'> & { choices?: ({ message?: ChatDelta } & ChatChoice)[] };
  const choices = c.choices?.map(({ message, finish_reason }) => ({ delta: message ?? null, finish_reason }));
  return decodeOpenAIChatChunk({ ...c, choices });
}

/** Loaded on demand by decodeBody (see decoders.ts). */
export {
  decodeOpenAIChat as sseDecoder,
  decodeOpenAIChatChunk as objectDecoder,
  // A completion, or an error object: `{ "error": {…} }` reads the same in both.
  decodeOpenAIChatCompletion as replyDecoder,
};

/** Parallel calls arrive interleaved, each addressed by its `index`; the first delta of a call has its id. */
function pushToolCalls(calls: ChatToolCallDelta[], parts: StreamPart[]): void {
  for (let i = 0; i < calls.length; i++) {
    const call = calls[i]!;
    const key = call.index ?? i;
    const fn = call.function;
    if (call.id) parts.push({ type: 'tool-call-start', key, id: call.id, name: fn?.name ?? '' });
    if (fn?.arguments) parts.push({ type: 'tool-call-delta', key, delta: fn.arguments });
  }
}

/** Best effort: legacy calls have no id and no index, so they use key 0 and an empty id. */
function pushLegacyFunctionCall(call: { name?: string; arguments?: string }, parts: StreamPart[]): void {
  if (call.name) parts.push({ type: 'tool-call-start', key: 0, id: '', name: call.name });
  if (call.arguments) parts.push({ type: 'tool-call-delta', key: 0, delta: call.arguments });
}

function chatMetadataPart(chunk: ChatChunk): StreamPart {
  const metadata: Record<string, unknown> = {};
  if (chunk.id !== undefined) metadata.id = chunk.id;
  if (chunk.model !== undefined) metadata.model = chunk.model;
  return { type: 'metadata', metadata };
}

function chatFinishReason(reason: string): FinishReason {
  return reason === 'function_call' ? 'tool_calls' : reason;
}

function chatErrorPart(error: NonNullable<ChatChunk['error']>): StreamPart {
  return serverErrorPart(error.message, errorCodeString(error.code, error.type), isRetryableErrorCode(error.type, error.code));
}
