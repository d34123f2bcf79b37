import type { AIStream } from '../core/ai-stream';
import { AIStreamError } from '../shared/errors';
import type { ChatRecordMigration } from '../core/persist/chat-record';
import type { ChatStorage } from '../core/persist/storage';
import type { StreamConfig } from '../core/types';

/** The hooks' persistence options (with `id`); see docs/persistence.md. */
export interface ChatPersistenceOptions {
  /** Keeps the chat under its `id` (`localStorageChats()`, `indexedDBChats()`, or your own). Needs `id`. */
  storage?: ChatStorage;
  /** With `storage`: continue a reply that was streaming when the page went away. Default true. */
  resume?: boolean;
  /** With `storage`: least milliseconds between saves while a reply streams. Default 1000. */
  saveInterval?: number;
  /** With `storage`: reads a saved record of another version. */
  migrate?: ChatRecordMigration;
}

/** A chat's persistence as the registry holds it. */
export interface HeldPersistence {
  /** False until the saved chat is back (or known absent). */
  restored: boolean;
  /** Resolves when `restored` turns true. */
  whenRestored: Promise<void>;
  /** Stops saving (after a last save). */
  detach(): void;
}

export type PersistenceOptionsRef = { readonly current: StreamConfig & ChatPersistenceOptions };

/**
 * With `storage`: loads the persistence code (its own chunk, so apps without storage never fetch
 * it) and attaches it to the stream.
 */
export function startPersistence(stream: AIStream, id: string | undefined, options: PersistenceOptionsRef): HeldPersistence | undefined {
  if (!options.current.storage) return;
  if (id === undefined) throw new AIStreamError('invalid', 'storage needs an id');
  const attached = import('./attach-storage').then((code) => code.attachStorage(stream, id, options));
  const held: HeldPersistence = {
    restored: false,
    whenRestored: attached.then((chat) => chat.restored, (error: unknown) => options.current.onError?.(new AIStreamError('storage', String(error), { cause: error }))).finally(() => {
      held.restored = true;
    }),
    detach: () => void attached.then((chat) => chat.detach(), () => {}),
  };
  return held;
}
