import { describe, expect, it, vi } from 'vitest';
import { act, fireEvent, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { LabelsProvider, Message, MessageList } from '../../src/ui';
import { BranchPicker, MessageEditor } from '../../src/ui/branches';
import type { Message as ChatMessage } from '../../src/core/types';

const user: ChatMessage = { id: 'u1', role: 'user', content: 'Hello', timestamp: 0 };
const reply: ChatMessage = { id: 'a1', role: 'assistant', content: 'Hi', status: 'complete', timestamp: 0 };

describe('BranchPicker', () => {
  it('names its buttons and the version, is disabled at the ends, and asks for the neighbour', () => {
    const onSwitch = vi.fn();
    const { rerender } = render(<BranchPicker index={0} count={3} onSwitch={onSwitch} />);
    const group = screen.getByRole('group', { name: 'Version 1 of 3' });
    expect(group.textContent).toContain('1 / 3');
    const previous = screen.getByRole('button', { name: 'Previous version' }) as HTMLButtonElement;
    const next = screen.getByRole('button', { name: 'Next version' }) as HTMLButtonElement;
    expect(previous.disabled).toBe(true);
    fireEvent.click(next);
    expect(onSwitch).toHaveBeenCalledExactlyOnceWith(1);
    expect(group.querySelector('[aria-live="polite"]')!.textContent).toBe('Version 2 of 3');
    rerender(<BranchPicker index={2} count={3} onSwitch={onSwitch} />);
    expect((screen.getByRole('button', { name: 'Next version' }) as HTMLButtonElement).disabled).toBe(true);
    fireEvent.click(screen.getByRole('button', { name: 'Previous version' }));
    expect(onSwitch).toHaveBeenLastCalledWith(1);
  });

  it('is disabled without onSwitch, and takes German labels', () => {
    render(
      <LabelsProvider labels={{ branchStatus: 'Version {n} von {count}', previousBranch: 'Vorherige Version', nextBranch: 'Nächste Version' }}>
        <BranchPicker index={1} count={2} />
      </LabelsProvider>,
    );
    expect(screen.getByRole('group', { name: 'Version 2 von 2' })).toBeTruthy();
    expect((screen.getByRole('button', { name: 'Vorherige Version' }) as HTMLButtonElement).disabled).toBe(true);
  });
});

describe('MessageEditor', () => {
  it('takes the focus; Shift+Enter breaks the line, Enter sends, Escape cancels', async () => {
    const onSubmit = vi.fn();
    const onCancel = vi.fn();
    render(<MessageEditor value="Hello" onSubmit={onSubmit} onCancel={onCancel} />);
    const box = screen.getByRole('textbox', { name: 'Edit message' }) as HTMLTextAreaElement;
    expect(document.activeElement).toBe(box);
    await userEvent.keyboard(' you{Shift>}{Enter}{/Shift}there');
    expect(box.value).toBe('Hello you\nthere');
    await userEvent.keyboard('{Enter}');
    expect(onSubmit).toHaveBeenCalledExactlyOnceWith('Hello you\nthere');
    await userEvent.keyboard('{Escape}');
    expect(onCancel).toHaveBeenCalledOnce();
  });

  it('does not send empty text', async () => {
    const onSubmit = vi.fn();
    render(<MessageEditor value="x" onSubmit={onSubmit} onCancel={() => {}} />);
    await userEvent.keyboard('{Backspace}{Enter}');
    expect(onSubmit).not.toHaveBeenCalled();
    expect((screen.getByRole('button', { name: 'Send' }) as HTMLButtonElement).disabled).toBe(true);
  });
});

describe('Message: edit, regenerate, versions', () => {
  it('Edit opens the editor in place; cancel puts the focus back on Edit; sending calls onEdit', async () => {
    const onEdit = vi.fn();
    render(<Message message={user} onEdit={onEdit} />);
    await userEvent.click(await screen.findByRole('button', { name: 'Edit' }));
    const box = await screen.findByRole('textbox', { name: 'Edit message' });
    await userEvent.keyboard('{Escape}');
    expect(screen.queryByRole('textbox', { name: 'Edit message' })).toBeNull();
    expect(document.activeElement).toBe(screen.getByRole('button', { name: 'Edit' }));
    expect(box.isConnected).toBe(false);
    await userEvent.keyboard('{Enter}');
    await screen.findByRole('textbox', { name: 'Edit message' });
    await userEvent.keyboard(' again{Enter}');
    expect(onEdit).toHaveBeenCalledExactlyOnceWith('u1', 'Hello again');
  });

  it('no Edit, Regenerate or picker without their props (the old markup)', () => {
    const { container } = render(
      <>
        <Message message={user} />
        <Message message={reply} />
      </>,
    );
    expect(container.querySelector('[data-role="user"] .ask-message-actions')).toBeNull();
    expect(screen.queryByRole('button', { name: 'Regenerate' })).toBeNull();
  });

  it('Regenerate asks for the reply by id; the picker shows only with several versions', async () => {
    const onRegenerate = vi.fn();
    const onSwitchBranch = vi.fn();
    const { rerender } = render(<Message message={reply} onRegenerate={onRegenerate} onSwitchBranch={onSwitchBranch} />);
    fireEvent.click(await screen.findByRole('button', { name: 'Regenerate' }));
    expect(onRegenerate).toHaveBeenCalledExactlyOnceWith('a1');
    expect(screen.queryByRole('group')).toBeNull();
    rerender(<Message message={reply} onRegenerate={onRegenerate} onSwitchBranch={onSwitchBranch} branchIndex={1} branchCount={2} />);
    fireEvent.click(await screen.findByRole('button', { name: 'Previous version' }));
    expect(onSwitchBranch).toHaveBeenCalledExactlyOnceWith('a1', 0);
  });

  it('MessageList disables Edit, Regenerate and the picker while a reply streams', async () => {
    const props = { onEdit: vi.fn(), onRegenerate: vi.fn(), onSwitchBranch: vi.fn(), getBranches: () => ({ index: 0, count: 2 }) };
    const { rerender } = render(<MessageList messages={[user, reply]} isStreaming={false} {...props} />);
    await screen.findAllByRole('group');
    const enabled = () => screen.getAllByRole('button').filter((b) => /Edit|Regenerate|version/.test(b.textContent + (b.getAttribute('aria-label') ?? '')) && !(b as HTMLButtonElement).disabled);
    expect(enabled().length).toBe(4); // Edit, Regenerate, and Next on both pickers
    await act(async () => rerender(<MessageList messages={[user, reply]} isStreaming={true} {...props} />));
    expect(enabled()).toEqual([]);
  });
});
