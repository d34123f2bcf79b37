import { openBatches, type DecodedEvent, type DecodeOptions } from '../protocol/decode-body';
import type { StreamPart } from '../protocol/parts';
import { droppedError, serverError } from '../shared/errors';

/**
 * How one reader of reply bodies folds what is decoded. AIStream folds into its message and
 * hands out nothing; streamChunks folds into its chunk state and hands out one chunk per event.
 */
export interface ReplyFolder<Item> {
  /** Before an event's parts (AIStream decides between resuming and restarting here). */
  begin?(event: DecodedEvent): void;
  /** Folds one part (never an `error`: that ends the reply). True stops reading: `done`, or the reader's owner is gone. */
  part(part: StreamPart): boolean;
  /**
   * After a network chunk's events (or the events before an `error`), before anything is handed
   * out: parts the folder held back must be in its state now.
   */
  flush?(): void;
  /** After an event's parts: what to hand out for it, or undefined for nothing. */
  event(event: DecodedEvent): Item | undefined;
  /** Whether the reply has finished (a `finish` arrived), so a body that ends without `done` is complete. */
  finished(): boolean;
}

/**
 * The one loop that turns a reply body into state, shared by AIStream and streamChunks: decodes
 * the body (decodeBody), folds every part, and yields once per network chunk what the folder
 * handed out for its events. The reply ends
 * - at `done` (nothing after it counts);
 * - at an `error` part: the events before it are yielded first, then AIStreamError('server') is thrown;
 * - when the body ends: complete if the folder says it finished, else the connection dropped
 *   ('network', retryable);
 * Errors from the body itself (a reset socket, an abort) pass as they are: the caller knows
 * whether it aborted and maps the rest with `readError`. Stopping the iteration cancels the body.
 */
export async function* readReply<Item>(
  body: ReadableStream<Uint8Array>,
  options: DecodeOptions,
  folder: ReplyFolder<Item>,
): AsyncGenerator<Item[], void, undefined> {
  // The batches are pulled directly, not through decodeBody's generator: one async layer less per network chunk.
  const batches = openBatches(body, options);
  try {
    for (let batch; (batch = await batches.next()); ) {
      const items: Item[] = [];
      for (const event of batch) {
        folder.begin?.(event);
        const { parts } = event;
        let stop = false;
        for (let i = 0; i < parts.length && !stop; i++) {
          const part = parts[i]!;
          if (part.type === 'error') {
            folder.flush?.();
            if (items.length) yield items; // the events before the error are the caller's
            throw serverError(part);
          }
          stop = folder.part(part);
        }
        const item = folder.event(event);
        if (item !== undefined) items.push(item);
        if (stop) {
          folder.flush?.();
          return yield items;
        }
      }
      folder.flush?.();
      yield items;
    }
    if (!folder.finished()) throw droppedError();
  } finally {
    batches.cancel(); // stopping the iteration (or a failure) frees the body, as decodeBody does
  }
}
