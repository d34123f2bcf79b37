import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { AIStreamError, errorText } from '../shared/errors';
import type { ChatRecordMigration } from '../core/persist/chat-record';
import { deleteChat, listChats, newChatId, renameChat, type ChatSummary } from '../core/persist/chat-list';
import { onChatSaved } from '../core/persist/saved-signal';
import type { ChatStorage } from '../core/persist/storage';
import { useLatest } from './use-latest';

export interface UseChatListOptions {
  /** The storage the chats are saved in (the same one `useChatStream` gets). It needs `keys()`. */
  storage: ChatStorage;
  migrate?: ChatRecordMigration;
  /** Storage failures (code 'storage'); they also land in `error`. */
  onError?: (error: AIStreamError) => void;
}

export interface UseChatListResult {
  /** Newest first. */
  chats: readonly ChatSummary[];
  /** True until the first listing is in. */
  isLoading: boolean;
  /** The last storage failure, cleared by the next successful listing. */
  error: AIStreamError | undefined;
  rename: (id: string, title: string) => Promise<void>;
  /** Deletes the saved chat. Switch away from it first if it is open (its next save would be skipped). */
  remove: (id: string) => Promise<void>;
  /** A fresh chat id to pass to `useChatStream({ id })`; the chat is saved with its first message. */
  create: () => string;
  /** Lists again (saves in this page and, for localStorage, in other tabs refresh it already). */
  refresh: () => Promise<void>;
}

/** The chats kept in a storage, with rename, delete and new chat. Works with any `ChatStorage` that has `keys()`. */
export function useChatList(options: UseChatListOptions): UseChatListResult {
  const { storage, migrate } = options;
  const latest = useLatest(options);
  const [chats, setChats] = useState<readonly ChatSummary[]>([]);
  const [isLoading, setLoading] = useState(true);
  const [error, setError] = useState<AIStreamError>();
  const generation = useRef(0);

  const fail = useCallback(
    (what: string, cause: unknown) => {
      const failure = new AIStreamError('storage', `${what}: ${errorText(cause)}`, { cause });
      setError(failure);
      latest.current.onError?.(failure);
    },
    [latest],
  );

  const refresh = useCallback(async () => {
    const mine = ++generation.current; // a slow listing never overwrites a newer one
    try {
      const { chats: listed } = await listChats(storage, migrate);
      if (mine !== generation.current) return;
      setChats(listed);
      setError(undefined);
    } catch (cause) {
      if (mine === generation.current) fail('Could not list the saved chats', cause);
    } finally {
      if (mine === generation.current) setLoading(false);
    }
  }, [storage, migrate, fail]);

  useEffect(() => {
    void refresh();
    const stopListening = onChatSaved(() => void refresh());
    // Another tab wrote localStorage.
    const onStorage = () => void refresh();
    globalThis.addEventListener?.('storage', onStorage);
    return () => {
      // Deliberately the live counter: any listing still running is made stale.
      // eslint-disable-next-line react-hooks/exhaustive-deps
      generation.current++;
      stopListening();
      globalThis.removeEventListener?.('storage', onStorage);
    };
  }, [refresh]);

  const rename = useCallback(
    (id: string, title: string) => renameChat(storage, id, title, migrate).catch((cause: unknown) => fail(`Could not rename the chat "${id}"`, cause)),
    [storage, migrate, fail],
  );
  const remove = useCallback(
    (id: string) => deleteChat(storage, id).catch((cause: unknown) => fail(`Could not delete the chat "${id}"`, cause)),
    [storage, fail],
  );
  return useMemo(() => ({ chats, isLoading, error, rename, remove, create: newChatId, refresh }), [chats, isLoading, error, rename, remove, refresh]);
}
