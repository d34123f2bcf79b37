// Test page for the tool-call UI in Chromium: a MessageList whose reply asks for approval and
// has a client tool answered by a custom renderer. A tiny in-page loop moves the calls along the
// way the core's tool loop will; every callback is recorded on `window.__tools.calls`.
// With `#stream` the reply starts as text only, and `window.__tools.stream()` streams one call in
// (arguments growing, then approval requested); what the list's status region says is recorded.
import { useEffect, useState } from 'react';
import { createRoot } from 'react-dom/client';
import { MessageList, type ToolRendererProps } from '../../../src/ui';
import '../../../src/ui/styles.css';
import type { MessagePart, ToolCallPart } from '../../../src/core/message-parts';
import type { Message } from '../../../src/core/types';

export type ToolCallback = ['approve', string] | ['deny', string, string | undefined] | ['result', string, unknown];

declare global {
  interface Window {
    __tools: { calls: ToolCallback[]; said: string[]; stream?: () => void };
  }
}

window.__tools = { calls: [], said: [] };
const streamed = location.hash === '#stream';

const initialParts: MessagePart[] = [
  { type: 'text', text: 'I will delete both notes and book a table.' },
  { type: 'tool-call', id: 'call_a', name: 'delete_note', argsText: '{"noteId":1}', args: { noteId: 1 }, state: 'approval-requested' },
  { type: 'tool-call', id: 'call_b', name: 'delete_note', argsText: '{"noteId":2}', args: { noteId: 2 }, state: 'approval-requested' },
  { type: 'tool-call', id: 'call_c', name: 'pick_date', argsText: '{}', args: {}, state: 'input-available' },
];

function DatePicker({ part, addToolResult }: ToolRendererProps) {
  const [date, setDate] = useState('2026-12-24');
  if (part.state === 'output-available') return <p className="picked">Picked {(part.output as { date: string }).date}</p>;
  return (
    <form onSubmit={(event) => (event.preventDefault(), addToolResult({ date }))}>
      <label>
        Date <input type="date" value={date} onChange={(event) => setDate(event.target.value)} />
      </label>
      <button type="submit">Use this date</button>
    </form>
  );
}
const toolRenderers = { pick_date: DatePicker };

function App() {
  const [parts, setParts] = useState(streamed ? initialParts.slice(0, 1) : initialParts);
  const update = (id: string, change: Partial<ToolCallPart>) =>
    setParts((current) => current.map((p) => (p.type === 'tool-call' && p.id === id ? { ...p, ...change } : p)));
  useEffect(() => {
    const region = document.querySelector('.ask-message-list > [role="status"]')!;
    const said = new MutationObserver(() => region.textContent && window.__tools.said.push(region.textContent));
    said.observe(region, { childList: true, characterData: true, subtree: true });
    window.__tools.stream = () => {
      const call: ToolCallPart = { type: 'tool-call', id: 'call_a', name: 'delete_note', argsText: '', state: 'input-streaming' };
      const steps: Partial<ToolCallPart>[] = [{ argsText: '{"note' }, { argsText: '{"noteId":1}' }, { args: { noteId: 1 }, state: 'approval-requested' }];
      setParts((current) => [...current, call]);
      steps.forEach((change, i) => setTimeout(() => update('call_a', change), 20 * (i + 1)));
    };
    return () => said.disconnect();
  }, []);
  const message: Message = { id: 'a1', role: 'assistant', content: 'I will delete both notes and book a table.', timestamp: 0, status: 'streaming', parts };
  return (
    <MessageList
      messages={[{ id: 'u1', role: 'user', content: 'Clean up my notes and book dinner', timestamp: 0 }, message]}
      isStreaming
      toolRenderers={toolRenderers}
      onApprove={(id) => (window.__tools.calls.push(['approve', id]), update(id, { state: 'running' }))}
      onDeny={(id, reason) => (window.__tools.calls.push(['deny', id, reason]), update(id, { state: 'output-denied', denialReason: reason }))}
      onToolResult={(id, output) => (window.__tools.calls.push(['result', id, output]), update(id, { state: 'output-available', output }))}
    />
  );
}

createRoot(document.getElementById('root')!).render(<App />);
