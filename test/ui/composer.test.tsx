import { describe, expect, it, vi } from 'vitest';
import { fireEvent, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useState } from 'react';
import { Composer, type ComposerProps } from '../../src/ui';

function Harness(props: Partial<ComposerProps> & { initial?: string }) {
  const [value, setValue] = useState(props.initial ?? '');
  return <Composer value={value} onChange={setValue} onSubmit={() => {}} {...props} />;
}

const textbox = () => screen.getByRole('textbox', { name: 'Message' });

describe('Composer', () => {
  it('sends on Enter with the typed text', async () => {
    const onSubmit = vi.fn();
    render(<Harness onSubmit={onSubmit} />);
    await userEvent.type(textbox(), 'Hello{Enter}');
    expect(onSubmit).toHaveBeenCalledExactlyOnceWith('Hello');
  });

  it('inserts a newline on Shift+Enter instead of sending', async () => {
    const onSubmit = vi.fn();
    render(<Harness onSubmit={onSubmit} />);
    await userEvent.type(textbox(), 'line one{Shift>}{Enter}{/Shift}line two');
    expect(onSubmit).not.toHaveBeenCalled();
    expect(textbox()).toHaveProperty('value', 'line one\nline two');
  });

  it('does not send empty or whitespace-only text', async () => {
    const onSubmit = vi.fn();
    render(<Harness onSubmit={onSubmit} />);
    await userEvent.type(textbox(), '   {Enter}');
    expect(onSubmit).not.toHaveBeenCalled();
    expect(screen.getByRole('button', { name: 'Send' })).toHaveProperty('disabled', true);
  });

  it('sends with the send button', async () => {
    const onSubmit = vi.fn();
    render(<Harness onSubmit={onSubmit} initial="Hi there" />);
    await userEvent.click(screen.getByRole('button', { name: 'Send' }));
    expect(onSubmit).toHaveBeenCalledExactlyOnceWith('Hi there');
  });

  it('never sends on the Enter that confirms an IME composition', () => {
    const onSubmit = vi.fn();
    render(<Harness onSubmit={onSubmit} initial="にほんご" />);
    // Chrome/Firefox: keydown during composition carries isComposing.
    fireEvent.keyDown(textbox(), { key: 'Enter', isComposing: true });
    // Safari: the confirming Enter has keyCode 229.
    fireEvent.keyDown(textbox(), { key: 'Enter', keyCode: 229 });
    // Between compositionstart and compositionend.
    fireEvent.compositionStart(textbox());
    fireEvent.keyDown(textbox(), { key: 'Enter' });
    expect(onSubmit).not.toHaveBeenCalled();
    fireEvent.compositionEnd(textbox());
    fireEvent.keyDown(textbox(), { key: 'Enter' });
    expect(onSubmit).toHaveBeenCalledExactlyOnceWith('にほんご');
  });

  it('stops a streaming reply on Escape and with the stop button, and does not send meanwhile', async () => {
    const onStop = vi.fn();
    const onSubmit = vi.fn();
    render(<Harness onStop={onStop} onSubmit={onSubmit} isStreaming initial="next question" />);
    await userEvent.type(textbox(), '{Enter}');
    expect(onSubmit).not.toHaveBeenCalled();
    await userEvent.type(textbox(), '{Escape}');
    expect(onStop).toHaveBeenCalledTimes(1);
    await userEvent.click(screen.getByRole('button', { name: 'Stop' }));
    expect(onStop).toHaveBeenCalledTimes(2);
    expect(screen.queryByRole('button', { name: 'Send' })).toBeNull();
  });

  it('ignores Escape when nothing is streaming', async () => {
    const onStop = vi.fn();
    render(<Harness onStop={onStop} />);
    await userEvent.type(textbox(), 'x{Escape}');
    expect(onStop).not.toHaveBeenCalled();
  });

  it('is fully disabled while submitting', async () => {
    const onSubmit = vi.fn();
    render(<Harness onSubmit={onSubmit} disabled initial="pending" />);
    expect(textbox()).toHaveProperty('disabled', true);
    expect(screen.getByRole('button', { name: 'Send' })).toHaveProperty('disabled', true);
    fireEvent.keyDown(textbox(), { key: 'Enter' });
    fireEvent.submit(textbox().closest('form')!);
    expect(onSubmit).not.toHaveBeenCalled();
  });

  it('grows with its content, capped at maxRows by the stylesheet', () => {
    const { rerender } = render(<Composer value="" onChange={() => {}} onSubmit={() => {}} maxRows={3} />);
    const area = textbox() as HTMLTextAreaElement;
    // jsdom has no layout: fake the measured height.
    Object.defineProperty(area, 'scrollHeight', { configurable: true, get: () => area.value.split('\n').length * 20 });
    rerender(<Composer value={'a\nb'} onChange={() => {}} onSubmit={() => {}} maxRows={3} />);
    expect(area.style.height).toBe('40px');
    rerender(<Composer value={'a'} onChange={() => {}} onSubmit={() => {}} maxRows={3} />);
    expect(area.style.height).toBe('20px');
    expect(area.style.getPropertyValue('--ask-composer-rows')).toBe('3');
  });

  it('uses the placeholder and labels it is given', () => {
    render(<Harness placeholder="Ask anything" labels={{ composerLabel: 'Nachricht', send: 'Senden' }} />);
    expect(screen.getByRole('textbox', { name: 'Nachricht' }).getAttribute('placeholder')).toBe('Ask anything');
    expect(screen.getByRole('button', { name: 'Senden' })).toBeTruthy();
  });
});
