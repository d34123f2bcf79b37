import { serverErrorPart } from './parse-json';
import type { FinishReason, StreamPart } from './parts';
import { usagePart } from './usage';

/** The parts of an Ollama native stream line (`/api/chat`, also `/api/generate`) we read. */
interface OllamaChunk {
  model?: string;
  message?: { content?: string; thinking?: string; tool_calls?: OllamaToolCall[] | null } | null;
  /** `/api/generate` puts the text at the top level. */
  response?: string;
  thinking?: string;
  done?: boolean;
  done_reason?: string;
  prompt_eval_count?: number;
  eval_count?: number;
  error?: string;
}

/** Ollama sends each tool call whole, with its arguments as an object. */
interface OllamaToolCall {
  id?: string;
  function?: { index?: number; name?: string; arguments?: unknown };
}

/**
 * Decodes one parsed line of Ollama's native NDJSON stream. Ollama has no end marker besides
 * `done: true`, which yields finish + usage (the body's end yields `done`).
 */
export function decodeOllamaChunk(chunk: unknown): StreamPart[] {
  if (chunk === null || typeof chunk !== 'object') return [];
  const c = chunk as OllamaChunk;
  if (typeof c.error === 'string') return [serverErrorPart(c.error)];

  const parts: StreamPart[] = [];
  const message = c.message;
  const thinking = message ? message.thinking : c.thinking;
  const content = message ? message.content : c.response;
  if (thinking) parts.push({ type: 'reasoning-delta', delta: thinking });
  if (content) parts.push({ type: 'text-delta', delta: content });
  if (message?.tool_calls) pushToolCalls(message.tool_calls, parts);
  if (c.done === true) {
    parts.push({ type: 'finish', reason: ollamaFinishReason(c.done_reason, message?.tool_calls) });
    if (c.prompt_eval_count !== undefined || c.eval_count !== undefined) {
      parts.push(usagePart(c.prompt_eval_count, c.eval_count));
    }
  }
  return parts;
}

/** Loaded on demand by decodeBody (see decoders.ts). */
export { decodeOllamaChunk as objectDecoder, decodeOllamaChunk as replyDecoder };

/** Best effort: a call is keyed by its id, else its index (newer Ollama), else its position. */
function pushToolCalls(calls: OllamaToolCall[], parts: StreamPart[]): void {
  for (let i = 0; i < calls.length; i++) {
    const call = calls[i]!;
    const fn = call.function;
    const key = call.id ?? fn?.index ?? i;
    parts.push({ type: 'tool-call-start', key, id: call.id ?? '', name: fn?.name ?? '' });
    const args = typeof fn?.arguments === 'string' ? fn.arguments : JSON.stringify(fn?.arguments ?? {});
    parts.push({ type: 'tool-call-end', key, args });
  }
}

/** Ollama says `stop` even when the reply ends in tool calls (seen when the last line carries them). */
function ollamaFinishReason(reason: string | undefined, toolCalls: OllamaToolCall[] | null | undefined): FinishReason {
  if (toolCalls && toolCalls.length > 0) return 'tool_calls';
  return reason || 'stop';
}
