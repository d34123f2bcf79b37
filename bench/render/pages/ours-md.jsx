// ours, like for like with the peers' setup: useChatStream + StreamingMarkdown (no highlighter).
import { Profiler, useEffect } from 'react';
import { createRoot } from 'react-dom/client';
import { useChatStream } from '../../../src/react/index.ts';
import { StreamingMarkdown } from '../../../src/ui/index.ts';
import '../../../src/ui/styles.css';
import { onRender, ready, setRenderedChars } from './harness.js';

const cfg = window.__BENCH;
let start;

function App() {
  const { messages, send, isStreaming } = useChatStream({ endpoint: cfg.api, protocol: 'kit' });
  useEffect(() => {
    start = () => send('Write the benchmark reply.');
  }, [send]);
  let chars = 0;
  const view = (
    <div className="messages">
      {messages.map((m) => {
        if (m.role === 'assistant') chars += m.content.length;
        return (
          <div key={m.id} className={`message ${m.role}`}>
            {m.role === 'assistant' ? <StreamingMarkdown content={m.content} streaming={isStreaming && m.status === 'streaming'} /> : <p>{m.content}</p>}
          </div>
        );
      })}
    </div>
  );
  setRenderedChars(chars);
  return view;
}

const root = document.getElementById('root');
createRoot(root).render(
  <Profiler id="chat" onRender={onRender}>
    <App />
  </Profiler>,
);
const wait = () => (start ? ready(root, () => start()) : setTimeout(wait, 10));
wait();
