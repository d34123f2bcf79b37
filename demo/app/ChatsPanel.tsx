import { useChatList } from '../../src/react/index';
import { ChatList } from '../../src/ui/index';
import type { ChatStorage } from '../../src/core/index';

interface Props {
  storage: ChatStorage;
  activeId: string;
  onSelect: (id: string) => void;
}

/** The saved conversations (IndexedDB): open, rename, delete, start a new one. */
export function ChatsPanel({ storage, activeId, onSelect }: Props) {
  const list = useChatList({ storage });
  return (
    <section className="demo-panel demo-chats" aria-labelledby="demo-chats-title">
      <h2 id="demo-chats-title">Saved chats</h2>
      <ChatList
        chats={list.chats}
        isLoading={list.isLoading}
        activeId={activeId}
        onSelect={onSelect}
        onNew={() => onSelect(list.create())}
        onRename={(id, title) => void list.rename(id, title)}
        onDelete={(id) => {
          // The open chat is deleted: start a new one rather than saving it again.
          if (id === activeId) onSelect(list.create());
          void list.remove(id);
        }}
      />
      {list.error && <p role="alert">{list.error.message}</p>}
    </section>
  );
}
