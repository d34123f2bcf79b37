// The common AI SDK setup: useChat with the default transport, each text part through a markdown component.
import { Profiler, useEffect } from 'react';
import { createRoot } from 'react-dom/client';
import { useChat } from '@ai-sdk/react';
import { DefaultChatTransport } from 'ai';
import { onRender, ready, setRenderedChars } from './harness.js';

const cfg = window.__BENCH;
let start;
const transport = new DefaultChatTransport({ api: cfg.api });

function App({ Markdown }) {
  const { messages, sendMessage, status } = useChat({ transport, experimental_throttle: cfg.throttle });
  useEffect(() => {
    start = () => sendMessage({ text: 'Write the benchmark reply.' });
  }, [sendMessage]);
  let chars = 0;
  const view = (
    <div className="messages">
      {messages.map((m) => (
        <div key={m.id} className={`message ${m.role}`}>
          {m.parts.map((part, i) => {
            if (part.type !== 'text') return null;
            if (m.role === 'assistant') chars += part.text.length;
            return m.role === 'assistant' ? <Markdown key={i} text={part.text} streaming={status === 'streaming'} /> : <p key={i}>{part.text}</p>;
          })}
        </div>
      ))}
    </div>
  );
  setRenderedChars(chars);
  return view;
}

export function mount(Markdown) {
  const root = document.getElementById('root');
  createRoot(root).render(
    <Profiler id="chat" onRender={onRender}>
      <App Markdown={Markdown} />
    </Profiler>,
  );
  const wait = () => (start ? ready(root, () => start()) : setTimeout(wait, 10));
  wait();
}
