// Hooks benchmark: our useChatStream (default throttle), rendering the reply as plain text.
import { Profiler, useEffect } from 'react';
import { createRoot } from 'react-dom/client';
import { useChatStream } from '../../../src/react/index.ts';
import { onRender, ready, setRenderedChars } from './harness.js';

const cfg = window.__BENCH;
let start;

function App() {
  const { messages, send } = useChatStream({ endpoint: cfg.api, protocol: 'kit' });
  useEffect(() => {
    start = () => send('Write the benchmark reply.');
  }, [send]);
  let chars = 0;
  const view = messages.map((m) => {
    if (m.role === 'assistant') chars += m.content.length;
    return (
      <div key={m.id} className={`raw message ${m.role}`}>
        {m.content}
      </div>
    );
  });
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
