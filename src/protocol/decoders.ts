import { AIStreamError } from '../core/errors';
import { decodeAnthropic, decodeAnthropicEvent } from './anthropic';
import type { JSONDialect } from './detect-format';
import { decodeKit } from './kit';
import { decodeOllamaChunk } from './ollama';
import { decodeOpenAIChat, decodeOpenAIChatChunk } from './openai-chat';
import { decodeOpenAIResponses, decodeOpenAIResponsesEvent } from './openai-responses';
import type { Decoder, StreamPart, WireFormat } from './parts';

export type SSEFormat = Exclude<WireFormat, 'text' | 'ndjson'>;

/** Decodes an already-parsed event object of one dialect. */
export type ObjectDecoder = (value: unknown) => StreamPart[];

const SSE_DECODERS: Record<SSEFormat, Decoder> = {
  kit: decodeKit,
  'openai-chat': decodeOpenAIChat,
  'openai-responses': decodeOpenAIResponses,
  anthropic: decodeAnthropic,
};

const OBJECT_DECODERS: Record<JSONDialect, ObjectDecoder> = {
  'openai-chat': decodeOpenAIChatChunk,
  'openai-responses': (value) => decodeOpenAIResponsesEvent(value),
  anthropic: (value) => decodeAnthropicEvent(value),
  ollama: decodeOllamaChunk,
};

/** The SSE decoder of a format. `text` and `ndjson` are not SSE and have none. */
export function decoderFor(format: WireFormat): Decoder {
  if (format === 'text' || format === 'ndjson') throw new AIStreamError('invalid', `"${format}" is not an SSE format`);
  return SSE_DECODERS[format];
}

export function objectDecoderFor(dialect: JSONDialect): ObjectDecoder {
  return OBJECT_DECODERS[dialect];
}
