import { useEffect, useRef, useState, type FormEvent, type KeyboardEvent } from 'react';
import type { ChatSummary } from '../core/persist/chat-list';
import { cx } from './class-names';
import { fill } from './fill';

/** Texts of the chat list; `{title}` is replaced by the chat's title. */
export interface ChatListLabels {
  list: string;
  newChat: string;
  rename: string;
  delete: string;
  titleInput: string;
  save: string;
  cancel: string;
  empty: string;
  loading: string;
}

export const defaultChatListLabels: ChatListLabels = {
  list: 'Chats',
  newChat: 'New chat',
  rename: 'Rename “{title}”',
  delete: 'Delete “{title}”',
  titleInput: 'Chat title',
  save: 'Save',
  cancel: 'Cancel',
  empty: 'No saved chats yet',
  loading: 'Loading chats…',
};

export interface ChatListProps {
  /** From `useChatList()`. */
  chats: readonly ChatSummary[];
  /** The open chat, marked with aria-current. */
  activeId?: string | undefined;
  onSelect: (id: string) => void;
  /** The "New chat" button; typically `onSelect(list.create())`. */
  onNew: () => void;
  onRename: (id: string, title: string) => void;
  onDelete: (id: string) => void;
  isLoading?: boolean;
  className?: string;
  labels?: Partial<ChatListLabels>;
}

/**
 * Saved chats with new, rename and delete. Every action is a button in the tab order; rename
 * edits inline (Enter saves, Escape cancels and gives focus back to the chat's Rename button).
 */
export function ChatList({ chats, activeId, onSelect, onNew, onRename, onDelete, isLoading, className, labels }: ChatListProps) {
  const l = { ...defaultChatListLabels, ...labels };
  const [editing, setEditing] = useState<string>();
  const nav = useRef<HTMLElement>(null);
  const lastEdited = useRef<string>(undefined);
  // When the inline editor closes, focus goes back to that chat's Rename button, not to <body>.
  useEffect(() => {
    const id = lastEdited.current;
    if (editing !== undefined || id === undefined) return;
    lastEdited.current = undefined;
    for (const button of nav.current?.querySelectorAll<HTMLButtonElement>('button[data-rename]') ?? []) {
      if (button.dataset.rename === id) button.focus();
    }
  }, [editing]);
  return (
    <nav ref={nav} className={cx('ask-chat-list', className)} aria-label={l.list}>
      <button type="button" className="ask-button ask-chat-list-new" onClick={onNew}>
        {l.newChat}
      </button>
      {isLoading ? (
        <p className="ask-chat-list-note">{l.loading}</p>
      ) : chats.length === 0 ? (
        <p className="ask-chat-list-note">{l.empty}</p>
      ) : (
        <ul className="ask-chat-list-items">
          {chats.map((chat) => (
            <li key={chat.id} className="ask-chat-list-item" data-active={chat.id === activeId || undefined}>
              {editing === chat.id ? (
                <RenameForm
                  title={chat.title}
                  labels={l}
                  onDone={(title) => {
                    lastEdited.current = chat.id;
                    setEditing(undefined);
                    if (title !== undefined && title !== chat.title) onRename(chat.id, title);
                  }}
                />
              ) : (
                <ChatRow chat={chat} active={chat.id === activeId} labels={l} onSelect={onSelect} onRename={() => setEditing(chat.id)} onDelete={onDelete} />
              )}
            </li>
          ))}
        </ul>
      )}
    </nav>
  );
}

function ChatRow({ chat, active, labels: l, onSelect, onRename, onDelete }: {
  chat: ChatSummary;
  active: boolean;
  labels: ChatListLabels;
  onSelect: (id: string) => void;
  onRename: () => void;
  onDelete: (id: string) => void;
}) {
  return (
    <>
      <button type="button" className="ask-chat-list-open" aria-current={active ? 'page' : undefined} onClick={() => onSelect(chat.id)}>
        <span className="ask-chat-list-title">{chat.title}</span>
        <time className="ask-chat-list-time" dateTime={new Date(chat.updatedAt).toISOString()}>
          {new Date(chat.updatedAt).toLocaleString(undefined, { dateStyle: 'short', timeStyle: 'short' })}
        </time>
      </button>
      <button type="button" className="ask-button ask-chat-list-action" aria-label={fill(l.rename, { title: chat.title })} data-rename={chat.id} onClick={onRename}>
        <span aria-hidden="true">✎</span>
      </button>
      <button type="button" className="ask-button ask-chat-list-action" aria-label={fill(l.delete, { title: chat.title })} onClick={() => onDelete(chat.id)}>
        <span aria-hidden="true">✕</span>
      </button>
    </>
  );
}

function RenameForm({ title, labels: l, onDone }: { title: string; labels: ChatListLabels; onDone: (title?: string) => void }) {
  const [value, setValue] = useState(title);
  const input = useRef<HTMLInputElement>(null);
  useEffect(() => {
    input.current?.focus();
    input.current?.select();
  }, []);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    onDone(value);
  };
  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key !== 'Escape') return;
    event.preventDefault();
    onDone();
  };
  return (
    <form className="ask-chat-list-rename" onSubmit={submit} onKeyDown={onKeyDown}>
      <input ref={input} className="ask-chat-list-input" aria-label={l.titleInput} value={value} onChange={(event) => setValue(event.target.value)} />
      <button type="submit" className="ask-button">
        {l.save}
      </button>
      <button type="button" className="ask-button" onClick={() => onDone()}>
        {l.cancel}
      </button>
    </form>
  );
}
