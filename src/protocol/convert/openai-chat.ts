/** Kit messages → OpenAI Chat Completions `messages`. */
import { textOf, type MessagePart } from '../../shared/message-parts';
import {
  argsJSON,
  assistantSteps,
  checkFileUrl,
  decodeBase64Text,
  isImage,
  isPdf,
  isText,
  OPENAI_IMAGE_TYPES,
  outcomeText,
  parseDataUrl,
  partsOf,
  unsupportedFile,
} from './shared';
import { ConversionError, type ConvertibleMessage, type ConvertOptions } from './types';

export type OpenAIChatContentPart =
  | { type: 'text'; text: string }
  | { type: 'image_url'; image_url: { url: string } }
  | { type: 'file'; file: { file_data: string; filename: string } };

export interface OpenAIChatToolCall {
  id: string;
  type: 'function';
  function: { name: string; arguments: string };
}

export type OpenAIChatMessage =
  | { role: 'system'; content: string }
  | { role: 'user'; content: string | OpenAIChatContentPart[] }
  | { role: 'assistant'; content: string | null; tool_calls?: OpenAIChatToolCall[] }
  | { role: 'tool'; tool_call_id: string; content: string };

/**
 * Each assistant step becomes one assistant message (its text and `tool_calls`) followed by one
 * `tool` message per call. Reasoning, sources and data parts are not sent (Chat Completions has no
 * field for them); images go as `image_url`, PDFs as inline `file` parts.
 */
export function toOpenAIChatMessages(messages: readonly ConvertibleMessage[], options: ConvertOptions = {}): OpenAIChatMessage[] {
  const result: OpenAIChatMessage[] = options.system ? [{ role: 'system', content: options.system }] : [];
  messages.forEach((message, index) => {
    if (message.role === 'system') result.push({ role: 'system', content: textOf(partsOf(message)) });
    else if (message.role === 'user') result.push({ role: 'user', content: userContent(partsOf(message), index) });
    else result.push(...assistantMessages(message, index, options));
  });
  return result;
}

function assistantMessages(message: ConvertibleMessage, index: number, options: ConvertOptions): OpenAIChatMessage[] {
  const result: OpenAIChatMessage[] = [];
  for (const step of assistantSteps(message, index, options)) {
    const text = textOf(step.parts);
    if (!text && step.toolCalls.length === 0) continue;
    if (step.toolCalls.length === 0) {
      result.push({ role: 'assistant', content: text });
      continue;
    }
    result.push({
      role: 'assistant',
      content: text || null,
      tool_calls: step.toolCalls.map((call) => ({ id: call.id, type: 'function', function: { name: call.name, arguments: argsJSON(call) } })),
    });
    for (const call of step.toolCalls) result.push({ role: 'tool', tool_call_id: call.id, content: outcomeText(call) });
  }
  return result;
}

/**
 * Images as `image_url` (data: or https: URL), PDFs as inline `file` parts; a text file (which
 * Chat Completions cannot take as a file) goes as a text part with its name, as OpenAI advises.
 */
function userContent(parts: readonly MessagePart[], index: number): string | OpenAIChatContentPart[] {
  if (!parts.some((part) => part.type === 'file')) return textOf(parts);
  const content: OpenAIChatContentPart[] = [];
  for (const part of parts) {
    if (part.type === 'text') content.push({ type: 'text', text: part.text });
    if (part.type !== 'file') continue;
    checkFileUrl(part.url, index);
    const inline = parseDataUrl(part.url);
    if (OPENAI_IMAGE_TYPES.includes(part.mediaType)) content.push({ type: 'image_url', image_url: { url: part.url } });
    else if (isPdf(part.mediaType)) {
      if (!inline) {
        throw new ConversionError('OpenAI Chat Completions takes PDFs only inline: pass a data: URL (or upload it and use the Responses API).', index);
      }
      content.push({ type: 'file', file: { file_data: part.url, filename: part.name ?? 'document.pdf' } });
    } else if (isText(part.mediaType) && inline) {
      content.push({ type: 'text', text: `${part.name ?? 'Attached file'}:\n${decodeBase64Text(inline.data)}` });
    } else {
      const accepted = isImage(part.mediaType) ? 'PNG, JPEG, WebP and GIF images' : 'images, PDFs and inline text files';
      throw unsupportedFile('OpenAI Chat Completions', part.mediaType, index, accepted);
    }
  }
  return content;
}
