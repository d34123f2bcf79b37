// @vitest-environment jsdom
/**
 * The storage adapters (localStorage in jsdom, IndexedDB through idb-keyval on fake-indexeddb;
 * real Chromium's IndexedDB is covered by test/e2e/persist-reload.test.ts), and storage failures:
 * quota, SecurityError, damaged and unknown records are reported once and never break the chat.
 */
import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AIStream, AIStreamError, indexedDBChats, listChats, localStorageChats, persistChat, renameChat, deleteChat, type ChatStorage } from '../../src/core';
import { messagesOf } from '../../src/core/persist/chat-record';
import { takeUnloadCopy } from '../../src/core/persist/unload-copy';
import { kitReply } from '../helpers/fixtures';
import { respond, startServer, type TestServer } from '../helpers/server';

let server: TestServer;
beforeEach(async () => {
  server = await startServer();
  localStorage.clear();
  sessionStorage.clear();
});
afterEach(() => server.close());

const record = (id: string, content: string, updatedAt: number) => ({
  version: 1,
  id,
  updatedAt,
  conversation: [{ id: `u-${id}`, role: 'user', content, timestamp: 1 }],
});

const adapters: Record<string, () => ChatStorage> = {
  localStorage: () => localStorageChats({ prefix: `t${Math.random()}:` }),
  'IndexedDB (idb-keyval)': () => indexedDBChats({ database: `t${Math.random()}` }),
};

for (const [name, create] of Object.entries(adapters)) {
  describe(`${name} adapter`, () => {
    it('stores, reads, lists and deletes JSON records by key', async () => {
      const storage = create();
      expect(await storage.get('a')).toBeUndefined();
      await storage.set('a', record('a', 'first question', 1));
      await storage.set('b', record('b', 'second question', 2));
      expect(await storage.get('a')).toEqual(record('a', 'first question', 1));
      expect((await storage.keys!()).sort()).toEqual(['a', 'b']);
      await storage.delete('a');
      expect(await storage.keys!()).toEqual(['b']);
    });

    it('lists chats newest first with titles; rename and delete', async () => {
      const storage = create();
      await storage.set('old', record('old', 'How do I   stream?', 10));
      await storage.set('new', record('new', 'Second chat', 20));
      await storage.set('broken', { version: 1, conversation: 'nope' });
      const { chats, unreadable } = await listChats(storage);
      expect(chats).toEqual([
        { id: 'new', title: 'Second chat', updatedAt: 20 },
        { id: 'old', title: 'How do I stream?', updatedAt: 10 },
      ]);
      expect(unreadable).toEqual(['broken']);
      await renameChat(storage, 'old', 'Streaming');
      await deleteChat(storage, 'new');
      expect((await listChats(storage)).chats.map((c) => [c.id, c.title])).toEqual([['old', 'Streaming']]);
    });

    it('saves a chat after its reply and restores it in a new stream', async () => {
      server.reply(respond(kitReply(['Hi', ' there'])));
      const storage = create();
      const a = new AIStream({ endpoint: server.url('/chat') });
      const persisted = persistChat(a, { storage, id: 'chat' });
      await persisted.restored;
      await a.send('hello');
      await persisted.flush();
      const b = new AIStream({ endpoint: server.url('/chat') });
      await persistChat(b, { storage, id: 'chat' }).restored;
      expect(b.getMessages().map((m) => [m.role, m.content, m.status])).toEqual([
        ['user', 'hello', undefined],
        ['assistant', 'Hi there', 'complete'],
      ]);
    });
  });
}

