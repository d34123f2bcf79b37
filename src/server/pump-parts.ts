import type { ToolCallKey } from '../protocol/parts';
import type { KitStreamWriter } from './kit-stream-writer';
import type { PartSource } from './provider-source';

/**
 * Moves decoded provider parts into a kit stream at the client's pace (`await ready()` per
 * batch). Ends with `done` however the provider ends: its own end, a thrown error (→ `error`
 * + `done`), or the client going away (→ the provider is cancelled). Never rejects.
 */
export async function pumpParts(writer: KitStreamWriter, source: PartSource): Promise<void> {
  const cancel = () => source.cancel();
  if (writer.signal.aborted) return cancel();
  writer.signal.addEventListener('abort', cancel, { once: true });
  // Anthropic closes every content block; only tool-call blocks mean anything to the client.
  const toolCalls = new Set<ToolCallKey>();
  writer.start();
  try {
    read: for await (const parts of source.batches) {
      for (const part of parts) {
        if (part.type === 'tool-call-start') toolCalls.add(part.key);
        else if (part.type === 'tool-call-end' && !toolCalls.has(part.key)) continue;
        else if (part.type === 'done') break read;
        // sendPart masks an `error` part, like every provider report.
        writer.sendPart(part);
      }
      if (!writer.isStreamActive()) break;
      await writer.ready();
    }
    writer.end();
  } catch (error) {
    // Does nothing when the stream already ended because the client left.
    writer.abort(error);
  } finally {
    writer.signal.removeEventListener('abort', cancel);
  }
}
