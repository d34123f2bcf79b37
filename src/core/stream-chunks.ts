import { decodeBody } from '../protocol/decode-body';
import { AIStreamError } from './errors';
import { applyPart, createAssistantMessage, type ToolCallKeys } from './reducer';
import { droppedError, httpError, readError, serverError } from './transport';
import type { StreamChunk, StreamChunksOptions } from './types';

/**
 * Reads a streaming response without AIStream: `for await (const chunk of streamChunks(res))`.
 * One chunk per decoded event, folded by the same reducer as AIStream. Throws AIStreamError:
 * 'http' for a non-OK response, 'server' for an error event, 'protocol' for undecodable input,
 * 'network' when the body breaks or ends before the reply finished. Leaving the loop early
 * cancels the body.
 */
export async function* streamChunks(
  source: Response | ReadableStream<Uint8Array>,
  options: StreamChunksOptions = {},
): AsyncGenerator<StreamChunk, void, undefined> {
  const { signal } = options;
  let body: ReadableStream<Uint8Array> | null;
  let contentType: string | null = null;
  if ('getReader' in source) body = source;
  else {
    if (!source.ok) throw await httpError(source, signal);
    body = source.body;
    contentType = source.headers.get('content-type');
  }
  if (!body) throw new AIStreamError('protocol', 'The response has no body');

  // Our own pipe: aborting it cancels the body, whether the caller's signal fired or the loop ended.
  const controller = new AbortController();
  const abort = () => controller.abort(signal?.reason);
  signal?.addEventListener('abort', abort);
  if (signal?.aborted) abort();
  const piped = body.pipeThrough(new TransformStream<Uint8Array, Uint8Array>(), { signal: controller.signal });

  let message = createAssistantMessage('');
  const toolKeys: ToolCallKeys = new Map();
  let finished = false;
  try {
    const { protocol, maxBufferSize } = options;
    for await (const batch of decodeBody(piped, { protocol, contentType, maxBufferSize })) {
      for (const { parts, raw } of batch) {
        let delta = '';
        let reasoningDelta = '';
        for (const part of parts) {
          if (part.type === 'error') throw serverError(part);
          if (part.type === 'text-delta') delta += part.delta;
          else if (part.type === 'reasoning-delta') reasoningDelta += part.delta;
          else if (part.type === 'finish' || part.type === 'done') finished = true;
          message = applyPart(message, part, toolKeys);
        }
        yield {
          delta,
          content: message.content,
          reasoningDelta,
          reasoning: message.reasoning ?? '',
          finishReason: message.finishReason,
          toolCalls: message.toolCalls ?? [],
          usage: message.usage,
          metadata: message.metadata,
          parts,
          raw,
        };
        if (parts.some((part) => part.type === 'done')) return;
      }
    }
    if (!finished) throw droppedError();
  } catch (error) {
    if (signal?.aborted) throw signal.reason;
    throw error instanceof AIStreamError ? error : readError(error);
  } finally {
    signal?.removeEventListener('abort', abort);
    controller.abort();
  }
}