describe('deleting the open chat', () => {
  /** A storage whose reads can be held after they have read (a slow IndexedDB transaction). */
  function slowReads(inner: ChatStorage) {
    let gate: Promise<void> | undefined;
    let open = () => {};
    let arrived = () => {};
    const storage: ChatStorage = {
      ...inner,
      get: async (key) => {
        const value = await inner.get(key);
        if (gate) arrived();
        await gate;
        return value;
      },
    };
    return {
      storage,
      /** Holds the next reads; resolves when one has read and waits. */
      hold: () => {
        gate = new Promise((resolve) => (open = resolve));
        return new Promise<void>((resolve) => (arrived = resolve));
      },
      release: () => {
        gate = undefined;
        open();
      },
    };
  }

  for (const [name, create] of Object.entries(adapters)) {
    it(`wins over the last save still reading when it is deleted (${name})`, async () => {
      server.reply(respond(kitReply(['saved'])));
      const { storage, hold, release } = slowReads(create());
      const stream = new AIStream({ endpoint: server.url('/chat') });
      const persisted = persistChat(stream, { storage, id: 'c', saveInterval: 0 });
      await persisted.restored;
      await stream.send('keep me?');
      await persisted.flush();
      expect(await storage.get('c')).toBeDefined();
      // A last change, then the chat closes (its final save starts) and the list deletes it.
      stream.setMessages((messages) => [...messages, { id: 'late', role: 'user', content: 'late', timestamp: 2 }]);
      const reading = hold();
      const detached = persisted.detach();
      await reading; // the save has read the record (still there) and goes on to write it
      const deleted = deleteChat(storage, 'c');
      release();
      await Promise.all([detached, deleted]);
      expect(await storage.get('c')).toBeUndefined();
      expect(await storage.keys!()).toEqual([]);
      // Opened again on purpose (same id): saved again.
      const again = persistChat(stream, { storage, id: 'c', saveInterval: 0 });
      await again.restored;
      stream.setMessages((messages) => [...messages, { id: 'later', role: 'user', content: 'later', timestamp: 3 }]);
      await again.flush();
      expect(await storage.keys!()).toEqual(['c']);
      await again.detach();
    });
  }
});

describe('a reload after an unload that lost its IndexedDB write', () => {
  it('restores the newer copy the page left in sessionStorage, and writes it back', async () => {
    server.reply(respond(kitReply(['first answer'])));
    const inner = indexedDBChats({ database: `t${Math.random()}` });
    let unloading = false; // the browser aborts IndexedDB transactions of a page going away
    const storage: ChatStorage = { ...inner, set: (key, value) => (unloading ? Promise.resolve() : inner.set(key, value)) };
    const before = new AIStream({ endpoint: server.url('/chat') });
    const old = persistChat(before, { storage, id: 'u1', saveInterval: 0 });
    await old.restored;
    await before.send('question');
    await old.flush();
    // A change the page had not saved yet when it went away.
    before.setMessages((messages) => [...messages, { id: 'late', role: 'user', content: 'typed just before reload', timestamp: Date.now() + 1 }]);
    unloading = true;
    globalThis.dispatchEvent(new Event('pagehide'));
    await old.detach();
    unloading = false;
    const savedMessages = async () => messagesOf(((await storage.get('u1')) as { conversation: unknown }).conversation).map((m) => m.content);
    expect(await savedMessages()).toEqual(['question', 'first answer']); // the write was lost

    const after = new AIStream({ endpoint: server.url('/chat') });
    const reloaded = persistChat(after, { storage, id: 'u1', saveInterval: 0 });
    await reloaded.restored;
    expect(after.getMessages().map((m) => m.content)).toEqual(['question', 'first answer', 'typed just before reload']);
    await reloaded.flush();
    expect(await savedMessages()).toEqual(['question', 'first answer', 'typed just before reload']);
    expect(sessionStorage.length).toBe(0);
    await reloaded.detach();
  });

  it('uses the copy when it was taken in the same millisecond as the last save', () => {
    sessionStorage.setItem('ai-stream-kit:unload:same', JSON.stringify(record('same', 'typed at pagehide', 7)));
    expect(takeUnloadCopy('same', record('same', 'last save', 7))).toMatchObject({ updatedAt: 7 });
    expect(sessionStorage.length).toBe(0);
  });

  it('never brings back a chat deleted since, nor replaces a newer save', async () => {
    const storage = localStorageChats({ prefix: `t${Math.random()}:` });
    sessionStorage.setItem('ai-stream-kit:unload:gone', JSON.stringify(record('gone', 'deleted chat', 5)));
    sessionStorage.setItem('ai-stream-kit:unload:newer', JSON.stringify(record('newer', 'older copy', 5)));
    await storage.set('newer', record('newer', 'saved later in another tab', 9));
    const gone = new AIStream({ endpoint: server.url('/chat') });
    await persistChat(gone, { storage, id: 'gone' }).restored;
    expect(gone.getMessages()).toEqual([]);
    expect(await storage.get('gone')).toBeUndefined();
    const newer = new AIStream({ endpoint: server.url('/chat') });
    await persistChat(newer, { storage, id: 'newer' }).restored;
    expect(newer.getMessages().map((m) => m.content)).toEqual(['saved later in another tab']);
    expect(sessionStorage.length).toBe(0);
  });
});

