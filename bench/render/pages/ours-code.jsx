// A long fenced code block streamed token by token into StreamingMarkdown, one React commit per
// token, each in its own task: per-commit cost over the block's growth, and the longest task.
import { flushSync } from 'react-dom';
import { createRoot } from 'react-dom/client';
import { StreamingMarkdown } from '../../../src/ui/index.ts';
import { createShikiHighlighter } from '../../../src/ui/shiki.ts';
import '../../../src/ui/styles.css';

const longTasks = [];
new PerformanceObserver((list) => {
  for (const entry of list.getEntries()) longTasks.push(entry.duration);
}).observe({ type: 'longtask', buffered: true });

// A macrotask without setTimeout's 4 ms clamp.
const channel = new MessageChannel();
const queue = [];
channel.port1.onmessage = () => queue.shift()?.();
const nextTask = () => new Promise((resolve) => (queue.push(resolve), channel.port2.postMessage(0)));

window.__run = async (tokens, { shiki }) => {
  const highlighter = shiki ? createShikiHighlighter() : undefined;
  const root = createRoot(document.getElementById('root'));
  longTasks.length = 0;
  const costs = [];
  let text = '';
  const started = performance.now();
  for (const token of tokens) {
    text += token;
    const t0 = performance.now();
    flushSync(() => root.render(<StreamingMarkdown content={text} streaming highlighter={highlighter} />));
    costs.push(performance.now() - t0);
    await nextTask();
  }
  flushSync(() => root.render(<StreamingMarkdown content={text} highlighter={highlighter} />));
  const streamMs = performance.now() - started;
  await new Promise((resolve) => setTimeout(resolve, 500));
  const pre = document.querySelector('pre');
  const result = {
    costs,
    longTasks: [...longTasks],
    streamMs,
    lines: pre.querySelectorAll('.ask-code-line').length,
    colouredSpans: pre.querySelectorAll('span[style]').length,
    textMatches: pre.textContent === text.slice(text.indexOf('```ts\n') + 6, text.lastIndexOf('\n```')),
    commitMsTotal: costs.reduce((a, b) => a + b, 0),
  };
  root.unmount();
  return result;
};
window.__ready = true;
