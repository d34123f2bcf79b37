import { parseEventJSON, serverErrorPart } from './parse-json';
import type { Decoder, FinishReason, StreamPart } from './parts';
import { errorCodeString, isRetryableErrorCode } from './retryable';
import { usagePart } from './usage';

/** The parts of a Responses API stream event we read. */
interface ResponsesEvent {
  type?: string;
  delta?: string;
  item_id?: string;
  arguments?: string;
  summary_index?: number;
  /** `response.output_text.annotation.added`. */
  annotation?: Annotation;
  item?: OutputItem;
  response?: ResponseObject;
  /** Top-level `error` events. */
  code?: string | null;
  message?: string;
}

interface OutputItem {
  id?: string;
  type?: string;
  call_id?: string;
  name?: string;
  arguments?: string;
  /** `message` items: output_text and refusal; `reasoning` items: reasoning_text. */
  content?: { type?: string; text?: string; refusal?: string; annotations?: Annotation[] }[];
  /** `reasoning` items. */
  summary?: { text?: string }[];
  /** `reasoning` items, when the request `include`d `reasoning.encrypted_content`. */
  encrypted_content?: string | null;
}

/** A citation on output text: `url_citation` (web search) or `file_citation` (file search). */
interface Annotation {
  type?: string;
  url?: string;
  title?: string;
  file_id?: string;
  filename?: string;
}

interface ResponseObject {
  id?: string;
  model?: string;
  status?: string;
  output?: OutputItem[];
  usage?: { input_tokens?: number; output_tokens?: number; total_tokens?: number } | null;
  incomplete_details?: { reason?: string } | null;
  error?: { code?: string; message?: string } | null;
}

/**
 * Decodes one parsed Responses API stream event. `fallbackType` (the SSE event name) is used
 * when the object has no `type`. Events that carry nothing for the message decode to `[]`.
 */
export function decodeOpenAIResponsesEvent(event: unknown, fallbackType?: string): StreamPart[] {
  if (event === null || typeof event !== 'object') return [];
  const e = event as ResponsesEvent;
  switch (e.type ?? fallbackType) {
    case 'response.output_text.delta':
    case 'response.refusal.delta':
      return e.delta ? [{ type: 'text-delta', delta: e.delta }] : [];
    case 'response.reasoning_summary_text.delta':
    case 'response.reasoning_text.delta':
      return e.delta ? [{ type: 'reasoning-delta', delta: e.delta }] : [];
    case 'response.reasoning_summary_part.added':
      // A summary comes in several parts; keep them apart as paragraphs.
      return e.summary_index ? [{ type: 'reasoning-delta', delta: '\n\n' }] : [];
    case 'response.output_text.annotation.added':
      return sourceParts(e.annotation);
    case 'response.function_call_arguments.delta':
      return e.item_id !== undefined && e.delta ? [{ type: 'tool-call-delta', key: e.item_id, delta: e.delta }] : [];
    case 'response.function_call_arguments.done':
      return e.item_id !== undefined ? [{ type: 'tool-call-end', key: e.item_id, args: e.arguments ?? '' }] : [];
    case 'response.output_item.added':
      return functionCallStart(e.item);
    case 'response.output_item.done':
      // Only the finished item has the whole encrypted content.
      return reasoningItem(e.item);
    case 'response.created':
      return [responseMetadata(e.response)];
    case 'response.completed':
      return responseEnd(e.response, hasFunctionCall(e.response) ? 'tool_calls' : 'stop');
    case 'response.incomplete':
      return responseEnd(e.response, incompleteReason(e.response));
    case 'response.failed':
      // Terminal like response.completed, so the reply is over (as in the kit's error + done).
      return [responseFailedPart(e.response), { type: 'done' }];
    case 'error':
      return [errorPart(e.message, e.code)];
    default:
      return [];
  }
}

/** Decodes one SSE event of a Responses API stream (`event: response.*`). */
export const decodeOpenAIResponses: Decoder = (event) =>
  decodeOpenAIResponsesEvent(parseEventJSON(event.data, 'OpenAI Responses'), event.event);

/**
 * Decodes a whole (non-streaming) Responses API object (`"object": "response"`) into the parts
 * its stream would have given, `done` included.
 */
