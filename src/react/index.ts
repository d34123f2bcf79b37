export { useChatStream } from './use-chat-stream';
export type { UseChatStreamOptions, UseChatStreamResult } from './use-chat-stream';
export { useCompletion } from './use-completion';
export type { UseCompletionOptions, UseCompletionResult } from './use-completion';
export { useAIStream } from './use-ai-stream';
export type { UseAIStreamOptions } from './use-ai-stream';
export type { Throttle } from './throttle';
