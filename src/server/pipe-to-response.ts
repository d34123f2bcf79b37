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
 * protocol. `source` may also be the un-awaited SDK call, or best a function making the call with
 * the signal it is given (`(signal) => openai.chat.completions.create({ ... }, { signal })`):
 * then a client that leaves before the provider has answered aborts the request at once. A
 * failed call (401, 429, ...) reaches the client as a masked `error` event (the provider's code
 * and status, not its message; the error itself goes to `onError`). Resolves when the response
 * is over; never rejects. If the client leaves, the provider request is cancelled.
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
  await pumpParts(stream, partSource(source, { decodeItem, bodyFormat }, stream.signal));
}
