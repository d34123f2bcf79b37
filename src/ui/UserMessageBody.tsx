import { useState } from 'react';
import { MessageActionsSlot } from './lazy-message-actions';
import type { MessageActionsProps } from './message-actions';

export interface UserMessageBodyProps extends Omit<MessageActionsProps, 'onRegenerate' | 'editing' | 'setEditing'> {
  /** It has attachments (shown above it): without text, no empty bubble. */
  hasFiles?: boolean;
}

/** A user or system message's text (as written, never markdown), with Edit and the branch picker. */
export function UserMessageBody({ hasFiles, ...actions }: UserMessageBodyProps) {
  // The inline editor (in the actions' chunk) takes the text's place while it is open.
  const [editing, setEditing] = useState(false);
  const { content } = actions.message;
  return (
    <>
      {(content || !hasFiles) && !(editing && actions.onEdit) ? (
        <div className="ask-message-text" dir="auto">
          {content}
        </div>
      ) : null}
      {actions.onEdit || actions.branchCount > 1 ? <MessageActionsSlot {...actions} editing={editing} setEditing={setEditing} /> : null}
    </>
  );
}
