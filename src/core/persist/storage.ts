/**
 * Where chats are kept: any async key-value store. The kit ships two (`localStorageChats`,
 * `indexedDBChats`); a server-backed one implements the same four methods.
 *
 * Values are plain JSON-serialisable objects (the chat record). A method may throw or reject
 * (quota exceeded, private mode, SecurityError): the kit reports that once through `onError`
 * and the chat goes on in memory.
 */
export interface ChatStorage {
  /** The value stored under `key`, or undefined when there is none. */
  get(key: string): Promise<unknown>;
  set(key: string, value: unknown): Promise<void>;
  delete(key: string): Promise<void>;
  /** Every key this storage holds (what `useChatList` lists). Optional: without it, no list. */
  keys?(): Promise<string[]>;
}

export interface LocalStorageChatsOptions {
  /** Prepended to every key in `localStorage`, so chats do not collide with the app's own keys. Default 'ai-stream-kit:chat:'. */
  prefix?: string;
  /** Default `globalThis.localStorage`; `sessionStorage` works too. Read on first use. */
  storage?: () => Storage;
}

/**
 * Chats in `localStorage`, one JSON string per chat. Synchronous underneath (so a save on
 * `pagehide` lands), about 5 MB per origin: a long history fills it, then writes fail with a
 * quota error (reported once). For more, use `indexedDBChats()`.
 */
export function localStorageChats(options: LocalStorageChatsOptions = {}): ChatStorage {
  const prefix = options.prefix ?? 'ai-stream-kit:chat:';
  // Reading `localStorage` itself throws SecurityError where storage is blocked: inside the methods, so it rejects.
  const area = options.storage ?? (() => globalThis.localStorage);
  return {
    get: async (key) => {
      const text = area().getItem(prefix + key);
      return text === null ? undefined : (JSON.parse(text) as unknown);
    },
    set: async (key, value) => area().setItem(prefix + key, JSON.stringify(value)),
    delete: async (key) => area().removeItem(prefix + key),
    keys: async () => {
      const store = area();
      const keys: string[] = [];
      for (let i = 0; i < store.length; i++) {
        const key = store.key(i);
        if (key?.startsWith(prefix)) keys.push(key.slice(prefix.length));
      }
      return keys;
    },
  };
}
