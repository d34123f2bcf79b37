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

/** What the reply reader hands out, pulled batch by batch: no async generator layer per network chunk. */
export interface ItemBatches<Item> {
  /**
   * What the folder handed out for the events of the next network chunk (possibly nothing), or
   * undefined once the reply has ended. Not called again after it threw.
   */
  next(): Promise<Item[] | undefined>;
  /** Frees the body (see EventBatches.cancel). */
  cancel(): void;
}

/**
 * The one loop that turns a reply body into state, shared by AIStream and streamChunks: decodes
 * the body (decodeBody), folds every part, and hands out once per network chunk what the folder
 * handed out for its events. The reply ends
 * - at `done` (nothing after it counts);
 * - at an `error` part: the events before it are handed out first, then AIStreamError('server') is thrown;
 * - when the body ends: complete if the folder says it finished, else the connection dropped
 *   ('network', retryable);
 * Errors from the body itself (a reset socket, an abort) pass as they are: the caller knows
 * whether it aborted and maps the rest with `readError`. The caller must cancel() when it stops,
 * however it stops: that frees the body.
 */
export function openReply<Item>(body: ReadableStream<Uint8Array>, options: DecodeOptions, folder: ReplyFolder<Item>): ItemBatches<Item> {
  // The batches are pulled directly, not through decodeBody's generator: one async layer less per network chunk.
  const batches = openBatches(body, options);
  /** The reply has ended: `true`, or the failure of an `error` part (thrown once the events before it are out). */
  let end: true | Error | undefined;
  async function next(): Promise<Item[] | undefined> {
    if (end) {
      if (end === true) return undefined;
      throw end;
    }
    const batch = await batches.next();
    if (!batch) {
      end = true;
      if (!folder.finished()) throw droppedError();
      return undefined;
    }
    const items: Item[] = [];
    for (const event of batch) {
      folder.begin?.(event);
      for (const part of event.parts) {
        if (part.type === 'error') end = serverError(part);
        else if (folder.part(part)) end = true;
        if (end) break;
      }
      if (end instanceof Error) break; // the events before the error are the caller's
      const item = folder.event(event);
      if (item !== undefined) items.push(item);
      if (end) break;
    }
    folder.flush?.();
    if (end instanceof Error && !items.length) throw end;
    return items;
  }
  return { next, cancel: batches.cancel };
}
