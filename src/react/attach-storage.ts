import type { AIStream } from '../core/ai-stream';
import { persistChat, type PersistedChat } from '../core/persist/persist-chat';
import type { PersistenceOptionsRef } from './persistence';

/** The hooks' side of persistChat (in the lazily loaded chunk): the latest options of a live component apply. */
export function attachStorage(stream: AIStream, id: string, options: PersistenceOptionsRef): PersistedChat {
  const { storage, resume, saveInterval, migrate } = options.current;
  return persistChat(stream, { storage: storage!, id, resume, saveInterval, migrate, onError: (error) => options.current.onError?.(error) });
}
