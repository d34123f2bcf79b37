/** Kit messages → Anthropic Messages `{ system, messages }`. */
import type { FilePart, MessagePart } from '../../shared/message-parts';
import {
  argsObject,
  assistantSteps,
  checkFileUrl,
  decodeBase64Text,
  denialText,
  isText,
  outputText,
  parseDataUrl,
  partsOf,
  sniffImageType,
  systemText,
  unsupportedFile,
} from './shared';
import { ConversionError, type ConvertibleMessage, type ConvertOptions } from './types';

type ImageMediaType = 'image/jpeg' | 'image/png' | 'image/gif' | 'image/webp';
const IMAGE_TYPES: readonly string[] = ['image/jpeg', 'image/png', 'image/gif', 'image/webp'];

export type AnthropicContentBlock =
  | { type: 'text'; text: string }
  | { type: 'thinking'; thinking: string; signature: string }
  | { type: 'redacted_thinking'; data: string }
  | { type: 'tool_use'; id: string; name: string; input: Record<string, unknown> }
  | { type: 'tool_result'; tool_use_id: string; content?: string; is_error?: boolean }
  | { type: 'image'; source: { type: 'base64'; media_type: ImageMediaType; data: string } | { type: 'url'; url: string } }
  | {
      type: 'document';
      source:
        | { type: 'base64'; media_type: 'application/pdf'; data: string }
        | { type: 'text'; media_type: 'text/plain'; data: string }
        | { type: 'url'; url: string };
      title?: string;
    };

export interface AnthropicMessage {
  role: 'user' | 'assistant';
  content: AnthropicContentBlock[];
}

export interface AnthropicRequestMessages {
  /** `options.system` and the `system` messages; undefined when there are none. */
  system: string | undefined;
  messages: AnthropicMessage[];
}

/**
 * Each assistant step becomes an assistant turn (signed thinking, text and `tool_use` blocks in
 * stream order) and, when it called tools, a user turn that starts with one `tool_result` per
 * call (`is_error` for failures and denials). Consecutive turns of one role are merged, so the
 * user's next words follow the tool results in the same turn. Reasoning without a signature
 * (e.g. from another provider) is not sent: Anthropic only takes back its own signed blocks.
 */
export function toAnthropicMessages(messages: readonly ConvertibleMessage[], options: ConvertOptions = {}): AnthropicRequestMessages {
  const turns: AnthropicMessage[] = [];
  messages.forEach((message, index) => {
    if (message.role === 'user') turns.push({ role: 'user', content: userBlocks(partsOf(message), index) });
    if (message.role !== 'assistant') return;
    for (const step of assistantSteps(message, index, options)) {
      const content: AnthropicContentBlock[] = [];
      for (const part of step.parts) {
        if (part.type === 'text' && part.text) content.push({ type: 'text', text: part.text });
        else if (part.type === 'reasoning' && part.redactedData) content.push({ type: 'redacted_thinking', data: part.redactedData });
        else if (part.type === 'reasoning' && part.signature) {
          content.push({ type: 'thinking', thinking: part.text, signature: part.signature });
        } else if (part.type === 'tool-call') content.push({ type: 'tool_use', id: part.id, name: part.name, input: argsObject(part) });
      }
      turns.push({ role: 'assistant', content });
      if (step.toolCalls.length > 0) turns.push({ role: 'user', content: step.toolCalls.map(toolResult) });
    }
  });
  return { system: systemText(messages, options), messages: mergeTurns(turns) };
}

function toolResult(call: Extract<MessagePart, { type: 'tool-call' }>): AnthropicContentBlock {
  if (call.state === 'output-error') return { type: 'tool_result', tool_use_id: call.id, content: call.errorText ?? 'The tool failed.', is_error: true };
  if (call.state === 'output-denied') return { type: 'tool_result', tool_use_id: call.id, content: denialText(call), is_error: true };
  const content = outputText(call.output);
  return content ? { type: 'tool_result', tool_use_id: call.id, content } : { type: 'tool_result', tool_use_id: call.id };
}

/** Joins neighbouring turns of one role and drops empty ones (Anthropic rejects both). */
function mergeTurns(turns: AnthropicMessage[]): AnthropicMessage[] {
  const merged: AnthropicMessage[] = [];
  for (const turn of turns) {
    if (turn.content.length === 0) continue;
    const last = merged.at(-1);
    if (last?.role === turn.role) last.content.push(...turn.content);
    else merged.push({ role: turn.role, content: [...turn.content] });
  }
  return merged;
}

function userBlocks(parts: readonly MessagePart[], index: number): AnthropicContentBlock[] {
  const blocks: AnthropicContentBlock[] = [];
  for (const part of parts) {
    if (part.type === 'text' && part.text) blocks.push({ type: 'text', text: part.text });
    else if (part.type === 'file') blocks.push(fileBlock(part, index));
  }
  return blocks;
}

/**
 * Images (JPEG, PNG, GIF, WebP) as `image` blocks, PDFs and text as `document` blocks; inline
 * (`base64` / `text` source) or by `url`. An inline image is labelled with the format its bytes
 * are in, since the API rejects a label that does not match them.
 */
function fileBlock(file: FilePart, index: number): AnthropicContentBlock {
  checkFileUrl(file.url, index);
  const inline = parseDataUrl(file.url);
  const title = file.name ? { title: file.name } : {};
  if (IMAGE_TYPES.includes(file.mediaType)) {
    if (!inline) return { type: 'image', source: { type: 'url', url: file.url } };
    const mediaType = (sniffImageType(inline.data) ?? file.mediaType) as ImageMediaType;
    return { type: 'image', source: { type: 'base64', media_type: mediaType, data: inline.data } };
  }
  if (file.mediaType.startsWith('image/')) {
    throw unsupportedFile('Anthropic', file.mediaType, index, 'JPEG, PNG, GIF and WebP images');
  }
  if (file.mediaType === 'application/pdf') {
    const source = inline ? { type: 'base64' as const, media_type: 'application/pdf' as const, data: inline.data } : { type: 'url' as const, url: file.url };
    return { type: 'document', source, ...title };
  }
  if (isText(file.mediaType)) {
    if (!inline) throw new ConversionError('Anthropic takes text documents only inline: pass a data: URL.', index);
    return { type: 'document', source: { type: 'text', media_type: 'text/plain', data: decodeBase64Text(inline.data) }, ...title };
  }
  throw unsupportedFile('Anthropic', file.mediaType, index, 'JPEG, PNG, GIF and WebP images, PDFs and text');
}
