import { act, render, screen, waitFor } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { AIStreamError } from '../../src/core';
import { useChatStream, type UseChatStreamResult } from '../../src/react';
import { respond, startServer, type Handler, type TestServer } from '../helpers/server';
import { kitReply } from './kit-reply';

let server: TestServer;
let replies = 0;
/** Answers "re: <last user message> #<n>". */
const echo: Handler = (req, res, request) => {
  const { messages } = request.body as { messages: { role: string; content: string }[] };
  return respond(kitReply([`re: ${messages.at(-1)!.content} #${++replies}`]))(req, res, request);
};
beforeEach(async () => {
  replies = 0;
  server = await startServer();
  server.reply(echo);
});
afterEach(() => server.close());

/** Renders the active path with each message's "index/count", like a branch picker would. */
function mount(onError?: (error: AIStreamError) => void) {
  const probe = { chat: undefined as unknown as UseChatStreamResult, actions: [] as unknown[] };
  function Probe() {
    const chat = useChatStream({ endpoint: server.url('/chat'), throttle: 0, onError });
    probe.chat = chat;
    probe.actions.push(chat.editMessage, chat.regenerate, chat.getBranches, chat.switchBranch);
    return (
      <ul>
        {chat.messages.map((m) => {
          const { index, count } = chat.getBranches(m.id);
          return (
            <li key={m.id} data-testid="row">
              {m.content} [{index + 1}/{count}]
            </li>
          );
        })}
      </ul>
    );
  }
  render(<Probe />);
  return probe;
}

const rows = () => screen.queryAllByTestId('row').map((el) => el.textContent);

describe('useChatStream branches', () => {
  it('edit, regenerate and switch re-render the active path with its branch counts', async () => {
    const probe = mount();
    await act(() => probe.chat.send('A'));
    await act(() => probe.chat.send('B'));
    const b = probe.chat.messages[2]!.id;

    await act(() => probe.chat.editMessage(b, 'B2'));
    await waitFor(() => expect(rows()).toEqual(['A [1/1]', 're: A #1 [1/1]', 'B2 [2/2]', 're: B2 #3 [1/1]']));

    act(() => probe.chat.switchBranch(probe.chat.messages[2]!.id, 0));
    expect(rows()).toEqual(['A [1/1]', 're: A #1 [1/1]', 'B [1/2]', 're: B #2 [1/1]']);

    await act(() => probe.chat.regenerate(probe.chat.messages[1]!.id));
    expect(rows()).toEqual(['A [1/1]', 're: A #4 [2/2]']);
    act(() => probe.chat.switchBranch(probe.chat.messages[1]!.id, 0));
    expect(rows()).toEqual(['A [1/1]', 're: A #1 [1/2]', 'B [1/2]', 're: B #2 [1/1]']);
    // Only the active path went to the server.
    expect((server.requests[3]!.body as { messages: unknown[] }).messages).toEqual([{ role: 'user', content: 'A' }]);
  });

  it('the new actions are stable across renders', async () => {
    const probe = mount();
    await act(() => probe.chat.send('A'));
    const [edit, regenerate, getBranches, switchBranch] = probe.actions;
    for (let i = 0; i < probe.actions.length; i += 4) {
      expect(probe.actions.slice(i, i + 4)).toEqual([edit, regenerate, getBranches, switchBranch]);
    }
    expect(probe.actions.length).toBeGreaterThan(4);
  });

  it('switchBranch throws busy while a reply streams; editMessage failures land in error, not a rejection', async () => {
    const probe = mount();
    await act(() => probe.chat.send('A'));
    let pending!: Promise<void>;
    act(() => {
      pending = probe.chat.send('B');
    });
    expect(() => probe.chat.switchBranch(probe.chat.messages[0]!.id, 0)).toThrow(expect.objectContaining({ code: 'busy' }));
    await expect(probe.chat.editMessage(probe.chat.messages[0]!.id, 'x')).resolves.toBeUndefined();
    await act(() => pending);
    expect(rows()).toEqual(['A [1/1]', 're: A #1 [1/1]', 'B [1/1]', 're: B #2 [1/1]']);
  });

  it('retry and regenerate refusals land in error and onError like a send\'s: busy while a reply streams, invalid for an unknown message', async () => {
    const onError = vi.fn();
    const probe = mount(onError);
    await act(() => probe.chat.send('A'));
    const unknown = 'no-such-message';
    await act(() => expect(probe.chat.regenerate(unknown)).resolves.toBeUndefined());
    expect(probe.chat.error).toMatchObject({ code: 'invalid' });
    expect(onError).toHaveBeenCalledTimes(1);
    expect(onError.mock.calls[0]![0]).toBe(probe.chat.error);

    let pending!: Promise<void>;
    act(() => {
      pending = probe.chat.send('B'); // clears the refusal
    });
    expect(probe.chat.error).toBeUndefined();
    await act(() => expect(probe.chat.retry()).resolves.toBeUndefined());
    expect(probe.chat.error).toMatchObject({ code: 'busy' });
    expect(onError).toHaveBeenCalledTimes(2);
    await act(() => pending);
    // Neither refusal changed the conversation or sent a request.
    expect(rows()).toEqual(['A [1/1]', 're: A #1 [1/1]', 'B [1/1]', 're: B #2 [1/1]']);
    expect(server.requests).toHaveLength(2);

    await act(() => probe.chat.regenerate(probe.chat.messages[3]!.id));
    expect(probe.chat.error).toBeUndefined();
    expect(rows()).toEqual(['A [1/1]', 're: A #1 [1/1]', 'B [1/1]', 're: B #3 [2/2]']);
    expect(onError).toHaveBeenCalledTimes(2);
  });
});
