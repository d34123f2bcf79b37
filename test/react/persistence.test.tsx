/**
 * useChatStream with `storage` (React 19 and 18): restore on mount with `isRestoring`, a save
 * after every finished reply, throttled saves while one streams, and useChatList.
 */
import { act, render, renderHook, screen, waitFor } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ChatRecord, ChatStorage } from '../../src/core';
import { localStorageChats } from '../../src/core';
import { messagesOf } from '../../src/core/persist/chat-record';
import { useChatList, useChatStream, type UseChatStreamResult } from '../../src/react';
import { respond, startServer, type TestServer } from '../helpers/server';
import { kitReply } from './kit-reply';

let server: TestServer;
beforeEach(async () => {
  server = await startServer();
  localStorage.clear();
});
afterEach(() => server.close());

/** localStorage underneath, counting writes. */
function countingStorage() {
  const inner = localStorageChats();
  const counts = { set: 0 };
  const storage: ChatStorage = { ...inner, set: (key, value) => (counts.set++, inner.set(key, value)) };
  return { storage, counts };
}

const saved = (id: string) => JSON.parse(localStorage.getItem(`ai-stream-kit:chat:${id}`) ?? 'null') as ChatRecord | null;

function Probe({ storage, id, probe }: { storage: ChatStorage; id: string; probe: { chat?: UseChatStreamResult; firstRender?: string } }) {
  const chat = useChatStream({ endpoint: server.url('/chat'), id, storage, throttle: 0, saveInterval: 100 });
  probe.chat = chat;
  probe.firstRender ??= `${chat.isRestoring}:${chat.messages.length}`;
  return (
    <div>
      <p data-testid="restoring">{String(chat.isRestoring)}</p>
      <ul>
        {chat.messages.map((m) => (
          <li key={m.id} data-testid={m.role}>
            {m.content}
          </li>
        ))}
      </ul>
    </div>
  );
}

describe('useChatStream({ storage, id })', () => {
  it('restores the saved chat on mount; isRestoring is true until it is back', async () => {
    const { storage } = countingStorage();
    await storage.set('r1', {
      version: 1,
      id: 'r1',
      updatedAt: 1,
      conversation: [
        { id: 'u', role: 'user', content: 'saved question', timestamp: 1 },
        { id: 'a', role: 'assistant', content: 'saved answer', timestamp: 2, status: 'complete' },
      ],
    });
    const probe: { chat?: UseChatStreamResult; firstRender?: string } = {};
    render(<Probe storage={storage} id="r1" probe={probe} />);
    expect(probe.firstRender).toBe('true:0');
    await waitFor(() => expect(screen.getByTestId('restoring').textContent).toBe('false'));
    expect(screen.getByTestId('user').textContent).toBe('saved question');
    expect(screen.getByTestId('assistant').textContent).toBe('saved answer');
  });

  it('a message sent while restoring waits for the restore and is added after the saved chat', async () => {
    server.reply(respond(kitReply(['new answer'])));
    const { storage } = countingStorage();
    await storage.set('r2', { version: 1, id: 'r2', updatedAt: 1, conversation: [{ id: 'u', role: 'user', content: 'old', timestamp: 1 }] });
    const probe: { chat?: UseChatStreamResult } = {};
    render(<Probe storage={storage} id="r2" probe={probe} />);
    await act(() => probe.chat!.send('new'));
    await waitFor(() => expect(probe.chat!.messages.map((m) => m.content)).toEqual(['old', 'new', 'new answer']));
  });

  it('saves after the reply finishes, and at most once per saveInterval while it streams', async () => {
    const tokens = Array.from({ length: 30 }, (_, i) => `t${i} `);
    server.reply(respond(kitReply(tokens, 15)));
    const { storage, counts } = countingStorage();
    const probe: { chat?: UseChatStreamResult } = {};
    render(<Probe storage={storage} id="s1" probe={probe} />);
    await waitFor(() => expect(probe.chat!.isRestoring).toBe(false));
    const started = Date.now();
    let midway: ChatRecord | null = null;
    await act(async () => {
      const done = probe.chat!.send('go');
      while (!midway?.resume) {
        await new Promise((resolve) => setTimeout(resolve, 10));
        midway = saved('s1');
      }
      await done;
    });
    const elapsed = Date.now() - started;
    // While streaming, the record carried what a reload needs to continue.
    expect(midway!.resume).toMatchObject({ lastEventId: expect.stringMatching(/^s1-\d+$/) });
    await waitFor(() => expect(saved('s1')?.resume).toBeUndefined());
    const final = saved('s1')!;
    expect(messagesOf(final.conversation).map((m) => [m.content, m.status])).toEqual([
      ['go', undefined],
      [tokens.join(''), 'complete'],
    ]);
    // 30 token events, each a change; the saves are bounded by time, not by tokens.
    expect(counts.set).toBeGreaterThanOrEqual(2);
    expect(counts.set).toBeLessThanOrEqual(Math.floor(elapsed / 100) + 4);
  });
});

describe('useChatList', () => {
  it('lists saved chats, refreshes when one is saved, renames and deletes', async () => {
    server.reply(respond(kitReply(['fine'])));
    const storage = localStorageChats();
    await storage.set('older', { version: 1, id: 'older', updatedAt: 1, conversation: [{ id: 'u', role: 'user', content: 'First chat', timestamp: 1 }] });
    const list = renderHook(() => useChatList({ storage }));
    await waitFor(() => expect(list.result.current.isLoading).toBe(false));
    expect(list.result.current.chats.map((c) => c.title)).toEqual(['First chat']);

    const id = list.result.current.create();
    const probe: { chat?: UseChatStreamResult } = {};
    render(<Probe storage={storage} id={id} probe={probe} />);
    await waitFor(() => expect(probe.chat!.isRestoring).toBe(false));
    await act(() => probe.chat!.send('How are you?'));
    await waitFor(() => expect(list.result.current.chats.map((c) => c.title)).toEqual(['How are you?', 'First chat']));

    await act(() => list.result.current.rename('older', 'Renamed'));
    await waitFor(() => expect(list.result.current.chats.map((c) => c.title)).toEqual(['Renamed', 'How are you?']));
    await act(() => list.result.current.remove('older'));
    await waitFor(() => expect(list.result.current.chats.map((c) => c.id)).toEqual([id]));
  });
});
