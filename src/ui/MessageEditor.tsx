import { useId, useRef, useState, type FormEvent, type KeyboardEvent } from 'react';
import { useIsomorphicLayoutEffect } from '../react/use-latest';
import { cx } from './class-names';
import { editLabels } from './edit-labels';
import { useLabels, type UILabels } from './labels';

export interface MessageEditorProps {
  /** The text it starts with (the message being edited). */
  value: string;
  /** Called with the new text on Enter or the send button. */
  onSubmit: (content: string) => void;
  /** Escape or the cancel button. */
  onCancel: () => void;
  className?: string;
  labels?: Partial<UILabels>;
}

/**
 * Edits a sent message in place: Enter sends the new version, Shift+Enter breaks the line,
 * Escape cancels. Takes the focus when it opens, with the caret at the end.
 */
export function MessageEditor({ value, onSubmit, onCancel, className, labels }: MessageEditorProps) {
  const l = useLabels(labels, editLabels);
  const [text, setText] = useState(value);
  const input = useRef<HTMLTextAreaElement>(null);
  const id = useId();
  const canSend = text.trim() !== '';

  useIsomorphicLayoutEffect(() => {
    const el = input.current!;
    el.focus();
    el.setSelectionRange(el.value.length, el.value.length);
  }, []);
  useIsomorphicLayoutEffect(() => {
    const el = input.current!;
    el.style.height = 'auto';
    el.style.height = `${el.scrollHeight}px`;
  }, [text]);

  const submit = (event?: FormEvent) => {
    event?.preventDefault();
    if (canSend) onSubmit(text);
  };
  const onKeyDown = (event: KeyboardEvent<HTMLTextAreaElement>) => {
    if (event.key === 'Escape') {
      event.preventDefault();
      onCancel();
    } else if (event.key === 'Enter' && !event.shiftKey && !event.nativeEvent.isComposing && event.keyCode !== 229) {
      submit(event);
    }
  };

  return (
    <form className={cx('ask-message-editor', className)} onSubmit={submit}>
      <label htmlFor={id} className="ask-visually-hidden">
        {l.editMessage}
      </label>
      <textarea id={id} ref={input} className="ask-message-editor-input" rows={1} dir="auto" value={text} onChange={(event) => setText(event.target.value)} onKeyDown={onKeyDown} />
      <div className="ask-message-editor-actions">
        <button type="button" className="ask-button" onClick={onCancel}>
          {l.editCancel}
        </button>
        <button type="submit" className="ask-button ask-button-primary" disabled={!canSend}>
          {l.editSend}
        </button>
      </div>
    </form>
  );
}
