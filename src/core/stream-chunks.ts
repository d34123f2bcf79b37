import { AIStreamError, isAbortError, readError } from '../shared/errors';
import { createAssistantMessage } from './message';
import { reduceReply, startReply } from './reducer';
import { readReply } from './reply-reader';
import { httpError } from './http-error';
import type { StreamChunk, StreamChunksOptions, ToolCall } from './types';

/** Shared by every chunk of a reply without tool calls (chunks are read-only, like messages). */
const NO_TOOL_CALLS: ToolCall[] = Object.freeze([]) as unknown as ToolCall[];

/**
 * Reads a streaming response without AIStream: `for await (const chunk of streamChunks(res))`.
 * One chunk per decoded event, folded by the same reducer as AIStream. Throws AIStreamError:
 * 'http' for a non-OK response, 'server' for an error event, 'protocol' for undecodable input,
 * 'network' when the body breaks or ends before the reply finished. A fetch aborted by its own
 * AbortController throws that AbortError as it is (`error.name === 'AbortError'`). Leaving the
 * loop early cancels the body.
 *
 * Linear in the reply's length: each chunk's deltas come from its parts, never by slicing the
 * accumulated text (which would flatten the growing string on every chunk), and a token costs
 * one string concatenation, not a copy of the message.
 */
export function streamChunks(
  source: Response | ReadableStream<Uint8Array>,
  options: StreamChunksOptions = {},
): AsyncGenerator<StreamChunk, void, undefined> {
  return oneByOne(chunkBatches(source, options));
}

/**
 * Hands out the chunks of each batch one at a time. A chunk already at hand is returned as a
 * resolved promise: one microtask per event instead of an async generator's round trip, which
 * would cost more than decoding the event.
 */
function oneByOne(batches: AsyncGenerator<StreamChunk[], void, undefined>): AsyncGenerator<StreamChunk, void, undefined> {
  let batch: StreamChunk[] = [];
  let index = 0;
  const iterator = {
    next(): Promise<IteratorResult<StreamChunk, void>> {
      if (index < batch.length) return Promise.resolve({ value: batch[index++]!, done: false });
      return batches.next().then((result) => {
        if (result.done) return result;
        batch = result.value;
        index = 0;
        return iterator.next();
      });
    },
    // Once the caller ends the loop, chunks still at hand are not handed out.
    return: (value?: void | PromiseLike<void>) => ((batch = []), batches.return(value as void)),
    throw: (error?: unknown) => ((batch = []), batches.throw(error)),
    [Symbol.asyncIterator]: () => iterator,
  };
  return iterator as AsyncGenerator<StreamChunk, void, undefined>;
}

/** The work of streamChunks: one array of chunks per network chunk; its `finally` frees the body. */
async function* chunkBatches(
  source: Response | ReadableStream<Uint8Array>,
  options: StreamChunksOptions,
): AsyncGenerator<StreamChunk[], void, undefined> {
  const { signal, protocol, maxBufferSize } = options;
  const response = 'getReader' in source ? undefined : source;
  if (response && !response.ok) throw await httpError(response, signal);
  const body = response ? response.body : (source as ReadableStream<Uint8Array>);
  if (!body) throw new AIStreamError('protocol', 'The response has no body');

  // With a signal, read through our own pipe: aborting it cancels the body even while a read is
  // pending. Without one, decodeBody reads the body itself (and cancels it if the loop ends early).
  const controller = new AbortController();
  const abort = () => controller.abort(signal?.reason);
  signal?.addEventListener('abort', abort);
  if (signal?.aborted) abort();
  const piped = signal ? body.pipeThrough(new TransformStream<Uint8Array, Uint8Array>(), { signal: controller.signal }) : body;

  let state = startReply(createAssistantMessage(''));
  let finished = false;
  let role: string | undefined;
  /** The text so far, kept here rather than in `message`: no message copy per token. */
  let content = '';
  /** The current event's deltas. */
  let delta = '';
  let reasoningDelta = '';
  try {
    const contentType = response?.headers.get('content-type');
    yield* readReply<StreamChunk>(piped, { protocol, contentType, maxBufferSize }, {
      part(part) {
        if (part.type === 'text-delta') {
          delta += part.delta; // the reducer's text fold is this concatenation (below)
          return false;
        }
        if (part.type === 'reasoning-delta') reasoningDelta += part.delta;
        else if (part.type === 'role') role = part.role;
        state = reduceReply(state, part);
        return part.type === 'done'; // nothing after it counts
      },
      event({ parts, raw }) {
        content += delta;
        const { message } = state;
        const chunk: StreamChunk = {
          delta,
          content,
          reasoningDelta,
          reasoning: message.reasoning ?? '',
          role,
          finishReason: message.finishReason,
          toolCalls: message.toolCalls ?? NO_TOOL_CALLS,
          usage: message.usage,
          metadata: message.metadata,
          parts,
          raw,
        };
        delta = reasoningDelta = '';
        finished ||= message.finishReason !== undefined;
        return chunk;
      },
      finished: () => finished,
    });
  } catch (error) {
    if (signal?.aborted) throw signal.reason;
    // The fetch's own AbortController (seed 003's cancel button): the caller knows why.
    throw error instanceof AIStreamError || isAbortError(error) ? error : readError(error);
  } finally {
    signal?.removeEventListener('abort', abort);
    controller.abort();
  }
}
