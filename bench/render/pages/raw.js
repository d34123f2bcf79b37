// (d) The raw DOM floor: fetch + a minimal SSE split + JSON.parse, then `textContent +=` once per
// network chunk. No React, no markdown: the cheapest way to get the text on screen.
import { ready, recordFlush } from './harness.js';

const cfg = window.__BENCH;
const root = document.getElementById('root');
const out = document.createElement('div');
out.className = 'raw';
root.append(out);

ready(root, async () => {
  const res = await fetch(cfg.api, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
  const reader = res.body.getReader();
  const dec = new TextDecoder();
  let buf = '';
  let chars = 0;
  for (;;) {
    const { value, done } = await reader.read();
    if (done) break;
    buf += dec.decode(value, { stream: true });
    let text = '';
    let i;
    while ((i = buf.indexOf('\n\n')) >= 0) {
      const block = buf.slice(0, i);
      buf = buf.slice(i + 2);
      if (block.includes('\nevent: token\n')) text += JSON.parse(block.slice(block.indexOf('\ndata: ') + 7)).token;
    }
    if (text) {
      const t0 = performance.now();
      out.textContent += text;
      chars += text.length;
      recordFlush(t0, chars);
    }
  }
});
