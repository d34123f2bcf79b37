import type { ChatStorage } from './storage';

export interface IndexedDBChatsOptions {
  /** Database name. Default 'ai-stream-kit'. */
  database?: string;
  /** Object store name. Default 'chats'. */
  store?: string;
}

type IdbKeyval = typeof import('idb-keyval');
type KeyvalStore = ReturnType<IdbKeyval['createStore']>;

/**
 * Chats in IndexedDB through `idb-keyval` (an optional peer: `npm install idb-keyval`), loaded
 * with the first read or write, so an app pays for it only when it keeps chats there. Values are
 * stored as structured clones (no JSON round trip); quota is far larger than localStorage's.
 */
export function indexedDBChats(options: IndexedDBChatsOptions = {}): ChatStorage {
  let opened: Promise<{ idb: IdbKeyval; store: KeyvalStore }> | undefined;
  const open = () =>
    (opened ??= import('idb-keyval').then((idb) => ({
      idb,
      store: idb.createStore(options.database ?? 'ai-stream-kit', options.store ?? 'chats'),
    })));
  // A failed open (blocked IndexedDB, missing package) is tried again on the next call.
  const use = async <T>(run: (idb: IdbKeyval, store: KeyvalStore) => Promise<T>): Promise<T> => {
    try {
      const { idb, store } = await open();
      return await run(idb, store);
    } catch (error) {
      opened = undefined;
      throw error;
    }
  };
  return {
    get: (key) => use((idb, store) => idb.get(key, store)),
    set: (key, value) => use((idb, store) => idb.set(key, value, store)),
    delete: (key) => use((idb, store) => idb.del(key, store)),
    keys: () => use(async (idb, store) => (await idb.keys(store)).map(String)),
  };
}
