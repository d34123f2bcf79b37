import { pumpParts } from '../pump-parts';
import { decodeAnthropicItem, partSource, type ProviderSource, type SourceInput } from '../provider-source';
import type { StreamingOptions } from '../types';
import { WebStreamingResponse } from '../web-streaming-response';

/**
 * Turns an Anthropic Messages stream into a kit-protocol body: `new Response(AnthropicAdapter(stream), { headers: kitResponseHeaders() })`.
 *
 * `source`: the `@anthropic-ai/sdk` `messages.create({ stream: true })` (awaited or not: a
 * rejected call is streamed as an `error` event) or `messages.stream()` result, or the raw fetch
 * `Response` of the Messages API. A function `(signal) => call(..., { signal })` is called
 * with the stream's signal, so a client that leaves before the provider has answered aborts the
 * request at once. Text, thinking, tool calls, stop reason, usage (input from `message_start`, output from `message_delta`), model and message id
 * all come through. Cancelling the returned stream cancels the Anthropic request.
 */
export function AnthropicAdapter(source: SourceInput<ProviderSource>, options: StreamingOptions = {}): ReadableStream<Uint8Array> {
  const stream = new WebStreamingResponse(options);
  void pumpParts(stream, partSource(source, { decodeItem: decodeAnthropicItem, bodyFormat: 'anthropic' }, stream.signal));
  return stream.readable;
}
