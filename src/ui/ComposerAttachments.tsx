import { useEffect, useRef, useState, type MutableRefObject } from 'react';
import { useIsomorphicLayoutEffect } from '../react/use-latest';
import { attachmentLabels } from './attachment-labels';
import { checkFiles, type AttachmentRules } from './attachment-rules';
import { fill } from './fill';
import { formatBytes } from './format-bytes';
import { useLabels, type UILabels } from './labels';

export interface ComposerAttachmentsProps extends AttachmentRules {
  /**
   * The composer's send (Enter, the send button) goes here: the component sets it, and sends the
   * text with its files. (Paste and drag-and-drop it takes from the composer's form itself.)
   */
  send: MutableRefObject<((value: string) => void) | undefined>;
  /** The composer's `onSubmit`: called with the text and the attached files (see `ComposerProps`). */
  onSubmit: (value: string, files?: File[]) => void | Promise<unknown>;
  /** Whether files are attached now: the composer can send without text then. */
  onAttachedChange: (attached: boolean) => void;
  disabled?: boolean;
  labels?: Partial<UILabels>;
}

/**
 * The composer's attachments: an attach button (a hidden file input behind it), paste and
 * drag-and-drop, previews with a remove button, and an alert naming a refused file. A refused
 * file changes nothing else: the typed text and the other files stay. Pass it to `Composer` (or
 * `Chat`) as `attachments={ComposerAttachments}`; an app that does not never loads it.
 *
 * It owns the files: a send takes them along and clears them, or, when `onSubmit` returns a
 * promise, once it settles unless it resolves to `false` (a refused send keeps them).
 */
export function ComposerAttachments({ send, onSubmit, onAttachedChange, accept, maxFileSize, maxFiles, disabled, labels }: ComposerAttachmentsProps) {
  const l = useLabels(labels, attachmentLabels);
  const input = useRef<HTMLInputElement>(null);
  const attach = useRef<HTMLButtonElement>(null);
  const [files, setFiles] = useState<File[]>([]);
  const [problem, setProblem] = useState('');
  const submitting = useRef(false);
  const full = maxFiles !== undefined && files.length >= maxFiles;
  const attached = files.length > 0;
  useIsomorphicLayoutEffect(() => {
    onAttachedChange(attached);
    return () => onAttachedChange(false); // taken away: the composer has no files then
  }, [attached, onAttachedChange]);

  const add = (incoming: ArrayLike<File>) => {
    const { accepted, problems } = checkFiles(Array.from(incoming), files, { accept, maxFileSize, maxFiles }, l);
    if (accepted.length > 0) setFiles([...files, ...accepted]);
    setProblem(problems.join(' '));
  };

  const remove = (file: File) => {
    setFiles(files.filter((f) => f !== file));
    setProblem('');
    attach.current?.focus(); // the removed button took the focus with it
  };

  const submit = (value: string) => {
    if (submitting.current) return;
    if (!attached) return void onSubmit(value);
    const outcome = onSubmit(value, files);
    if (!(outcome instanceof Promise)) return setFiles([]);
    submitting.current = true;
    void outcome
      .then(
        (accepted) => accepted !== false && setFiles((current) => (current === files ? [] : current)),
        () => {},
      )
      .finally(() => (submitting.current = false));
  };

  // The form's paste and drag-and-drop events, and its submit, with this render's files (all
  // replaced after each render). The attach button's form is the composer's.
  useIsomorphicLayoutEffect(() => {
    const form = attach.current?.form;
    const onEvent = (event: Event) => {
      if (disabled || !form) return;
      if (event.type === 'paste') {
        const pasted = (event as ClipboardEvent).clipboardData?.files;
        if (!pasted?.length) return; // plain text pastes as usual
        event.preventDefault();
        add(pasted);
        return;
      }
      const data = (event as DragEvent).dataTransfer;
      if (!data || !Array.from(data.types).includes('Files')) return;
      event.preventDefault();
      if (event.type === 'dragover') {
        data.dropEffect = 'copy';
        form.dataset.dragging = '';
        return;
      }
      delete form.dataset.dragging;
      if (event.type === 'drop') add(data.files);
    };
    for (const type of formEvents) form?.addEventListener(type, onEvent);
    send.current = submit;
    return () => {
      for (const type of formEvents) form?.removeEventListener(type, onEvent);
      send.current = undefined;
    };
  });

  return (
    <>
      {files.length > 0 || problem ? (
        <div className="ask-attachments">
          {files.length > 0 ? (
            <ul className="ask-attachment-list" aria-label={l.attachments}>
              {files.map((file) => (
                <AttachmentPreview key={keyOf(file)} file={file} removeLabel={fill(l.removeFile, { name: file.name })} onRemove={() => remove(file)} disabled={disabled} />
              ))}
            </ul>
          ) : null}
          {problem ? (
            <p className="ask-attachment-error" role="alert">
              {problem}
            </p>
          ) : null}
        </div>
      ) : null}
      <button
        ref={attach}
        type="button"
        className="ask-button ask-attach-button"
        aria-label={l.attachFiles}
        title={l.attachFiles}
        disabled={disabled || full}
        onClick={() => input.current?.click()}
      >
        <svg className="ask-icon" viewBox="0 0 24 24" width="16" height="16" aria-hidden="true">
          <path d="M20 11.5l-7.8 7.8a5 5 0 0 1-7-7L13 4.5a3.3 3.3 0 0 1 4.7 4.7l-7.8 7.8a1.7 1.7 0 0 1-2.4-2.4l7.1-7.1" />
        </svg>
      </button>
      <input
        ref={input}
        type="file"
        multiple={maxFiles !== 1}
        accept={accept}
        hidden
        onChange={(event) => {
          add(event.target.files ?? []);
          event.target.value = ''; // the same file can be picked again after a remove
        }}
      />
    </>
  );
}

const formEvents = ['paste', 'dragover', 'dragleave', 'drop'];

const keys = new WeakMap<File, number>();
let nextKey = 0;
/** A key per File object: the same file keeps its preview when another one is removed. */
function keyOf(file: File): number {
  let key = keys.get(file);
  if (key === undefined) keys.set(file, (key = nextKey++));
  return key;
}

function AttachmentPreview({ file, removeLabel, onRemove, disabled }: { file: File; removeLabel: string; onRemove: () => void; disabled?: boolean | undefined }) {
  const url = useObjectUrl(file.type.startsWith('image/') ? file : undefined);
  return (
    <li className="ask-attachment" title={file.type || undefined}>
      {url ? <img className="ask-attachment-thumb" src={url} alt="" /> : null}
      <span className="ask-attachment-name" dir="auto">
        {file.name}
      </span>
      <span className="ask-attachment-size">{formatBytes(file.size)}</span>
      <button type="button" className="ask-button ask-attachment-remove" aria-label={removeLabel} title={removeLabel} onClick={onRemove} disabled={disabled}>
        <svg className="ask-icon" viewBox="0 0 24 24" width="14" height="14" aria-hidden="true">
          <path d="M6 6l12 12M18 6L6 18" />
        </svg>
      </button>
    </li>
  );
}

/** A `blob:` URL of the user's own file for a preview, revoked when the preview goes. */
function useObjectUrl(file: File | undefined): string | undefined {
  const [url, setUrl] = useState<string>();
  useEffect(() => {
    if (!file) return;
    const created = URL.createObjectURL(file);
    setUrl(created);
    return () => {
      URL.revokeObjectURL(created);
      setUrl(undefined);
    };
  }, [file]);
  return url;
}