describe('storage failures never break the chat', () => {
  it('a full storage (QuotaExceededError on every write) is reported once; the reply completes', async () => {
    server.reply(respond(kitReply(['a', 'b', 'c', 'd', 'e', 'f'].flatMap((t) => [t]))));
    let writes = 0;
    const storage = localStorageChats({
      storage: () =>
        new Proxy(localStorage, {
          get(target, key) {
            if (key === 'setItem') return () => {
              writes++;
              throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
            };
            const value = Reflect.get(target, key) as unknown;
            return typeof value === 'function' ? (value as () => unknown).bind(target) : value;
          },
        }),
    });
    const errors: AIStreamError[] = [];
    const stream = new AIStream({ endpoint: server.url('/chat') });
    const persisted = persistChat(stream, { storage, id: 'c', onError: (error) => errors.push(error), saveInterval: 0 });
    await persisted.restored;
    await stream.send('one');
    await persisted.flush();
    await stream.send('two');
    await persisted.flush();
    expect(writes).toBeGreaterThanOrEqual(2);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toBeInstanceOf(AIStreamError);
    expect(errors[0]!.code).toBe('storage');
    expect(errors[0]!.message).toMatch(/Could not save the chat "c": QuotaExceededError: The quota has been exceeded/);
    expect(stream.getMessages().map((m) => m.content)).toEqual(['one', 'abcdef', 'two', 'abcdef']);
    expect(stream.getStatus()).toBe('idle');
  });

  it('storage blocked (SecurityError reading localStorage) is reported once; the chat works in memory', async () => {
    server.reply(respond(kitReply(['ok'])));
    const storage = localStorageChats({
      storage: () => {
        throw new DOMException('The operation is insecure.', 'SecurityError');
      },
    });
    const errors: AIStreamError[] = [];
    const stream = new AIStream({ endpoint: server.url('/chat') });
    const persisted = persistChat(stream, { storage, id: 'c', onError: (error) => errors.push(error) });
    await persisted.restored;
    await stream.send('hi');
    await persisted.flush();
    expect(errors.map((e) => [e.code, e.message])).toEqual([['storage', 'Could not read the saved chat "c": SecurityError: The operation is insecure.']]);
    expect(stream.getMessages()[1]!.content).toBe('ok');
  });

  it('a damaged record and an unknown version are reported, not restored; migrate reads an old one', async () => {
    const storage = localStorageChats();
    localStorage.setItem('ai-stream-kit:chat:bad', '{not json');
    await storage.set('future', { version: 2, stuff: [] });
    const errors: string[] = [];
    for (const id of ['bad', 'future']) {
      const stream = new AIStream({ endpoint: server.url('/chat') });
      await persistChat(stream, { storage, id, onError: (error) => errors.push(`${error.code}: ${error.message}`) }).restored;
      expect(stream.getMessages()).toEqual([]);
    }
    expect(errors[0]).toMatch(/^storage: Could not read the saved chat "bad"/);
    expect(errors[1]).toBe('storage: The saved chat "future" has version 2, which this version cannot read (pass a migrate function)');

    const stream = new AIStream({ endpoint: server.url('/chat') });
    const migrate = (old: unknown) => {
      const { stuff } = old as { stuff: string[] };
      return { version: 1 as const, id: 'future', updatedAt: 5, conversation: stuff.map((content, i) => ({ id: `m${i}`, role: 'user' as const, content, timestamp: 0 })) };
    };
    await storage.set('future', { version: 2, stuff: ['kept'] });
    await persistChat(stream, { storage, id: 'future', migrate }).restored;
    expect(stream.getMessages().map((m) => m.content)).toEqual(['kept']);
  });
});

describe('branch trees (getConversation) in records', () => {
  it('lists a tree record by the first message of its active path', async () => {
    const storage = localStorageChats();
    const message = (id: string, role: 'user' | 'assistant', content: string) => ({ message: { id, role, content, timestamp: 1 }, parent: '' });
    await storage.set('tree', {
      version: 1,
      id: 'tree',
      updatedAt: 3,
      conversation: {
        version: 1,
        nodes: { u1: message('u1', 'user', 'Old question'), u2: message('u2', 'user', 'Edited question'), a2: { ...message('a2', 'assistant', 'answer'), parent: 'u2' } },
        children: { '': ['u1', 'u2'], u2: ['a2'] },
        active: { '': 'u2', u2: 'a2' },
      },
    });
    expect((await listChats(storage)).chats).toEqual([{ id: 'tree', title: 'Edited question', updatedAt: 3 }]);
  });
});
