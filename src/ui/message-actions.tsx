import { useContext, useEffect, useRef, useState, type ReactNode } from 'react';
import { BranchPicker } from './BranchPicker';
import { ChatBusy } from './chat-busy';
import { Icon } from './icons';
import { editLabels } from './edit-labels';
import { useLabels, type UILabels } from './labels';
import { MessageEditor } from './MessageEditor';
import { RegenerateButton } from './RegenerateButton';
import type { EditOptions, Message } from '../core/types';

// Edit (with its inline editor), Regenerate and the branch picker: one chunk, loaded on demand
// (lazy-message-actions.ts), so an app whose messages offer none of them does not carry them.

const editIcon = 'M4 20h4L19 9l-4-4L4 16zM13 7l4 4';

export interface MessageActionsProps {
  message: Message;
  /** User messages: offers Edit; the new text goes here (with the message's files, if it has any). */
  onEdit?: ((messageId: string, content: string, options?: EditOptions) => void) | undefined;
  /** Replies: offers Regenerate. */
  onRegenerate?: ((messageId: string) => void) | undefined;
  branchIndex: number;
  branchCount: number;
  onSwitchBranch?: ((messageId: string, index: number) => void) | undefined;
  /** User messages: their text, shown above Edit; the inline editor takes its place while open. */
  text?: ReactNode;
  labels?: Partial<UILabels> | undefined;
}

export function MessageActions(props: MessageActionsProps) {
  const { message, onRegenerate, labels } = props;
  if (message.role !== 'assistant') return <UserMessageActions {...props} />;
  return (
    <>
      {onRegenerate ? <RegenerateButton onRegenerate={() => onRegenerate(message.id)} labels={labels} /> : null}
      <Picker {...props} />
    </>
  );
}

/** The picker, when the message has versions. */
function Picker({ message, branchIndex, branchCount, onSwitchBranch, labels }: MessageActionsProps) {
  return branchCount > 1 ? <BranchPicker index={branchIndex} count={branchCount} onSwitch={onSwitchBranch && ((index) => onSwitchBranch(message.id, index))} labels={labels} /> : null;
}

/** A user message's text with Edit and the picker under it, or the inline editor in its place. */
function UserMessageActions(props: MessageActionsProps) {
  const { message, onEdit, text, labels } = props;
  const [editing, setEditing] = useState(false);
  const l = useLabels(labels, editLabels);
  const busy = useContext(ChatBusy);
  const editButton = useRef<HTMLButtonElement>(null);
  const cancelled = useRef(false);
  // The <Chat/> around this message (if any), found from the Edit button when the editor opens.
  const chat = useRef<Element | null>(null);
  useEffect(() => {
    // Cancel puts the focus back on Edit; a sent edit replaces this message (the chat decides where focus goes).
    if (!editing && cancelled.current) editButton.current?.focus();
    cancelled.current = false;
  }, [editing]);

  if (editing && onEdit) {
    return (
      <MessageEditor
        value={message.content}
        labels={labels}
        onSubmit={(content) => {
          setEditing(false);
          // The new version keeps the old one's attachments (the inline editor changes the text).
          const files = message.parts?.flatMap((p) => (p.type === 'file' ? [{ url: p.url, mediaType: p.mediaType, name: p.name }] : []));
          if (files?.length) onEdit(message.id, content, { files });
          else onEdit(message.id, content);
          // A sent edit replaces this message: in a <Chat/>, the focus goes on to its composer, as after sending.
          chat.current?.querySelector<HTMLElement>('.ask-composer-input')?.focus();
        }}
        onCancel={() => {
          cancelled.current = true;
          setEditing(false);
        }}
      />
    );
  }
  return (
    <>
      {text}
      <div className="ask-message-actions">
        {onEdit ? (
          <button
            type="button"
            ref={editButton}
            className="ask-button ask-edit-button"
            disabled={busy}
            onClick={(event) => {
              chat.current = event.currentTarget.closest('.ask-chat');
              setEditing(true);
            }}
          >
            <Icon d={editIcon} />
            <span>{l.edit}</span>
          </button>
        ) : null}
        <Picker {...props} />
      </div>
    </>
  );
}
