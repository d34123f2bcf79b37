import { parseEventJSON, serverErrorPart } from './parse-json';
import type { Decoder, FinishReason, StreamPart } from './parts';
import { usagePart } from './usage';


/** The parts of an Anthropic Messages stream event we read. */
interface AnthropicEvent {
  type?: string;
  index?: number;
  message?: { id?: string; model?: string; role?: string; usage?: AnthropicUsage | null };
  content_block?: AnthropicBlock;
  delta?: { type?: string; text?: string; partial_json?: string; thinking?: string; signature?: string; stop_reason?: string | null; citation?: AnthropicCitation };
  usage?: AnthropicUsage | null;
  error?: { type?: string; message?: string };
}

/** `citations_delta`: a web result (`url`) or a passage of a document (`document_index`). */
interface AnthropicCitation {
  type?: string;
  url?: string;
  title?: string;
  document_index?: number;
  document_title?: string | null;
  file_id?: string | null;
  cited_text?: string;
}

interface AnthropicBlock {
  type?: string;
  id?: string;
  /** Server tool results (`web_search_tool_result`, …): the call they answer, and what it gave. */
  tool_use_id?: string;
  content?: unknown;
  is_error?: boolean;
  /** `redacted_thinking`: encrypted reasoning, sent back as is. */
  data?: string;
  name?: string;
  input?: unknown;
  text?: string;
  thinking?: string;
}

/** A whole (non-streaming) Messages API reply. */
interface AnthropicMessage {
  id?: string;
  role?: string;
  model?: string;
  content?: AnthropicBlock[];
  stop_reason?: string | null;
  usage?: AnthropicUsage | null;
}

/** Counts may be null (the SDK types say so) or absent. */
interface AnthropicUsage {
  input_tokens?: number | null;
  output_tokens?: number | null;
  cache_creation_input_tokens?: number | null;
  cache_read_input_tokens?: number | null;
}

const RETRYABLE_ERROR_TYPES: ReadonlySet<string> = new Set(['overloaded_error', 'api_error', 'rate_limit_error']);

/**
 * Decodes one parsed Anthropic Messages stream event. `fallbackType` (the SSE event name) is
 * used when the object has no `type`. Tool calls and content blocks are keyed by block `index`.
 */
export function decodeAnthropicEvent(event: unknown, fallbackType?: string): StreamPart[] {
  if (event === null || typeof event !== 'object') return [];
  const e = event as AnthropicEvent;
  switch (e.type ?? fallbackType) {
    case 'content_block_delta':
      return blockDelta(e);
    case 'content_block_start':
      return blockStart(e);
    case 'content_block_stop':
      // Every block gets one; the reducer ignores keys that are not tool calls.
      return e.index !== undefined ? [{ type: 'tool-call-end', key: e.index }] : [];
    case 'message_start':
      return messageStart(e.message);
    case 'message_delta':
      return messageDelta(e);
    case 'message_stop':
      return [{ type: 'done' }];
    case 'error':
      return [errorPart(e.error)];
    default:
      // ping and events added later
      return [];
  }
}

/** Decodes one SSE event of an Anthropic Messages stream (`event: message_start` …). */
export const decodeAnthropic: Decoder = (event) =>
  decodeAnthropicEvent(parseEventJSON(event.data, 'Anthropic'), event.event);

/**
 * Decodes a whole (non-streaming) Messages API reply (`"type": "message"`) into the parts its
 * stream would have given, `done` included.
 */
export function decodeAnthropicMessage(message: unknown): StreamPart[] {
  const m = (message ?? {}) as AnthropicMessage;
  const parts = messageStart(m);
  m.content?.forEach((block, index) => {
    parts.push(...blockStart({ index, content_block: block }), { type: 'tool-call-end', key: index });
  });
  parts.push(...messageDelta({ delta: { stop_reason: m.stop_reason ?? null } }), { type: 'done' });
  return parts;
}

/** Loaded on demand by decodeBody (see decoders.ts). */
export { decodeAnthropic as sseDecoder, decodeAnthropicEvent as objectDecoder };
/** A JSON reply: a message, or an error object (`"type": "error"`). */
export const replyDecoder = (reply: unknown): StreamPart[] =>
  (reply as { type?: unknown } | null)?.type === 'message' ? decodeAnthropicMessage(reply) : decodeAnthropicEvent(reply);

function blockDelta(e: AnthropicEvent): StreamPart[] {
  const delta = e.delta;
  if (!delta) return [];
  switch (delta.type) {
    case 'text_delta':
      return delta.text ? [{ type: 'text-delta', delta: delta.text }] : [];
    case 'input_json_delta':
      return e.index !== undefined && delta.partial_json
        ? [{ type: 'tool-call-delta', key: e.index, delta: delta.partial_json }]
        : [];
    case 'thinking_delta':
      return delta.thinking ? [{ type: 'reasoning-delta', delta: delta.thinking }] : [];
    case 'citations_delta':
      return citationParts(delta.citation);
    case 'signature_delta':
      return delta.signature ? [{ type: 'reasoning-signature', signature: delta.signature }] : [];
    default:
      return [];
  }
}

