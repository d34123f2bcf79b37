import { httpError } from '../core/transport';
import { decodeAnthropicEvent } from '../protocol/anthropic';
import { decodeBody } from '../protocol/decode-body';
import { detectJSONDialect } from '../protocol/detect-format';
import { decodeOllamaChunk } from '../protocol/ollama';
import { decodeOpenAIChatChunk } from '../protocol/openai-chat';
import { decodeOpenAIResponsesEvent } from '../protocol/openai-responses';
import type { StreamPart, WireFormat } from '../protocol/parts';

/**
 * A provider SDK stream: `openai` `chat.completions.create({ stream: true })` and
 * `responses.create({ stream: true })`, `@anthropic-ai/sdk` `messages.create({ stream: true })`
 * and `messages.stream()`. Their `controller` (or `abort()`) is used to cancel the request.
 */
export type ProviderStream = AsyncIterable<unknown> & { controller?: AbortController; abort?: () => void };

/** An SDK stream, or the raw fetch `Response` of a provider's streaming HTTP API. */
export type ProviderSource = ProviderStream | Response;

/** Provider events as batches of parts, and a way to stop the provider. */
export interface PartSource {
  batches: AsyncIterable<StreamPart[]>;
  /** Cancels the upstream request, also while a read is pending. */
  cancel(): void;
}

export type ItemDecoder = (item: unknown) => StreamPart[];

/** OpenAI: Responses API events have a `type`; Chat Completions chunks don't. */
export const decodeOpenAIItem: ItemDecoder = (item) =>
  typeof (item as { type?: unknown } | null)?.type === 'string'
    ? decodeOpenAIResponsesEvent(item)
    : decodeOpenAIChatChunk(item);

export const decodeAnthropicItem: ItemDecoder = (item) => decodeAnthropicEvent(item);

const PART_TYPES: ReadonlySet<string> = new Set([
  'text-delta',
  'reasoning-delta',
  'tool-call-start',
  'tool-call-delta',
  'tool-call-end',
  'usage',
  'finish',
  'metadata',
  'done',
]);

/** Any provider's objects (recognised by shape), or the kit's own `StreamPart`s as they are. */
export const decodeAnyItem: ItemDecoder = (item) => {
  const type = (item as { type?: unknown } | null)?.type;
  if (typeof type === 'string' && PART_TYPES.has(type)) return [item as StreamPart];
  switch (detectJSONDialect(item)) {
    case 'openai-responses':
      return decodeOpenAIResponsesEvent(item);
    case 'anthropic':
      return decodeAnthropicEvent(item);
    case 'ollama':
      return decodeOllamaChunk(item);
    default:
      return decodeOpenAIChatChunk(item);
  }
};

export interface PartSourceOptions {
  /** Decodes one SDK stream item. */
  decodeItem: ItemDecoder;
  /** Wire format of a raw `Response` body ('auto': from its Content-Type and first event). */
  bodyFormat: WireFormat | 'auto';
}

/**
 * A source, a promise of one (the SDK call itself, so that its rejection is streamed as an error
 * too), or a function making the call with the signal it is given: the only form whose request
 * can be aborted before the provider has answered (an SDK promise has no handle until then).
 */
export type SourceInput<T> = T | PromiseLike<T> | ((signal: AbortSignal) => T | PromiseLike<T>);

export function partSource(
  input: SourceInput<ProviderSource | AsyncIterable<unknown>>,
  options: PartSourceOptions,
  signal: AbortSignal,
): PartSource {
  // The call is only made for a client that is still there.
  if (typeof input === 'function') {
    if (signal.aborted) return { batches: (async function* () {})(), cancel() {} };
    input = input(signal);
  }
  const source = input;
  if (!isPromiseLike(source)) return settledPartSource(source, options);
  let inner: PartSource | undefined;
  let cancelled = false;
  return {
    batches: (async function* () {
      inner = settledPartSource(await source, options);
      if (cancelled) return inner.cancel();
      yield* inner.batches;
    })(),
    cancel() {
      cancelled = true;
      inner?.cancel();
    },
  };
}

function settledPartSource(source: ProviderSource | AsyncIterable<unknown>, options: PartSourceOptions): PartSource {
  return isResponse(source) ? responseParts(source, options.bodyFormat) : iterableParts(source, options.decodeItem);
}

function isPromiseLike<T>(value: T | PromiseLike<T>): value is PromiseLike<T> {
  return typeof (value as { then?: unknown } | null)?.then === 'function';
}

function isResponse(source: unknown): source is Response {
  return typeof Response !== 'undefined' && source instanceof Response;
}

function iterableParts(source: ProviderStream, decodeItem: ItemDecoder): PartSource {
  return {
    batches: (async function* () {
      for await (const item of source) yield decodeItem(item);
    })(),
    cancel() {
      // Aborting the SDK's controller also rejects a read that is waiting for the network.
      source.controller?.abort();
      if (typeof source.abort === 'function') source.abort();
    },
  };
}

function responseParts(response: Response, format: WireFormat | 'auto'): PartSource {
  // Our own reader, so cancel() can stop a pending read (the decoder holds its own lock otherwise).
  // Not for an error response: its body is read whole, for the provider's message.
  const reader = response.ok ? response.body?.getReader() : undefined;
  const body =
    reader &&
    new ReadableStream<Uint8Array>({
      async pull(controller) {
        const { done, value } = await reader.read();
        if (done) controller.close();
        else controller.enqueue(value);
      },
      cancel: (reason) => reader.cancel(reason),
    });
  return {
    batches: (async function* () {
      if (!response.ok) throw await httpError(response);
      if (!body) return;
      const contentType = response.headers.get('content-type');
      for await (const events of decodeBody(body, { protocol: format, contentType })) {
        yield events.flatMap((event) => event.parts);
      }
    })(),
    cancel() {
      if (reader) reader.cancel().catch(() => {});
      else response.body?.cancel().catch(() => {});
    },
  };
}
