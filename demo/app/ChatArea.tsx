import { useMemo } from 'react';
import type { UseChatStreamResult } from '../../src/react/index';
import { Chat, ComposerAttachments } from '../../src/ui/index';
import { createShikiHighlighter } from '../../src/ui/shiki';
import { createKatexMath } from '../../src/ui/katex';
import { demoToolRenderers } from './tools';
import 'katex/dist/katex.min.css';

/** Shiki and each grammar are fetched with the first code block that needs them, KaTeX with the first formula. */
const highlighter = createShikiHighlighter();
const math = createKatexMath();

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
      toolRenderers={demoToolRenderers}
      highlighter={highlighter}
      math={math}
      placeholder="Ask something, or try /help"
      attachments={ComposerAttachments}
      accept="image/png,image/jpeg,image/gif,image/webp,application/pdf,text/*,.md,.csv,.json"
      maxFileSize={4 * 1024 * 1024}
      maxFiles={3}
    />
  );
}
