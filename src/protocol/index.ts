export type { Decoder, FinishReason, SSEEvent, StreamPart, ToolCallKey, Usage, WireFormat } from './parts';
export { decodeBody, type DecodedEvent, type DecodeOptions } from './decode-body';
export { detectFormat } from './detect-format';
export { DEFAULT_MAX_BUFFER_SIZE } from './buffer-limit';
export { decodeKit } from './kit';
export { decodeOpenAIChat, decodeOpenAIChatChunk, decodeOpenAIChatCompletion } from './openai-chat';
export { decodeOpenAIResponses, decodeOpenAIResponsesEvent, decodeOpenAIResponse } from './openai-responses';
export { decodeAnthropic, decodeAnthropicEvent, decodeAnthropicMessage } from './anthropic';
export { decodeOllamaChunk } from './ollama';
