import { AIStreamError, isAbortError, readError } from '../shared/errors';
import { createAssistantMessage } from './message';
import { reduceReply, startReply } from './reducer';
import { openReply } from './reply-reader';
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
  return oneByOne(() => openChunks(source, options));
}

/** The chunks of a reply, one array per network chunk, and what frees its body. */
interface ChunkBatches {
  /** The chunks of the next network chunk (possibly none), or undefined at the reply's end. */
  next(): Promise<StreamChunk[] | undefined>;
  /** Frees the body and drops the abort listener; safe to call more than once. */
  close(): void;
  /** What the loop throws for an error met while reading (see streamChunks). */
  mapError(error: unknown): unknown;
}

/**
 * Hands out the chunks of each batch one at a time, as an async generator would (nothing runs
 * before the first `next()`; `return()` and errors free the body). A chunk already at hand is
 * returned as a resolved promise: one microtask per event, and no async generator layer per
 * network chunk, whose round trips would cost more than decoding the events.
 */
function oneByOne(open: () => Promise<ChunkBatches>): AsyncGenerator<StreamChunk, void, undefined> {
  let batches: ChunkBatches | undefined;
  let batch: StreamChunk[] = [];
  let index = 0;
  let closed = false;
  /** The pull under way: a `next()` called meanwhile waits for it, so no chunk is skipped. */
  let pulling: Promise<unknown> | undefined;
  const close = () => {
    closed = true;
    batch = []; // once the caller ends the loop, chunks still at hand are not handed out
    batches?.close();
  };
  async function pull(): Promise<IteratorResult<StreamChunk, void>> {
    try {
      batches ??= await open();
      for (let items; (items = await batches.next()); ) {
        if (closed) break;
        if (!items.length) continue;
        batch = items;
        index = 1;
        return { value: items[0]!, done: false };
      }
    } catch (error) {
      close();
      throw batches ? batches.mapError(error) : error; // the response's own errors (HTTP, no body) are final
    }
    close();
    return { value: undefined, done: true };
  }
  const iterator = {
    next(): Promise<IteratorResult<StreamChunk, void>> {
      if (index < batch.length) return Promise.resolve({ value: batch[index++]!, done: false });
      if (pulling) return pulling.then(iterator.next, iterator.next);
      if (closed) return Promise.resolve({ value: undefined, done: true });
      const result = pull();
      pulling = result;
      const settled = () => (pulling = undefined);
      result.then(settled, settled);
      return result;
    },
    return: async (value?: void | PromiseLike<void>): Promise<IteratorResult<StreamChunk, void>> => {
      close();
      return { value: await value, done: true };
    },
    throw: async (error?: unknown): Promise<IteratorResult<StreamChunk, void>> => {
      // Like a generator: thrown in where it stopped, it goes through the loop's error mapping.
      const started = batches !== undefined && !closed;
      close();
      throw started ? batches!.mapError(error) : error;
    },
    [Symbol.asyncIterator]: () => iterator,
  };
  return iterator as AsyncGenerator<StreamChunk, void, undefined>;
}

/** The work of streamChunks: checks the response, then one array of chunks per network chunk. */
async function openChunks(source: Response | ReadableStream<Uint8Array>, options: StreamChunksOptions): Promise<ChunkBatches> {
  const { signal, protocol, maxBufferSize } = options;
  const response = 'getReader' in source ? undefined : source;
  if (response && !response.ok) throw await httpError(response, signal);
  const body = response ? response.body : (source as ReadableStream<Uint8Array>);
  if (!body) throw new AIStreamError('protocol', 'The response has no body');

  // With a signal, read through our own pipe: aborting it cancels the body even while a read is
  // pending. Without one, the reply reader reads the body itself (and cancels it if the loop ends early).
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
  const contentType = response?.headers.get('content-type');
  const reply = openReply<StreamChunk>(piped, { protocol, contentType, maxBufferSize }, {
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
  const mapError = (error: unknown): unknown => {
    if (signal?.aborted) return signal.reason;
    // The fetch's own AbortController (seed 003's cancel button): the caller knows why.
    return error instanceof AIStreamError || isAbortError(error) ? error : readError(error);
  };
  let open = true;
  return {
    next: reply.next,
    close() {
      if (!open) return;
      open = false;
      reply.cancel();
      signal?.removeEventListener('abort', abort);
      controller.abort();
    },
    mapError,
  };
}
