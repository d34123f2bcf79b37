// Hooks benchmark floor/anti-pattern: the hook everyone writes first — fetch, parse SSE with
// eventsource-parser, setState for every token.
import { Profiler, useCallback, useEffect, useState } from 'react';
import { createRoot } from 'react-dom/client';
import { createParser } from 'eventsource-parser';
import { onRender, ready, setRenderedChars } from './harness.js';

const cfg = window.__BENCH;
let start;

function useNaiveChat(api) {
  const [messages, setMessages] = useState([]);
  const send = useCallback(
    async (content) => {
      setMessages((m) => [...m, { id: 'u1', role: 'user', content }, { id: 'a1', role: 'assistant', content: '' }]);
      const res = await fetch(api, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ messages: [{ role: 'user', content }] }) });
      const parser = createParser({
        onEvent(ev) {
          if (ev.event !== 'token') return;
          const { token } = JSON.parse(ev.data);
          setMessages((m) => m.map((msg) => (msg.id === 'a1' ? { ...msg, content: msg.content + token } : msg)));
        },
      });
      const reader = res.body.pipeThrough(new TextDecoderStream()).getReader();
      for (;;) {
        const { value, done } = await reader.read();
        if (done) break;
        parser.feed(value);
      }
    },
    [api],
  );
  return { messages, send };
}

function App() {
  const { messages, send } = useNaiveChat(cfg.api);
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
