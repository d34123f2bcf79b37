import type { AIStream } from '../core/ai-stream';
import { AIStreamError } from '../core/errors';
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

type Options = { readonly current: StreamConfig & ChatPersistenceOptions };

/**
 * Loads the persistence code (its own chunk: apps without `storage` never fetch it) and attaches
 * it to the stream. Storage failures, the chunk's included, go to the live `onError`.
 */
export function startPersistence(stream: AIStream, id: string | undefined, options: Options): HeldPersistence | undefined {
  const { storage, resume, saveInterval, migrate } = options.current;
  if (!storage) return undefined;
  if (id === undefined) throw new AIStreamError('invalid', 'The storage option needs an id: the key the chat is saved under');
  const onError = (error: AIStreamError) => options.current.onError?.(error);
  const persisted = import('../core/persist/persist-chat').then(({ persistChat }) =>
    persistChat(stream, { storage, id, resume, saveInterval, migrate, onError }),
  );
  const held: HeldPersistence = {
    restored: false,
    whenRestored: persisted
      .then((chat) => chat.restored)
      .catch((error: unknown) => onError(new AIStreamError('storage', 'Could not load the chat storage code', { cause: error })))
      .finally(() => {
        held.restored = true;
      }),
    detach: () => void persisted.then((chat) => chat.detach()).catch(() => {}),
  };
  return held;
}
