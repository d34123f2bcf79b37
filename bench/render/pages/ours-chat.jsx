// (a) ours: the drop-in <Chat/> (message list with stick-to-bottom, markdown without a highlighter,
// composer, usage), driven by our useChatStream through its `chat` prop.
import { Profiler, useEffect } from 'react';
import { createRoot } from 'react-dom/client';
import { useChatStream } from '../../../src/react/index.ts';
import { Chat } from '../../../src/ui/index.ts';
import '../../../src/ui/styles.css';
import { onRender, ready, setRenderedChars } from './harness.js';

const cfg = window.__BENCH;
let start;

function App() {
  const chat = useChatStream({ endpoint: cfg.api, protocol: 'kit' });
  const { send } = chat;
  useEffect(() => {
    start = () => send('Write the benchmark reply.');
  }, [send]);
  let chars = 0;
  for (const m of chat.messages) if (m.role === 'assistant') chars += m.content.length;
  setRenderedChars(chars);
  return (
    <div style={{ height: '100vh', display: 'flex', flexDirection: 'column' }}>
      <Chat chat={chat} />
    </div>
  );
}

const root = document.getElementById('root');
createRoot(root).render(
  <Profiler id="chat" onRender={onRender}>
    <App />
  </Profiler>,
);
const wait = () => (start ? ready(root, () => start()) : setTimeout(wait, 10));
wait();
