import type { FinishInfo, Message, StreamConfig, ToolCall, Usage } from '../core/types';
import type { AIStreamError } from '../core/errors';

/**
 * A StreamConfig whose every field is read from `ref` when the core reads it, so a re-render
 * with new options (endpoint, headers, body, callbacks) applies to the next request without
 * recreating the stream or touching a reply in flight.
 */
export function liveConfig(ref: { readonly current: StreamConfig }): StreamConfig {
  const config = {
    onToken: (token: string) => ref.current.onToken?.(token),
    onCost: (usage: Usage) => ref.current.onCost?.(usage),
    onError: (error: AIStreamError) => ref.current.onError?.(error),
    onFinish: (info: FinishInfo) => ref.current.onFinish?.(info),
    onToolCall: (call: ToolCall, message: Message) => ref.current.onToolCall?.(call, message),
  } as StreamConfig;
  for (const key of ['endpoint', 'model', 'headers', 'systemPrompt', 'retry', 'protocol', 'fetch', 'body', 'credentials', 'signal', 'idleTimeout', 'maxBufferSize'] as const) {
    Object.defineProperty(config, key, { enumerable: true, get: () => ref.current[key] });
  }
  return config;
}
