import { act, fireEvent, render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { renderToString } from 'react-dom/server';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { useChatStream } from '../../src/react';
import { Chat, type ChatProps } from '../../src/ui';
import type { Message as ChatMessage } from '../../src/core/types';
import { kitReply } from '../helpers/fixtures';
import { json, respond, startServer, type Step, type TestServer } from '../helpers/server';

let server: TestServer;
beforeEach(async () => {
  server = await startServer();
});
afterEach(async () => {
  await server.close();
});

/** A kit reply with `gap` ms between events, so there is time to look at it mid-stream. */
const slowReply = (tokens: string[], gap: number, usage?: { promptTokens: number; completionTokens: number; totalTokens: number }): Step[] =>
  kitReply(tokens, { usage }).flatMap((event) => [event, gap]);

const noRetries = { maxRetries: 0 };

function mount(props: Partial<ChatProps> = {}) {
  return render(<Chat endpoint={server.url('/chat')} retry={noRetries} {...(props as object)} />);
}

const textbox = () => screen.getByRole('textbox', { name: 'Message' });
const replies = (container: HTMLElement) => [...container.querySelectorAll('.ask-message[data-role="assistant"]')];
const replyText = (container: HTMLElement) => replies(container).map((el) => el.querySelector('.ask-markdown')?.textContent ?? '');

describe('Chat', () => {
  it('sends on Enter, streams the reply and shows usage', async () => {
    server.reply(respond(slowReply(['Hello', ' **wor', 'ld**', '!'], 30, { promptTokens: 7, completionTokens: 4, totalTokens: 11 })));
    const { container } = mount();
    await userEvent.type(textbox(), 'Hi there{Enter}');
    expect(textbox()).toHaveProperty('value', '');
    await waitFor(() => expect(container.querySelector('.ask-message[data-role="user"] .ask-message-text')?.textContent).toBe('Hi there'));
    await server.waitForRequests(1);
    await waitFor(() => expect(replyText(container)).toEqual(['Hello world!']));
    expect(server.requests).toHaveLength(1);
    expect(container.querySelector('.ask-message[data-role="assistant"] strong')?.textContent).toBe('world');
    await waitFor(() => expect(container.querySelector('.ask-chat > .ask-usage')?.textContent).toContain('11'));
    // After a reply: Retry next to the composer, Send back in place of Stop.
    expect(await screen.findByRole('button', { name: 'Retry' })).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Stop' })).toBeNull();
  });

  it('shows Stop while the reply streams; Stop (and Escape) keep the partial reply', async () => {
    server.reply(respond(slowReply(['one ', 'two ', 'three ', 'four ', 'five ', 'six'], 80)));
    const { container } = mount();
    await userEvent.type(textbox(), 'count{Enter}');
    await waitFor(() => expect(replyText(container)[0]).toContain('one'));
    const stop = screen.getByRole('button', { name: 'Stop' });
    expect(screen.queryByRole('button', { name: 'Retry' })).toBeNull();
    fireEvent.click(stop);
    await waitFor(() => expect(container.querySelector('.ask-message-note')?.textContent).toBe('Stopped'));
    const partial = replyText(container)[0]!;
    expect(partial).not.toContain('six');
    expect(screen.queryByRole('button', { name: 'Stop' })).toBeNull();
    expect(screen.getByRole('button', { name: 'Send' })).toBeTruthy();
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(replyText(container)[0]).toBe(partial);

    // Escape in the composer stops too.
    await userEvent.type(textbox(), 'again{Enter}');
    await waitFor(() => expect(replyText(container)[1]).toContain('one'));
    await userEvent.type(textbox(), '{Escape}');
    await waitFor(() => expect(container.querySelectorAll('.ask-message-note')).toHaveLength(2));
  });

  it('editable={false} and regenerate={false} offer no Edit or Regenerate (the defaults do)', async () => {
    const twoTurns = async (props: Partial<ChatProps>) => {
      server.reply(respond(kitReply(['First reply'])), respond(kitReply(['Second reply'])));
      const view = mount(props);
      await userEvent.type(textbox(), 'one{Enter}');
      await waitFor(() => expect(replyText(view.container)).toEqual(['First reply']));
      await userEvent.type(textbox(), 'two{Enter}');
      await waitFor(() => expect(replyText(view.container)).toEqual(['First reply', 'Second reply']));
      return view;
    };
    const on = await twoTurns({});
    expect(await screen.findAllByRole('button', { name: 'Edit' })).toHaveLength(2);
    expect(await screen.findAllByRole('button', { name: 'Regenerate' })).toHaveLength(2);
    on.unmount();

    const off = await twoTurns({ editable: false, regenerate: false });
    // The actions' module is loaded already (above), so a lazy button would be rendered by now.
    await act(async () => {
      await import('../../src/ui/message-actions');
    });
    expect(off.container.querySelectorAll('.ask-message[data-role="assistant"] .ask-copy-button')).not.toHaveLength(0);
    expect(screen.queryByRole('button', { name: 'Edit' })).toBeNull();
    expect(screen.queryByRole('button', { name: 'Regenerate' })).toBeNull();
  });

  it('Retry replaces the reply', async () => {
    server.reply(respond(kitReply(['First reply'])), respond(kitReply(['Second reply'])));
    const { container } = mount();
    await userEvent.type(textbox(), 'q{Enter}');
    await waitFor(() => expect(replyText(container)).toEqual(['First reply']));
    await userEvent.click(screen.getByRole('button', { name: 'Retry' }));
    await waitFor(() => expect(replyText(container)).toEqual(['Second reply']));
    expect(container.querySelectorAll('.ask-message[data-role="user"]')).toHaveLength(1);
    expect(server.requests).toHaveLength(2);
  });

  it("shows the server's error message with Retry, and Retry recovers", async () => {
    server.reply(json(503, { error: { message: 'The model is overloaded', code: 'overloaded' } }), respond(kitReply(['Back again'])));
    const { container } = mount();
    await userEvent.type(textbox(), 'q{Enter}');
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('The model is overloaded');
    expect(alert.textContent).toContain('503');
    // One Retry only: the notice's.
    expect(screen.getAllByRole('button', { name: 'Retry' })).toHaveLength(1);
    await userEvent.click(screen.getByRole('button', { name: 'Retry' }));
    await waitFor(() => expect(replyText(container)).toEqual(['Back again']));
    expect(screen.queryByRole('alert')).toBeNull();
    expect(server.requests).toHaveLength(2);
  });

  it('a reply that fails mid-stream shows its error on the message, with one Retry', async () => {
    server.reply(
      respond([...kitReply(['Partial']).slice(0, 2), `event: error\ndata: {"error":"Upstream died","code":"upstream"}\n\n`]),
      respond(kitReply(['Whole reply'])),
    );
    const { container } = mount();
    await userEvent.type(textbox(), 'q{Enter}');
    const alert = await screen.findByRole('alert');
    expect(alert.closest('.ask-message')).not.toBeNull();
    expect(alert.textContent).toContain('Upstream died');
    expect(screen.getAllByRole('button', { name: 'Retry' })).toHaveLength(1);
    await userEvent.click(screen.getByRole('button', { name: 'Retry' }));
    await waitFor(() => expect(replyText(container)).toEqual(['Whole reply']));
    expect(screen.queryByRole('alert')).toBeNull();
  });

  it('takes a chat made with useChatStream (the `chat` form)', async () => {
    server.reply(respond(kitReply(['From my hook'])));
    const seen: number[] = [];
    function MyChat() {
      const chat = useChatStream({ endpoint: server.url('/mine'), retry: noRetries });
      seen.push(chat.messages.length);
      return (
        <>
          <p data-testid="count">{chat.messages.length}</p>
          <Chat chat={chat} placeholder="Ask me" />
        </>
      );
    }
    const { container } = render(<MyChat />);
    await userEvent.type(screen.getByPlaceholderText('Ask me'), 'hello{Enter}');
    await waitFor(() => expect(replyText(container)).toEqual(['From my hook']));
    expect(screen.getByTestId('count').textContent).toBe('2');
    expect(server.requests[0]!.path).toBe('/mine');
  });

  it('passes useChatStream options through: initialMessages, headers, body, callbacks', async () => {
    server.reply(respond(kitReply(['ok'])));
    const onFinish = vi.fn();
    const initialMessages: ChatMessage[] = [{ id: 'old', role: 'user', content: 'Earlier question', timestamp: 0 }];
    mount({ initialMessages, headers: { 'x-test': 'yes' }, model: 'm-1', onFinish, throttle: 0 });
    expect(screen.getByText('Earlier question')).toBeTruthy();
    await userEvent.type(textbox(), 'next{Enter}');
    await waitFor(() => expect(onFinish).toHaveBeenCalledTimes(1));
    expect(server.requests[0]!.headers['x-test']).toBe('yes');
    expect(JSON.stringify(server.requests[0]!.body)).toContain('m-1');
  });

  it('overrides labels, sets the theme and fills avatar and name slots', async () => {
    const initialMessages: ChatMessage[] = [
      { id: 'u', role: 'user', content: 'Hallo', timestamp: 0 },
      { id: 'a', role: 'assistant', content: 'Guten Tag', status: 'complete', timestamp: 0 },
    ];
    const { container } = mount({
      initialMessages,
      theme: 'dark',
      labels: { send: 'Senden', retry: 'Nochmal', composerLabel: 'Nachricht', composerPlaceholder: 'Schreib was', conversation: 'Verlauf', copy: 'Kopieren' },
      avatar: (m) => (m.role === 'user' ? 'U' : 'A'),
      name: (m) => (m.role === 'user' ? 'Ich' : 'Bot'),
    });
    expect(container.querySelector('.ask-chat')?.getAttribute('data-theme')).toBe('dark');
    expect(screen.getByRole('button', { name: 'Senden' })).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Nochmal' })).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Kopieren' })).toBeTruthy();
    expect(screen.getByRole('textbox', { name: 'Nachricht' }).getAttribute('placeholder')).toBe('Schreib was');
    expect(screen.getByRole('log', { name: 'Verlauf' })).toBeTruthy();
    expect([...container.querySelectorAll('.ask-message-name')].map((el) => el.textContent)).toEqual(['Ich', 'Bot']);
    expect([...container.querySelectorAll('.ask-message-avatar')].map((el) => el.textContent)).toEqual(['U', 'A']);
  });

  it('keeps the log busy while streaming and announces start and end, not the markdown', async () => {
    server.reply(respond(slowReply(['Alpha ', '**beta** ', '| gamma'], 40)));
    mount();
    const log = screen.getByRole('log');
    expect(log.getAttribute('aria-live')).toBe('off');
    const announcer = screen.getByRole('status');
    await userEvent.type(textbox(), 'q{Enter}');
    await waitFor(() => expect(log.getAttribute('aria-busy')).toBe('true'));
    expect(announcer.textContent).toBe('Assistant is replying');
    await waitFor(() => expect(log.getAttribute('aria-busy')).toBe('false'));
    expect(announcer.textContent).toBe('Assistant replied: Alpha beta | gamma');
  });

  it('re-renders only the streaming message: earlier messages are memoised', async () => {
    server.reply(respond(slowReply(['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'i', 'j'], 15)));
    const initialMessages: ChatMessage[] = Array.from({ length: 200 }, (_, i) => ({
      id: `m${i}`,
      role: i % 2 ? 'assistant' : 'user',
      content: `message ${i} with **markdown**`,
      status: i % 2 ? 'complete' : undefined,
      timestamp: 0,
    }));
    const renders = new Map<string, number>();
    // The avatar slot runs inside Message's render: it counts them.
    const avatar = (m: ChatMessage) => {
      renders.set(m.id, (renders.get(m.id) ?? 0) + 1);
      return null;
    };
    const { container } = mount({ initialMessages, avatar, throttle: 0 });
    expect(renders.get('m0')).toBe(1);
    await userEvent.type(textbox(), 'go{Enter}');
    await waitFor(() => expect(replyText(container).at(-1)).toBe('abcdefghij'));
    await act(() => new Promise((resolve) => setTimeout(resolve, 50)));
    const replyId = [...renders.keys()].at(-1)!;
    // The reply rendered once per committed update, the old messages never again; the last old
    // one only when it stopped being the last assistant message (its Retry moved on).
    expect(renders.get(replyId)!).toBeGreaterThan(3);
    for (let i = 0; i < 199; i++) expect(renders.get(`m${i}`), `m${i}`).toBe(1);
    expect(renders.get('m199')!).toBeLessThanOrEqual(2);
  });

  it('renders on the server (no ResizeObserver, no effects)', () => {
    const html = renderToString(
      <Chat endpoint="/api/chat" initialMessages={[{ id: 'u', role: 'user', content: 'Hello from SSR', timestamp: 0 }]} />,
    );
    expect(html).toContain('role="log"');
    expect(html).toContain('Hello from SSR');
    expect(html).not.toContain('data-theme');
  });
});