function blockStart(e: AnthropicEvent): StreamPart[] {
  const block = e.content_block;
  if (!block || e.index === undefined) return [];
  switch (block.type) {
    case 'tool_use':
    case 'server_tool_use':
    case 'mcp_tool_use': {
      const start: StreamPart = { type: 'tool-call-start', key: e.index, id: block.id ?? '', name: block.name ?? '' };
      // Server tools (web search, code execution, MCP) run at Anthropic; their results follow as blocks.
      if (block.type !== 'tool_use') start.providerExecuted = true;
      const parts: StreamPart[] = [start];
      // Normally `{}` with the arguments streamed as deltas; some proxies send them up front.
      if (isNonEmptyObject(block.input)) {
        parts.push({ type: 'tool-call-delta', key: e.index, delta: JSON.stringify(block.input) });
      }
      return parts;
    }
    case 'text':
      return block.text ? [{ type: 'text-delta', delta: block.text }] : [];
    case 'thinking':
      return block.thinking ? [{ type: 'reasoning-delta', delta: block.thinking }] : [];
    case 'redacted_thinking':
      return typeof block.data === 'string' ? [{ type: 'reasoning-signature', redactedData: block.data }] : [];
    default:
      return block.type?.endsWith('_tool_result') && block.tool_use_id !== undefined ? [serverToolResult(block)] : [];
  }
}

/** `web_search_tool_result`, `mcp_tool_result`, …: the result of a server tool, or its error. */
function serverToolResult(block: AnthropicBlock): StreamPart {
  const content = block.content as { type?: string; error_code?: string } | undefined;
  const failed = block.is_error === true || (typeof content?.type === 'string' && content.type.endsWith('_error'));
  if (!failed) return { type: 'tool-result', id: block.tool_use_id!, output: block.content };
  const errorText = content?.error_code ?? (typeof block.content === 'string' ? block.content : JSON.stringify(block.content));
  return { type: 'tool-result', id: block.tool_use_id!, errorText };
}

function citationParts(citation: AnthropicCitation | undefined): StreamPart[] {
  // A citation that points nowhere (no URL, no document) says nothing a reader could follow.
  if (!citation || (!citation.url && citation.document_index === undefined && !citation.file_id)) return [];
  const part: StreamPart = { type: 'source', id: citation.url ?? `document-${citation.document_index ?? citation.file_id ?? 0}` };
  if (citation.url) part.url = citation.url;
  const title = citation.title ?? citation.document_title;
  if (title) part.title = title;
  if (citation.cited_text) part.citedText = citation.cited_text;
  if (typeof citation.document_index === 'number') part.documentIndex = citation.document_index;
  if (citation.file_id) part.fileId = citation.file_id;
  return [part];
}

function messageStart(message: AnthropicEvent['message']): StreamPart[] {
  const metadata: Record<string, unknown> = {};
  if (message?.id !== undefined) metadata.id = message.id;
  if (message?.model !== undefined) metadata.model = message.model;
  const parts: StreamPart[] = [{ type: 'metadata', metadata }];
  if (typeof message?.role === 'string') parts.push({ type: 'role', role: message.role });
  if (message?.usage) parts.push(anthropicUsagePart(message.usage));
  return parts;
}

function messageDelta(e: AnthropicEvent): StreamPart[] {
  const parts: StreamPart[] = [];
  const stopReason = e.delta?.stop_reason;
  if (stopReason) parts.push({ type: 'finish', reason: anthropicFinishReason(stopReason) });
  // output_tokens here is cumulative for the reply, which matches the part's absolute values.
  if (e.usage) parts.push(anthropicUsagePart(e.usage));
  return parts;
}

/** The prompt is everything read: fresh input plus cache writes and cache reads. */
function anthropicUsagePart(usage: AnthropicUsage): StreamPart {
  let prompt: number | undefined;
  if (typeof usage.input_tokens === 'number') {
    prompt = usage.input_tokens;
    if (typeof usage.cache_creation_input_tokens === 'number') prompt += usage.cache_creation_input_tokens;
    if (typeof usage.cache_read_input_tokens === 'number') prompt += usage.cache_read_input_tokens;
  }
  return usagePart(prompt, usage.output_tokens);
}

function anthropicFinishReason(reason: string): FinishReason {
  switch (reason) {
    case 'end_turn':
    case 'stop_sequence':
    case 'pause_turn':
      return 'stop';
    case 'max_tokens':
    case 'model_context_window_exceeded':
      return 'length';
    case 'tool_use':
      return 'tool_calls';
    case 'refusal':
      return 'content_filter';
    default:
      return reason;
  }
}

function errorPart(error: AnthropicEvent['error']): StreamPart {
  const type = error?.type || undefined;
  return serverErrorPart(error?.message, type, type !== undefined && RETRYABLE_ERROR_TYPES.has(type));
}

function isNonEmptyObject(value: unknown): boolean {
  if (value === null || typeof value !== 'object') return false;
  for (const _key in value) return true;
  return false;
}
