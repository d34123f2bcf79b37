import { fireEvent, render, screen } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { Message, MessageList, type MessageProps } from '../../src/ui';
import type { Message as ChatMessage } from '../../src/core/types';
import type { MessagePart, ToolCallPart } from '../../src/core/message-parts';

const user = (id: string, content: string): ChatMessage => ({ id, role: 'user', content, timestamp: 0 });
const reply = (id: string, content: string, status: ChatMessage['status'] = 'complete'): ChatMessage => ({ id, role: 'assistant', content, status, timestamp: 0 });

function conversation(pairs: number): ChatMessage[] {
  const out: ChatMessage[] = [];
  for (let i = 0; i < pairs; i++) out.push(user(`u${i}`, `question ${i}`), reply(`a${i}`, `answer **${i}**`));
  return out;
}

describe('MessageList', () => {
  it('is a labelled log, busy only while a reply streams, that does not read itself aloud', () => {
    const messages = [user('u', 'hi'), reply('a', 'Hel', 'streaming')];
    const { rerender } = render(<MessageList messages={messages} isStreaming />);
    const log = screen.getByRole('log', { name: 'Conversation' });
    // The status region below speaks for it: a live log would read a whole markdown reply.
    expect(log.getAttribute('aria-live')).toBe('off');
    expect(log.getAttribute('aria-busy')).toBe('true');
    expect(log.tabIndex).toBe(0);
    rerender(<MessageList messages={[user('u', 'hi'), reply('a', 'Hello')]} />);
    expect(log.getAttribute('aria-busy')).toBe('false');
  });

  it('announces a reply concisely: started, then finished with the plain text of a short one', () => {
    const u = user('u', 'hi');
    const { rerender } = render(<MessageList messages={[u]} />);
    const announcer = screen.getByRole('status');
    expect(announcer.textContent).toBe('');
    rerender(<MessageList messages={[u]} isStreaming />);
    expect(announcer.textContent).toBe('Assistant is replying');
    for (const text of ['He', 'Hello', 'Hello **the']) {
      rerender(<MessageList messages={[u, reply('a', text, 'streaming')]} isStreaming />);
      expect(announcer.textContent).toBe('Assistant is replying');
    }
    // Markup is dropped, entities decoded: what a listener hears is the text.
    rerender(<MessageList messages={[u, reply('a', 'Hello **there**, see [the docs](https://example.com) &amp; `npm i`.')]} />);
    expect(announcer.textContent).toBe('Assistant replied: Hello there, see the docs & npm i.');
    // A stopped reply says so; a failed one says it failed (its alert says why).
    rerender(<MessageList messages={[u, reply('b', '', 'streaming')]} isStreaming />);
    rerender(<MessageList messages={[u, reply('b', 'Par', 'aborted')]} />);
    expect(announcer.textContent).toBe('Stopped');
    rerender(<MessageList messages={[u, reply('c', '', 'streaming')]} isStreaming />);
    rerender(<MessageList messages={[u, { ...reply('c', '', 'error'), error: { message: 'boom', code: 'network' } }]} />);
    expect(announcer.textContent).toBe('Reply failed');
  });

  it('never announces the markdown of a long reply, nor code or tables', () => {
    const u = user('u', 'hi');
    const table = '| a | b |\n|---|---|\n| 1 | 2 |';
    const long = Array.from({ length: 2000 }, (_, i) => `| **cell ${i}** | *x* |`).join('\n');
    for (const content of [table, '```js\nlet x = 1;\n```', long, 'word '.repeat(60)]) {
      const { rerender, unmount } = render(<MessageList messages={[u]} isStreaming />);
      rerender(<MessageList messages={[u, reply('a', content)]} />);
      expect(screen.getByRole('status').textContent).toBe('Assistant replied');
      unmount();
    }
  });

  it('announces in the labels given', () => {
    const u = user('u', 'hi');
    const labels = { replyStarted: 'Antwort kommt', replyFinished: 'Antwort fertig', replyFailed: 'Fehlgeschlagen' };
    const { rerender } = render(<MessageList messages={[u]} isStreaming labels={labels} />);
    rerender(<MessageList messages={[u, reply('a', 'Hallo *Welt*', 'streaming')]} isStreaming labels={labels} />);
    rerender(<MessageList messages={[u, reply('a', 'Hallo *Welt*')]} labels={labels} />);
    expect(screen.getByRole('status').textContent).toBe('Antwort fertig: Hallo Welt');
  });

  it('announces a tool call that waits for approval and one that failed, once each, not history', () => {
    const call = (id: string, name: string, state: ToolCallPart['state']): ToolCallPart => ({ type: 'tool-call', id, name, argsText: '{}', args: {}, state });
    const withParts = (id: string, parts: MessagePart[], status: ChatMessage['status'] = 'streaming'): ChatMessage => ({ ...reply(id, '', status), parts });
    const u = user('u', 'hi');
    // A failed call in the history the list mounts with is not news.
    const { rerender } = render(<MessageList messages={[u, withParts('old', [call('c0', 'lookup', 'output-error')], 'complete')]} />);
    const announcer = screen.getByRole('status');
    expect(announcer.textContent).toBe('');
    rerender(<MessageList messages={[u, withParts('a', [call('c1', 'delete_note', 'input-streaming')])]} isStreaming />);
    expect(announcer.textContent).toBe('Assistant is replying');
    rerender(<MessageList messages={[u, withParts('a', [call('c1', 'delete_note', 'approval-requested')])]} isStreaming />);
    expect(announcer.textContent).toBe('Approval needed: delete_note');
    rerender(<MessageList messages={[u, withParts('a', [call('c1', 'delete_note', 'running'), call('c2', 'get_time', 'running')])]} isStreaming />);
    expect(announcer.textContent).toBe('Approval needed: delete_note');
    rerender(<MessageList messages={[u, withParts('a', [call('c1', 'delete_note', 'output-available'), call('c2', 'get_time', 'output-error')])]} isStreaming />);
    expect(announcer.textContent).toBe('Tool failed: get_time');
    // In the labels given; the end of the reply is said as before.
    const labels = { toolApprovalAnnouncement: 'Freigabe nötig: {tool}' };
    rerender(<MessageList labels={labels} messages={[u, withParts('a', [call('c2', 'get_time', 'output-error'), call('c3', 'send_mail', 'approval-requested')])]} isStreaming />);
    expect(announcer.textContent).toBe('Freigabe nötig: send_mail');
    rerender(<MessageList labels={labels} messages={[u, withParts('a', [call('c3', 'send_mail', 'output-denied')], 'complete')]} />);
    expect(announcer.textContent).toBe('Assistant replied');
  });

  it('shows a typing indicator while the request waits for the first byte, announced once', () => {
    const { container, rerender } = render(<MessageList messages={[user('u', 'hi')]} isStreaming />);
    expect(container.querySelector('.ask-typing')!.textContent).toBe('Assistant is typing');
    // The list's status region announces the reply; the indicator is not a second live region.
    expect(screen.getAllByRole('status')).toHaveLength(1);
    rerender(<MessageList messages={[user('u', 'hi'), reply('a', 'Hi', 'streaming')]} isStreaming />);
    expect(container.querySelector('.ask-typing')).toBeNull();
  });

  it('offers retry on the last reply only, and not while it streams', () => {
    const onRetry = vi.fn();
    const messages = conversation(3);
    const { rerender } = render(<MessageList messages={messages} onRetry={onRetry} />);
    const buttons = screen.getAllByRole('button', { name: 'Retry' });
    expect(buttons).toHaveLength(1);
    expect(buttons[0]!.closest('.ask-message')?.textContent).toContain('answer 2');
    fireEvent.click(buttons[0]!);
    expect(onRetry).toHaveBeenCalledTimes(1);
    rerender(<MessageList messages={[...messages.slice(0, -1), reply('a2', 'again', 'streaming')]} onRetry={onRetry} isStreaming />);
    expect(screen.queryByRole('button', { name: 'Retry' })).toBeNull();
  });

  it('renders messages through renderMessage with the props Message would get', () => {
    const renderMessage = vi.fn((message: ChatMessage, props: MessageProps) => (
      <div data-testid="custom" data-id={message.id}>
        <Message {...props} className="mine" />
      </div>
    ));
    const { container } = render(<MessageList messages={conversation(2)} renderMessage={renderMessage} showUsage />);
    expect(screen.getAllByTestId('custom')).toHaveLength(4);
    expect(container.querySelectorAll('.ask-message.mine')).toHaveLength(4);
    expect(renderMessage.mock.calls[0]![1].message.id).toBe('u0');
    expect(renderMessage.mock.calls[0]![1].showUsage).toBe(true);
  });

  it('passes Message props (slots, labels) to every message, with dir="auto" text', () => {
    const { container } = render(
      <MessageList messages={conversation(1)} avatar={(m) => <img alt={m.role} src="data:," />} name="Ann" labels={{ user: 'Du', assistant: 'KI' }} />,
    );
    expect(screen.getByRole('article', { name: 'Du' })).toBeTruthy();
    expect(screen.getByRole('article', { name: 'KI' })).toBeTruthy();
    expect([...container.querySelectorAll('.ask-message-avatar img')].map((img) => img.getAttribute('alt'))).toEqual(['user', 'assistant']);
    expect(container.querySelectorAll('.ask-message-name')).toHaveLength(2);
    expect(container.querySelector('.ask-message-text')?.getAttribute('dir')).toBe('auto');
    expect(container.querySelector('.ask-markdown')?.getAttribute('dir')).toBe('auto');
  });

  it('re-renders only the message that changed while a reply streams (hundreds of messages)', () => {
    const history = conversation(150);
    const renders = new Map<string, number>();
    const renderMessage = (message: ChatMessage, props: MessageProps) => {
      renders.set(message.id, (renders.get(message.id) ?? 0) + 1);
      return <Message {...props} />;
    };
    const ask = user('q', 'last question');
    const { rerender, container } = render(<MessageList messages={[...history, ask]} renderMessage={renderMessage} isStreaming />);
    let text = '';
    for (let i = 0; i < 40; i++) {
      text += `token${i} `;
      // As the core does it: a new array, a new object for the streaming message, the rest kept.
      rerender(<MessageList messages={[...history, ask, reply('r', text, 'streaming')]} renderMessage={renderMessage} isStreaming />);
    }
    rerender(<MessageList messages={[...history, ask, reply('r', text)]} renderMessage={renderMessage} />);
    expect(renders.get('r')).toBe(41);
    expect(renders.get('q')).toBe(1);
    expect(renders.get('u0')).toBe(1);
    for (const m of history) expect(renders.get(m.id), m.id).toBe(1);
    expect(container.querySelectorAll('.ask-message')).toHaveLength(302);
  });

  it('without renderMessage, old Message components are skipped as well', () => {
    const history = conversation(50);
    const calls = new Map<string, number>();
    // The avatar slot runs inside Message's render.
    const avatar = (m: ChatMessage) => {
      calls.set(m.id, (calls.get(m.id) ?? 0) + 1);
      return null;
    };
    const { rerender } = render(<MessageList messages={history} avatar={avatar} isStreaming />);
    for (let i = 1; i <= 20; i++) rerender(<MessageList messages={[...history, reply('r', 'x'.repeat(i), 'streaming')]} avatar={avatar} isStreaming />);
    expect(calls.get('r')).toBe(20);
    for (const m of history) expect(calls.get(m.id), m.id).toBe(1);
  });
});
