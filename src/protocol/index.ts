export type { Decoder, FinishReason, SSEEvent, StreamPart, ToolCallKey, Usage, WireFormat } from './parts';
export { decodeBody, type DecodedEvent, type DecodeOptions } from './decode-body';
export { detectFormat } from './detect-format';
export { DEFAULT_MAX_BUFFER_SIZE } from './buffer-limit';
// One SSE event of a format → its parts, for code that splits the events itself (decodeBody
// does all of it for a whole body, in every format). The provider modules' other decoders
// (parsed objects, non-streaming replies) are internal: the server adapters and decodeBody use them.
export { decodeKit } from './kit';
export { decodeOpenAIChat } from './openai-chat';
export { decodeOpenAIResponses } from './openai-responses';
export { decodeAnthropic } from './anthropic';
