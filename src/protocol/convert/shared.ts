/** What every provider converter does the same way: reading parts, steps, tool outcomes and files. */
import { isToolCallSettled, splitSteps, type MessagePart, type ToolCallPart } from '../../shared/message-parts';
import { ConversionError, type ConvertibleMessage, type ConvertOptions } from './types';

/** The message's parts; a message without parts is one text part of its `content`. */
export function partsOf(message: ConvertibleMessage): readonly MessagePart[] {
  if (message.parts) return message.parts;
  return message.content ? [{ type: 'text', text: message.content }] : [];
}

/** One step of an assistant message, as the provider sees it: what the model said, then its calls. */
export interface AssistantStep {
  /** Text, reasoning and tool calls in stream order (other parts left out). */
  parts: (Extract<MessagePart, { type: 'text' | 'reasoning' }> | ToolCallPart)[];
  /** The calls whose outcome goes back to the model, in call order. */
  toolCalls: ToolCallPart[];
}

/**
 * The steps of an assistant message with only what a provider can take back: provider-executed
 * calls are left out (the provider has their results), pending calls per `options.pendingToolCalls`.
 */
export function assistantSteps(message: ConvertibleMessage, messageIndex: number, options: ConvertOptions): AssistantStep[] {
  const steps: AssistantStep[] = [];
  for (const step of splitSteps(partsOf(message))) {
    const parts: AssistantStep['parts'] = [];
    for (const part of step) {
      if (part.type === 'text' || part.type === 'reasoning') parts.push(part);
      else if (part.type === 'tool-call' && sendable(part, messageIndex, options)) parts.push(part);
    }
    const toolCalls = parts.filter((part): part is ToolCallPart => part.type === 'tool-call');
    if (parts.length > 0) steps.push({ parts, toolCalls });
  }
  return steps;
}

function sendable(part: ToolCallPart, messageIndex: number, options: ConvertOptions): boolean {
  if (part.providerExecuted) return false;
  if (isToolCallSettled(part)) return true;
  if (options.pendingToolCalls === 'error') {
    throw new ConversionError(`Tool call ${part.id} (${part.name}) has no result yet (state '${part.state}').`, messageIndex);
  }
  return false;
}

/** The call's arguments as an object (what `tool_use.input` needs); `{}` when they never parsed. */
export function argsObject(part: ToolCallPart): Record<string, unknown> {
  if (isRecord(part.args)) return part.args;
  try {
    const parsed: unknown = JSON.parse(part.argsText);
    return isRecord(parsed) ? parsed : {};
  } catch {
    return {};
  }
}

/** The call's arguments as JSON text (what OpenAI's `arguments` needs). */
export function argsJSON(part: ToolCallPart): string {
  return JSON.stringify(argsObject(part));
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** The outcome as text, for formats without an error flag (OpenAI). */
export function outcomeText(part: ToolCallPart): string {
  if (part.state === 'output-error') return `Error: ${part.errorText ?? 'the tool failed'}`;
  if (part.state === 'output-denied') return denialText(part);
  return outputText(part.output);
}

export function outputText(output: unknown): string {
  if (typeof output === 'string') return output;
  return JSON.stringify(output) ?? '';
}

export function denialText(part: ToolCallPart): string {
  return part.denialReason ? `The user denied this tool call: ${part.denialReason}` : 'The user denied this tool call.';
}

/** The system prompt: `options.system`, then the `system` messages, joined by blank lines. */
export function systemText(messages: readonly ConvertibleMessage[], options: ConvertOptions): string | undefined {
  const texts = options.system ? [options.system] : [];
  for (const message of messages) {
    if (message.role !== 'system') continue;
    const text = partsOf(message)
      .flatMap((part) => (part.type === 'text' ? [part.text] : []))
      .join('');
    if (text) texts.push(text);
  }
  return texts.length > 0 ? texts.join('\n\n') : undefined;
}

export interface InlineData {
  mediaType: string;
  /** Base64 payload. */
  data: string;
}

/** The media type and base64 payload of a `data:…;base64,…` URL; undefined for any other URL. */
export function parseDataUrl(url: string): InlineData | undefined {
  const match = /^data:([^;,]+)(?:;[^;,]+)*;base64,(.*)$/s.exec(url);
  return match ? { mediaType: match[1]!, data: match[2]! } : undefined;
}

export const isImage = (mediaType: string) => mediaType.startsWith('image/');
/** The image formats OpenAI's vision input takes (Chat Completions `image_url`, Responses `input_image`). */
export const OPENAI_IMAGE_TYPES: readonly string[] = ['image/png', 'image/jpeg', 'image/webp', 'image/gif'];
export const isPdf = (mediaType: string) => mediaType === 'application/pdf';
/** Plain text in any of its forms (notes, markdown, CSV, code): providers that take text documents take these. */
export const isText = (mediaType: string) => mediaType.startsWith('text/') || mediaType === 'application/json';

/**
 * The image format the bytes are in (their magic number), whatever the label says: a file named
 * `.png` may well be a JPEG, and Anthropic rejects a media type that does not match the bytes.
 */
export function sniffImageType(base64: string): string | undefined {
  let head: string;
  try {
    head = atob(base64.slice(0, 16));
  } catch {
    return undefined;
  }
  if (head.startsWith('\x89PNG')) return 'image/png';
  if (head.startsWith('\xff\xd8\xff')) return 'image/jpeg';
  if (head.startsWith('GIF8')) return 'image/gif';
  if (head.startsWith('RIFF') && head.slice(8, 12) === 'WEBP') return 'image/webp';
  return undefined;
}

/** The text of a base64 payload, as UTF-8. */
export function decodeBase64Text(base64: string): string {
  const binary = atob(base64);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return new TextDecoder().decode(bytes);
}

/** Rejects URLs that are neither `data:` nor `http(s):`. */
export function checkFileUrl(url: string, messageIndex: number): void {
  if (!/^(data:|https?:)/i.test(url)) throw new ConversionError(`File URL must be data: or https: (got ${url.slice(0, 20)}…).`, messageIndex);
}

export function unsupportedFile(provider: string, mediaType: string, messageIndex: number, accepted: string): ConversionError {
  return new ConversionError(`${provider} does not accept ${mediaType} files (it takes ${accepted}).`, messageIndex);
}
