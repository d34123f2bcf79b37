import { pumpParts } from '../pump-parts';
import { decodeOpenAIItem, partSource, type ProviderSource, type SourceInput } from '../provider-source';
import type { StreamingOptions } from '../types';
import { WebStreamingResponse } from '../web-streaming-response';

/**
 * Turns an OpenAI stream into a kit-protocol body: `new Response(OpenAIAdapter(stream), { headers: kitResponseHeaders() })`.
 *
 * `source`: the `openai` SDK's `chat.completions.create({ stream: true })` or
 * `responses.create({ stream: true })` result (awaited or not: a rejected call is streamed as an
 * `error` event), or the raw fetch `Response` of either HTTP API.
 * A function `(signal) => call(..., { signal })` is called with the stream's signal, so a
 * client that leaves before the provider has answered aborts the request at once.
 * Text, reasoning, tool calls, finish reason, usage (`stream_options.include_usage`), model and
 * id all come through. Cancelling the returned stream cancels the OpenAI request.
 */
export function OpenAIAdapter(source: SourceInput<ProviderSource>, options: StreamingOptions = {}): ReadableStream<Uint8Array> {
  const stream = new WebStreamingResponse(options);
  void pumpParts(stream, partSource(source, { decodeItem: decodeOpenAIItem, bodyFormat: 'auto' }, stream.signal));
  return stream.readable;
}
