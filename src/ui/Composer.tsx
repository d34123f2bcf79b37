import { useRef, useState, type ComponentType, type CSSProperties, type FormEvent, type KeyboardEvent } from 'react';
import { useIsomorphicLayoutEffect } from '../react/use-latest';
import { cx } from './class-names';
import { Icon } from './icons';
import { useLabels, type UILabels } from './labels';
import { StopButton } from './StopButton';
import type { AttachmentRules } from './attachment-rules';
import type { ComposerAttachmentsProps } from './ComposerAttachments';

export interface ComposerProps extends AttachmentRules {
  value: string;
  onChange: (value: string) => void;
  /**
   * Called with the text (and the attached files, when there are any) on Enter or the send button.
   * Not called while streaming or disabled. The files are cleared; the text is the app's to clear.
   * With attachments, return a promise to keep the files until it settles: resolving to `false`
   * (the send was refused) keeps them; until then the composer does not submit again.
   */
  onSubmit: (value: string, files?: File[]) => void | Promise<unknown>;
  /**
   * Lets the user attach files (button, paste, drag-and-drop): pass `ComposerAttachments`. Apps
   * that leave it out do not load the attachment UI. `accept`, `maxFileSize` and `maxFiles` limit them.
   */
  attachments?: ComponentType<ComposerAttachmentsProps>;
  /** Stops the streaming reply (Escape, or the stop button). */
  onStop?: () => void;
  isStreaming?: boolean;
  /** Disables the whole composer, e.g. while a request is being submitted. */
  disabled?: boolean;
  placeholder?: string;
  labels?: Partial<UILabels>;
  /** Rows the textarea grows to before it scrolls. Default 8. */
  maxRows?: number;
  autoFocus?: boolean;
  className?: string;
}

/**
 * The message input: a textarea that grows with its text. Enter sends, Shift+Enter breaks
 * the line, Escape stops a streaming reply. Enter that confirms an IME composition (Chinese,
 * Japanese, Korean input) never sends.
 */
export function Composer({
  value,
  onChange,
  onSubmit,
  onStop,
  isStreaming = false,
  disabled = false,
  placeholder,
  labels,
  maxRows = 8,
  autoFocus,
  className,
  attachments: Attachments,
  accept,
  maxFileSize,
  maxFiles,
}: ComposerProps) {
  const l = useLabels(labels);
  const textarea = useRef<HTMLTextAreaElement>(null);
  const composing = useRef(false);
  // The attachment UI (when passed) owns the files (paste and drop included): a send goes through
  // it, and it says whether there are any (a send needs no text then).
  const sendWithFiles = useRef<(value: string) => void>(undefined);
  const [attached, setAttached] = useState(false);
  const canSend = !disabled && !isStreaming && (value.trim() !== '' || attached);

  useIsomorphicLayoutEffect(() => {
    const el = textarea.current;
    if (!el) return;
    // Fit the text: measure from one row so the box shrinks as well as grows. The stylesheet's
    // max-height (maxRows lines) caps it, and past that it scrolls.
    el.style.height = 'auto';
    el.style.height = `${el.scrollHeight}px`;
  }, [value]);

  const submit = () => {
    if (canSend) void (sendWithFiles.current ?? onSubmit)(value);
  };

  const onKeyDown = (event: KeyboardEvent<HTMLTextAreaElement>) => {
    if (event.key === 'Escape' && isStreaming && onStop) {
      event.preventDefault();
      onStop();
      return;
    }
    if (event.key !== 'Enter' || event.shiftKey) return;
    // keyCode 229: the key went to the IME (Safari reports isComposing false on the confirming Enter).
    if (composing.current || event.nativeEvent.isComposing || event.keyCode === 229) return;
    event.preventDefault();
    submit();
  };

  const onFormSubmit = (event: FormEvent) => {
    event.preventDefault();
    submit();
  };

  return (
    <form className={cx('ask-composer', className)} onSubmit={onFormSubmit} data-streaming={isStreaming || undefined} data-attachments={Attachments ? '' : undefined}>
      {Attachments ? (
        <Attachments send={sendWithFiles} onSubmit={onSubmit} onAttachedChange={setAttached} {...{ accept, maxFileSize, maxFiles, disabled, labels }} />
      ) : null}
      <textarea
        ref={textarea}
        className="ask-composer-input"
        rows={1}
        style={{ '--ask-composer-rows': maxRows } as CSSProperties}
        dir="auto"
        value={value}
        placeholder={placeholder ?? l.composerPlaceholder}
        aria-label={l.composerLabel}
        disabled={disabled}
        autoFocus={autoFocus}
        onChange={(event) => onChange(event.target.value)}
        onKeyDown={onKeyDown}
        onCompositionStart={() => (composing.current = true)}
        onCompositionEnd={() => (composing.current = false)}
      />
      {isStreaming && onStop ? (
        <StopButton onStop={onStop} labels={labels} disabled={disabled} />
      ) : (
        <button type="submit" className="ask-button ask-send-button" disabled={!canSend} aria-label={l.send} title={l.send}>
          <Icon name="send" />
        </button>
      )}
    </form>
  );
}
