import { describe, expect, it, vi } from 'vitest';
import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import { Message } from '../../src/ui';
import type { Message as ChatMessage } from '../../src/core/types';

const msg = (over: Partial<ChatMessage>): ChatMessage => ({ id: 'm1', role: 'assistant', content: '', timestamp: 0, ...over });

describe('Message', () => {
  it('shows user text as written, not as markdown, with dir="auto"', () => {
    const { container } = render(<Message message={msg({ role: 'user', content: '**not bold** <b>x</b>' })} />);
    expect(container.querySelector('strong, b')).toBeNull();
    const text = container.querySelector('.ask-message-text')!;
    expect(text.textContent).toBe('**not bold** <b>x</b>');
    expect(text.getAttribute('dir')).toBe('auto');
    expect(screen.getByRole('article', { name: 'You' })).toBeTruthy();
  });

  it('renders an assistant reply as markdown with copy and retry actions', () => {
    const onRetry = vi.fn();
    const { container } = render(<Message message={msg({ content: 'Hello **world**', status: 'complete' })} onRetry={onRetry} />);
    expect(container.querySelector('.ask-markdown strong')?.textContent).toBe('world');
    expect(screen.getByRole('button', { name: 'Copy' })).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Retry' }));
    expect(onRetry).toHaveBeenCalledTimes(1);
  });

  it('shows the typing indicator before the first token, then streams without actions', () => {
    const { container, rerender } = render(<Message message={msg({ status: 'streaming' })} />);
    expect(screen.getByRole('status').textContent).toBe('Assistant is typing');
    rerender(<Message message={msg({ status: 'streaming', content: 'Partial **rep' })} />);
    expect(screen.queryByRole('status')).toBeNull();
    expect(container.querySelector('.ask-markdown')?.hasAttribute('data-streaming')).toBe(true);
    expect(container.querySelector('strong')?.textContent).toBe('rep');
    expect(screen.queryByRole('button', { name: 'Copy' })).toBeNull();
  });

  it('shows reasoning, tool calls with results, usage, and a stopped note', async () => {
    const { container } = render(
      <Message
        message={msg({
          status: 'aborted',
          reasoning: 'thinking it over',
          content: 'Partial answer',
          toolCalls: [{ id: 't1', name: 'lookup', argsText: '{"q":1}', args: { q: 1 }, state: 'complete' }],
          usage: { promptTokens: 10, completionTokens: 5, totalTokens: 15 },
        })}
        toolResults={{ t1: 'found it' }}
        showUsage
      />,
    );
    // Reasoning and tool-call views come from chunks of their own.
    await waitFor(() => expect(container.querySelector('.ask-reasoning-body')?.textContent).toBe('thinking it over'));
    expect(container.querySelector('.ask-tool-name')?.textContent).toBe('lookup');
    await waitFor(() => expect(container.querySelector('.ask-tool-result')?.textContent).toBe('found it'));
    expect(container.querySelector('.ask-message-note')?.textContent).toBe('Stopped');
    expect(container.querySelector('.ask-usage')?.textContent).toContain('15');
  });

  it('toolResults still answers calls of a reply made of parts (what the reducer gives since issue 11)', async () => {
    const { container } = render(
      <Message
        message={msg({
          status: 'complete',
          content: 'Done',
          parts: [
            { type: 'tool-call', id: 't1', name: 'lookup', argsText: '{"q":1}', args: { q: 1 }, state: 'input-available' },
            { type: 'text', text: 'Done' },
          ],
        })}
        toolResults={{ t1: 'found it' }}
      />,
    );
    expect(container.querySelector('[data-state]')?.getAttribute('data-state')).toBe('output-available');
    await waitFor(() => expect(container.textContent).toContain('found it')); // the tool-call view's chunk
  });

  it('shows a failed reply with its error and retry', () => {
    const onRetry = vi.fn();
    render(<Message message={msg({ status: 'error', error: { message: 'Network down', code: 'network' } })} onRetry={onRetry} />);
    expect(screen.getByRole('alert').textContent).toContain('Network down');
    fireEvent.click(screen.getByRole('button', { name: 'Retry' }));
    expect(onRetry).toHaveBeenCalledTimes(1);
    expect(screen.getAllByRole('button', { name: 'Retry' })).toHaveLength(1);
  });

  it('repairs the cut-off markdown of a stopped reply, without the caret', () => {
    const stopped: ChatMessage = { id: 'a', role: 'assistant', content: 'Streams are **chun', timestamp: 0, status: 'aborted' };
    const { container } = render(<Message message={stopped} />);
    const markdown = container.querySelector('.ask-markdown')!;
    expect(markdown.textContent).not.toContain('**');
    expect(markdown.querySelector('strong')?.textContent).toBe('chun');
    expect(markdown.hasAttribute('data-streaming')).toBe(false);
  });

  it("shows the server's code and status for a failed reply, not the kind of failure", () => {
    const failed: ChatMessage = {
      id: 'a',
      role: 'assistant',
      content: 'Partial',
      timestamp: 0,
      status: 'error',
      error: { message: 'Overloaded', code: 'server', status: 529, serverCode: 'overloaded_error' },
    };
    render(<Message message={failed} />);
    const alert = screen.getByRole('alert');
    expect(alert.textContent).toContain('overloaded_error');
    expect(alert.textContent).toContain('529');
    expect(alert.textContent).not.toMatch(/\bserver\b/);
  });
});
