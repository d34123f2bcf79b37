/** Kit messages → OpenAI Responses `input` items. */
import { textOf, type MessagePart } from '../../shared/message-parts';
import { argsJSON, assistantSteps, checkFileUrl, isImage, isText, OPENAI_IMAGE_TYPES, outcomeText, parseDataUrl, partsOf, unsupportedFile } from './shared';
import type { ConvertibleMessage, ConvertOptions } from './types';

export type OpenAIResponsesContentPart =
  | { type: 'input_text'; text: string }
  | { type: 'input_image'; image_url: string; detail: 'auto' }
  | { type: 'input_file'; file_data: string; filename: string }
  | { type: 'input_file'; file_url: string };

export type OpenAIResponsesInputItem =
  | { role: 'system'; content: string }
  | { role: 'user'; content: string | OpenAIResponsesContentPart[] }
  | { role: 'assistant'; content: string }
  | { type: 'reasoning'; id: string; summary: { type: 'summary_text'; text: string }[]; encrypted_content?: string }
  | { type: 'function_call'; call_id: string; name: string; arguments: string }
  | { type: 'function_call_output'; call_id: string; output: string };

/**
 * Each assistant step becomes its Responses reasoning items, its text as an assistant message, a
 * `function_call` item per call and then a `function_call_output` item per call. Reasoning goes
 * back only as the `reasoning` items it came from (id, summary, and `encrypted_content` when the
 * reply carried it — with `store: false` it must, so ask for `include: ['reasoning.encrypted_content']`),
 * and only before something it led to; other providers' reasoning is not sent. Other items carry
 * no `id`s.
 */
export function toOpenAIResponsesInput(
  messages: readonly ConvertibleMessage[],
  options: ConvertOptions = {},
): OpenAIResponsesInputItem[] {
  const items: OpenAIResponsesInputItem[] = options.system ? [{ role: 'system', content: options.system }] : [];
  messages.forEach((message, index) => {
    if (message.role === 'system') items.push({ role: 'system', content: textOf(partsOf(message)) });
    else if (message.role === 'user') items.push({ role: 'user', content: userContent(partsOf(message), index) });
    else {
      for (const step of assistantSteps(message, index, options)) {
        const text = textOf(step.parts);
        // A reasoning item must be followed by what it led to (Responses rejects it last).
        if (text || step.toolCalls.length > 0) items.push(...reasoningItems(step.parts));
        if (text) items.push({ role: 'assistant', content: text });
        for (const call of step.toolCalls) {
          items.push({ type: 'function_call', call_id: call.id, name: call.name, arguments: argsJSON(call) });
        }
        for (const call of step.toolCalls) {
          items.push({ type: 'function_call_output', call_id: call.id, output: outcomeText(call) });
        }
      }
    }
  });
  return items;
}

function reasoningItems(parts: readonly MessagePart[]): OpenAIResponsesInputItem[] {
  const items: OpenAIResponsesInputItem[] = [];
  for (const part of parts) {
    if (part.type !== 'reasoning' || part.itemId === undefined) continue;
    const summary = part.text ? [{ type: 'summary_text' as const, text: part.text }] : [];
    items.push(part.encryptedContent === undefined ? { type: 'reasoning', id: part.itemId, summary } : { type: 'reasoning', id: part.itemId, summary, encrypted_content: part.encryptedContent });
  }
  return items;
}

/** Documents `input_file` takes (OpenAI extracts their text; PDFs also as page images). */
const DOCUMENT_TYPE = /^application\/(pdf|rtf|msword|vnd\.openxmlformats-officedocument\.[\w.]+|vnd\.ms-(excel|powerpoint)|vnd\.oasis\.opendocument\.[\w.]+|xml)$/;

/** Images as `input_image`, documents (PDF, office, text) as `input_file`: inline or by URL. */
function userContent(parts: readonly MessagePart[], index: number): string | OpenAIResponsesContentPart[] {
  if (!parts.some((part) => part.type === 'file')) return textOf(parts);
  const content: OpenAIResponsesContentPart[] = [];
  for (const part of parts) {
    if (part.type === 'text') content.push({ type: 'input_text', text: part.text });
    if (part.type !== 'file') continue;
    checkFileUrl(part.url, index);
    if (OPENAI_IMAGE_TYPES.includes(part.mediaType)) content.push({ type: 'input_image', image_url: part.url, detail: 'auto' });
    else if (isImage(part.mediaType) || !(DOCUMENT_TYPE.test(part.mediaType) || isText(part.mediaType))) {
      throw unsupportedFile('OpenAI Responses', part.mediaType, index, 'PNG, JPEG, WebP and GIF images, PDFs, office documents and text');
    } else if (parseDataUrl(part.url)) content.push({ type: 'input_file', file_data: part.url, filename: part.name ?? defaultName(part.mediaType) });
    else content.push({ type: 'input_file', file_url: part.url });
  }
  return content;
}

/** OpenAI reads a file's type from its name's extension. */
const EXTENSIONS: Record<string, string> = { 'application/pdf': 'pdf', 'text/plain': 'txt', 'text/markdown': 'md', 'text/csv': 'csv', 'application/json': 'json' };
const defaultName = (mediaType: string) => `document.${EXTENSIONS[mediaType] ?? 'bin'}`;
