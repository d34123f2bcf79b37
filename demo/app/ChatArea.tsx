import { useMemo } from 'react';
import type { UseChatStreamResult } from '../../src/react/index';
import { Chat, createLazyHighlighter } from '../../src/ui/index';

/** Fetched with the first code block, not with the page. */
const highlighter = createLazyHighlighter(() => import('./tiny-highlighter'));

/** The demo model sends tool outputs as `metadata.toolResults` (by tool call id); <Chat/> shows them under each call. */
function useToolResults(chat: UseChatStreamResult): Record<string, unknown> {
  const { messages } = chat;
  return useMemo(() => {
    const results: Record<string, unknown> = {};
    for (const message of messages) {
      const fromMessage = message.metadata?.toolResults;
      if (fromMessage && typeof fromMessage === 'object') Object.assign(results, fromMessage);
    }
    return results;
  }, [messages]);
}

/** The kit's drop-in <Chat/>, driven by the page's own useChatStream (so the metrics panel can listen to it). */
export function ChatArea({ chat }: { chat: UseChatStreamResult }) {
  const toolResults = useToolResults(chat);
  return (
    <Chat
      chat={chat}
      className="demo-chat"
      toolResults={toolResults}
      highlighter={highlighter}
      placeholder="Ask something, or try /help"
    />
  );
}