export function decodeOpenAIResponseObject(response: unknown): StreamPart[] {
  const r = (response ?? {}) as ResponseObject;
  const parts = [responseMetadata(r)];
  for (const item of r.output ?? []) {
    const texts = (list: { text?: string; refusal?: string }[] | undefined) => (list ?? []).map((c) => c.text ?? c.refusal ?? '');
    if (item.type === 'reasoning') {
      const summary = texts(item.summary).join('\n\n') || texts(item.content).join('');
      if (summary) parts.push({ type: 'reasoning-delta', delta: summary });
      parts.push(...reasoningItem(item));
    } else if (item.type === 'message') {
      const text = texts(item.content).join('');
      if (text) parts.push({ type: 'text-delta', delta: text });
      for (const content of item.content ?? []) for (const annotation of content.annotations ?? []) parts.push(...sourceParts(annotation));
    } else if (item.type === 'function_call' && item.id !== undefined) {
      parts.push(...functionCallStart(item), { type: 'tool-call-end', key: item.id, args: item.arguments ?? '' });
    }
  }
  const end = r.status === 'incomplete' || r.status === 'failed' ? r.status : 'completed';
  parts.push(...decodeOpenAIResponsesEvent({ type: `response.${end}`, response: r }));
  return parts;
}

/** Loaded on demand by decodeBody (see decoders.ts). */
export { decodeOpenAIResponses as sseDecoder, decodeOpenAIResponsesEvent as objectDecoder };
/** A JSON reply: a response object, or an error event. */
export const replyDecoder = (reply: unknown): StreamPart[] =>
  (reply as { object?: unknown } | null)?.object === 'response' ? decodeOpenAIResponseObject(reply) : decodeOpenAIResponsesEvent(reply);

function functionCallStart(item: ResponsesEvent['item']): StreamPart[] {
  if (!item || item.type !== 'function_call' || item.id === undefined) return [];
  const parts: StreamPart[] = [{ type: 'tool-call-start', key: item.id, id: item.call_id ?? '', name: item.name ?? '' }];
  if (item.arguments) parts.push({ type: 'tool-call-delta', key: item.id, delta: item.arguments });
  return parts;
}

/** A reasoning item's id and encrypted content: what the next request gives back with its function calls. */
function reasoningItem(item: OutputItem | undefined): StreamPart[] {
  if (item?.type !== 'reasoning' || typeof item.id !== 'string') return [];
  const part: StreamPart = { type: 'reasoning-signature', itemId: item.id };
  if (typeof item.encrypted_content === 'string' && item.encrypted_content) part.encryptedContent = item.encrypted_content;
  return [part];
}

function sourceParts(annotation: Annotation | undefined): StreamPart[] {
  if (annotation?.type === 'url_citation' && annotation.url) {
    const part: StreamPart = { type: 'source', id: annotation.url, url: annotation.url };
    if (annotation.title) part.title = annotation.title;
    return [part];
  }
  if (annotation?.type === 'file_citation' && annotation.file_id) {
    const part: StreamPart = { type: 'source', id: annotation.file_id, fileId: annotation.file_id };
    if (annotation.filename) part.title = annotation.filename;
    return [part];
  }
  return [];
}

function responseMetadata(response: ResponseObject | undefined): StreamPart {
  const metadata: Record<string, unknown> = {};
  if (response?.id !== undefined) metadata.id = response.id;
  if (response?.model !== undefined) metadata.model = response.model;
  return { type: 'metadata', metadata };
}

function responseEnd(response: ResponseObject | undefined, reason: FinishReason): StreamPart[] {
  const parts: StreamPart[] = [];
  const usage = response?.usage;
  if (usage) parts.push(usagePart(usage.input_tokens, usage.output_tokens, usage.total_tokens));
  parts.push({ type: 'finish', reason }, { type: 'done' });
  return parts;
}

function hasFunctionCall(response: ResponseObject | undefined): boolean {
  return response?.output?.some((item) => item.type === 'function_call') ?? false;
}

function incompleteReason(response: ResponseObject | undefined): FinishReason {
  const reason = response?.incomplete_details?.reason;
  if (reason === 'max_output_tokens') return 'length';
  return reason ?? 'length';
}

function responseFailedPart(response: ResponseObject | undefined): StreamPart {
  const error = response?.error;
  return errorPart(error?.message ?? 'The response failed', error?.code);
}

function errorPart(message: string | undefined, code: string | null | undefined): StreamPart {
  return serverErrorPart(message, errorCodeString(code), isRetryableErrorCode(code));
}
