/**
 * ai-stream-kit/server: write the kit protocol (docs/protocol.md) from Node / Express and from
 * fetch-style handlers (Next.js App Router, Hono, Bun, Deno, edge), and adapt provider streams.
 * Nothing here imports `node:` modules, so every export loads in edge runtimes.
 */
export { KitStreamWriter } from './kit-stream-writer';
export { StreamingResponse, type NodeStreamingOptions, type NodeResponseLike } from './streaming-response';
export { WebStreamingResponse, createStreamingResponse } from './web-streaming-response';
export { OpenAIAdapter } from './adapters/openai';
export { AnthropicAdapter } from './adapters/anthropic';
export { pipeToResponse, type PipeOptions } from './pipe-to-response';
export type { ProviderSource, ProviderStream } from './provider-source';
export { kitResponseHeaders, createKitResponse } from './headers';
export { StreamClosedError, type StreamClosedCode } from './stream-closed-error';
export {
  createMemoryResumeStore,
  type MemoryResumeStore,
  type MemoryResumeStoreOptions,
  type ResumableEvent,
  type ResumeStore,
  type CancelOutcome,
} from './resume-store';
export {
  cancelStreamingResponse,
  createCancelResponse,
  type CancelAnswer,
  type CancelOptions,
  type CancellableResumeStore,
} from './cancel-response';
export {
  resumeStreamingResponse,
  createResumeResponse,
  type ResumeOptions,
  type NodeResumeOptions,
  type NodeRequestLike,
  type ResumeAuthorizer,
} from './resume-response';
export { parseEventId } from './stream-id';
export { SSEEventType, type KitEventName } from './sse-encoder';
export {
  DEFAULT_HEARTBEAT_INTERVAL,
  DEFAULT_MAX_BUFFERED_BYTES,
  type ErrorInput,
  type KitErrorPayload,
  type StartInfo,
  type StreamingOptions,
} from './types';
export type { FinishReason, StreamPart, ToolCallKey, Usage } from '../protocol/parts';
export * from '../protocol/convert';
export type {
  DataPart,
  DataPartOf,
  DataPartTypes,
  FilePart,
  MessagePart,
  ReasoningPart,
  SourcePart,
  StepStartPart,
  TextPart,
  ToolCallPart,
  ToolCallState,
} from '../core/message-parts';
