import { useCallback, useRef, useState, type KeyboardEvent } from 'react';
import { indexedDBChats } from '../../src/core/index';
import { useChatStream } from '../../src/react/index';
import { ChatArea } from './ChatArea';
import { ChatsPanel } from './ChatsPanel';
import { MetricsPanel } from './MetricsPanel';
import { ScenarioList } from './ScenarioList';
import { demoTools } from './tools';
import { applyTheme, initialTheme, type Theme } from './theme';
import { useModels } from './use-models';
import { useNarrowScreen } from './use-narrow-screen';
import { useActiveChat } from './use-active-chat';
import { useReplyMetrics } from './use-reply-metrics';
import { useVisualViewportHeight } from './use-visual-viewport';

/** Conversations live in IndexedDB (idb-keyval, loaded with the first read): they survive a reload, even mid-reply. */
const storage = indexedDBChats({ database: 'ai-stream-kit-demo' });

export function App() {
  const modelsState = useModels();
  const [picked, setPicked] = useState<string | undefined>(undefined);
  const [chatId, setChatId] = useActiveChat();
  // One page per chat: a hook stays bound to the id it was created with.
  return <ChatPage key={chatId} chatId={chatId} onSelectChat={setChatId} modelsState={modelsState} picked={picked} setPicked={setPicked} />;
}

interface ChatPageProps {
  chatId: string;
  onSelectChat: (id: string) => void;
  modelsState: ReturnType<typeof useModels>;
  picked: string | undefined;
  setPicked: (model: string) => void;
}

function ChatPage({ chatId, onSelectChat, modelsState, picked, setPicked }: ChatPageProps) {
  const { models, scenarios, error: modelsError } = modelsState;
  const model = picked ?? models[0]?.id;
  const [theme, setTheme] = useState<Theme>(initialTheme);

  const chat = useChatStream({
    id: chatId,
    storage,
    endpoint: '/api/chat',
    model,
    retry: { maxRetries: 3, initialDelay: 500, maxDelay: 5000 },
    idleTimeout: 45_000,
    // Tools the page runs (a real model gets their definitions too); see ./tools.tsx.
    tools: demoTools,
    maxSteps: 5,
  });
  const metrics = useReplyMetrics(chat.stream);
  const { send, isStreaming } = chat;
  useVisualViewportHeight();

  // Below 768 px the metrics and scenarios fold into a drawer under the header (demo.css); the
  // toggle only shows there, so on a wide screen `panelsOpen` changes nothing.
  const narrow = useNarrowScreen();
  const [panelsOpen, setPanelsOpen] = useState(false);
  const panelsToggle = useRef<HTMLButtonElement>(null);
  const closePanelsOnEscape = (event: KeyboardEvent) => {
    const toggle = panelsToggle.current;
    if (event.key !== 'Escape' || !narrow || !panelsOpen || !toggle) return;
    setPanelsOpen(false);
    toggle.focus();
  };
  const pickScenario = useCallback(
    (command: string) => {
      // Back to the chat, to watch the reply.
      setPanelsOpen(false);
      void send(command);
    },
    [send],
  );

  const toggleTheme = () => {
    const next = theme === 'dark' ? 'light' : 'dark';
    applyTheme(next);
    setTheme(next);
  };
  const demoOnly = models.length <= 1;

  const panels = (
    <aside
      id="demo-panels"
      className="demo-aside"
      aria-label="Saved chats, reply metrics and scenarios"
      data-open={panelsOpen || undefined}
      onKeyDown={closePanelsOnEscape}
      // It scrolls, and while a reply streams its buttons are disabled: then it is focusable
      // itself, so the keyboard can still scroll it (otherwise the buttons are the tab stops).
      tabIndex={isStreaming ? 0 : undefined}
    >
      <MetricsPanel metrics={metrics} />
      <ScenarioList scenarios={demoOnly || model === 'demo' ? scenarios : []} disabled={isStreaming} onPick={pickScenario} />
      {!demoOnly && model !== 'demo' && (
        <p className="demo-panel demo-note">Scenarios are commands of the demo model; pick it above to try them.</p>
      )}
      <ChatsPanel storage={storage} activeId={chatId} onSelect={onSelectChat} />
    </aside>
  );

  return (
    <div className="demo-layout">
      <header className="demo-header">
        <h1>
          ai-stream-kit <span className="demo-subtitle">streaming chat demo</span>
        </h1>
        <div className="demo-controls">
          <label className="demo-model-picker">
            <span className="demo-model-label">Model</span>
            <select value={model ?? ''} onChange={(event) => setPicked(event.target.value)} disabled={isStreaming || models.length === 0}>
              {models.map((m) => (
                <option key={m.id} value={m.id}>
                  {m.label}
                </option>
              ))}
            </select>
          </label>
          <button
            type="button"
            className="demo-theme-switch"
            role="switch"
            aria-checked={theme === 'dark'}
            onClick={toggleTheme}
          >
            {/* On a phone only the symbol shows; the word stays in the switch's name. */}
            {theme === 'dark' ? '☾' : '☀'} <span className="demo-theme-word">{theme === 'dark' ? 'Dark' : 'Light'}</span>
          </button>
          <button
            ref={panelsToggle}
            type="button"
            className="demo-panels-toggle"
            aria-expanded={panelsOpen}
            aria-controls="demo-panels"
            onClick={() => setPanelsOpen((open) => !open)}
          >
            Details
          </button>
        </div>
      </header>
      {modelsError && (
        <p className="demo-banner" role="alert">
          Could not load the model list: {modelsError}
        </p>
      )}
      {/* In the DOM where it shows, so the focus order follows the screen: under the header on a phone. */}
      {narrow ? panels : null}
      <main className="demo-main">
        <ChatArea chat={chat} />
      </main>
      {narrow ? null : panels}
    </div>
  );
}
