import { useCallback, useState } from 'react';
import { useChatStream } from '../../src/react/index';
import { ChatArea } from './ChatArea';
import { MetricsPanel } from './MetricsPanel';
import { ScenarioList } from './ScenarioList';
import { applyTheme, initialTheme, type Theme } from './theme';
import { useModels } from './use-models';
import { useReplyMetrics } from './use-reply-metrics';

export function App() {
  const { models, scenarios, error: modelsError } = useModels();
  const [picked, setPicked] = useState<string | undefined>(undefined);
  const model = picked ?? models[0]?.id;
  const [theme, setTheme] = useState<Theme>(initialTheme);

  const chat = useChatStream({
    id: 'demo',
    endpoint: '/api/chat',
    model,
    retry: { maxRetries: 3, initialDelay: 500, maxDelay: 5000 },
    idleTimeout: 45_000,
  });
  const metrics = useReplyMetrics(chat.stream);
  const { send, isStreaming } = chat;
  const pickScenario = useCallback((command: string) => void send(command), [send]);

  const toggleTheme = () => {
    const next = theme === 'dark' ? 'light' : 'dark';
    applyTheme(next);
    setTheme(next);
  };
  const demoOnly = models.length <= 1;

  return (
    <div className="demo-layout">
      <header className="demo-header">
        <h1>
          ai-stream-kit <span className="demo-subtitle">streaming chat demo</span>
        </h1>
        <div className="demo-controls">
          <label className="demo-model-picker">
            <span>Model</span>
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
            {theme === 'dark' ? '☾ Dark' : '☀ Light'}
          </button>
        </div>
      </header>
      {modelsError && (
        <p className="demo-banner" role="alert">
          Could not load the model list: {modelsError}
        </p>
      )}
      <main className="demo-main">
        <ChatArea chat={chat} />
      </main>
      <aside className="demo-aside">
        <MetricsPanel metrics={metrics} />
        <ScenarioList scenarios={demoOnly || model === 'demo' ? scenarios : []} disabled={isStreaming} onPick={pickScenario} />
        {!demoOnly && model !== 'demo' && (
          <p className="demo-panel demo-note">Scenarios are commands of the demo model; pick it above to try them.</p>
        )}
      </aside>
    </div>
  );
}
