import type { StreamPart } from '../protocol/parts';
import { pumpParts } from './pump-parts';
import { decodeAnthropicItem, decodeAnyItem, decodeOpenAIItem, partSource, type ProviderSource, type SourceInput } from './provider-source';
import { StreamingResponse, type NodeResponseLike, type NodeStreamingOptions } from './streaming-response';

export interface PipeOptions extends NodeStreamingOptions {
  /** Which provider the source comes from. Default 'auto': recognised from each event's shape. */
  provider?: 'openai' | 'anthropic' | 'auto';
}

/**
 * Streams a provider stream (or your own `StreamPart`s) to a Node / Express response in the kit
 * protocol. `source` may also be the un-awaited SDK call: if it rejects (401, 429, ...), the
 * client gets the provider's message and code as an `error` event. Resolves when the response is over; never rejects (a provider error becomes an
 * `error` event followed by `done`). If the client leaves, the provider request is cancelled.
 */
export async function pipeToResponse(
  source: SourceInput<ProviderSource | AsyncIterable<StreamPart>>,
  res: NodeResponseLike,
  options: PipeOptions = {},
): Promise<void> {
  const { provider = 'auto', ...streamingOptions } = options;
  const stream = new StreamingResponse(res, streamingOptions);
  const decodeItem = provider === 'openai' ? decodeOpenAIItem : provider === 'anthropic' ? decodeAnthropicItem : decodeAnyItem;
  const bodyFormat = provider === 'anthropic' ? 'anthropic' : 'auto';
  await pumpParts(stream, partSource(source, { decodeItem, bodyFormat }));
}
