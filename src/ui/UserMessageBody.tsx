import { Suspense, useContext, useEffect, useRef, useState, type ReactNode } from 'react';
import { ChatBusy } from './chat-busy';
import { Icon } from './icons';
import { useLabels, type UILabels } from './labels';
import { LazyMessageEditor } from './lazy-branch-ui';
import type { Message } from '../core/types';

export interface UserMessageBodyProps {
  message: Message;
  /** It has attachments (shown above it): without text, no empty bubble. */
  hasFiles?: boolean;
  /** Offers Edit: the new text goes here. */
  onEdit?: ((messageId: string, content: string) => void) | undefined;
  /** The branch picker, when the message has versions. */
  picker?: ReactNode;
  labels?: Partial<UILabels> | undefined;
}

/** A user or system message's text (as written, never markdown), with Edit and the branch picker. */
export function UserMessageBody({ message, hasFiles, onEdit, picker, labels }: UserMessageBodyProps) {
  const l = useLabels(labels);
  const busy = useContext(ChatBusy);
  const [editing, setEditing] = useState(false);
  const editButton = useRef<HTMLButtonElement>(null);
  const cancelled = useRef(false);
  useEffect(() => {
    // Cancel puts the focus back on Edit; a sent edit replaces this message (the chat decides where focus goes).
    if (!editing && cancelled.current) editButton.current?.focus();
    cancelled.current = false;
  }, [editing]);

  const text =
    message.content || !hasFiles ? (
      <div className="ask-message-text" dir="auto">
        {message.content}
      </div>
    ) : null;
  if (editing && onEdit) {
    return (
      <Suspense fallback={text}>
        <LazyMessageEditor
          value={message.content}
          labels={labels}
          onSubmit={(content) => {
            setEditing(false);
            onEdit(message.id, content);
          }}
          onCancel={() => {
            cancelled.current = true;
            setEditing(false);
          }}
        />
      </Suspense>
    );
  }
  return (
    <>
      {text}
      {onEdit || picker ? (
        <div className="ask-message-actions">
          {onEdit ? (
            <button type="button" ref={editButton} className="ask-button ask-edit-button" disabled={busy} onClick={() => setEditing(true)}>
              <Icon name="edit" />
              <span>{l.edit}</span>
            </button>
          ) : null}
          {picker}
        </div>
      ) : null}
    </>
  );
}
