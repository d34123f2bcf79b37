import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { openPage } from '../helpers/browser';
import { useBrowserSuite } from '../helpers/browser-suite';
import type { ScriptedReply } from './decode-page/main';

// An app bundled by Vite, in Chromium: the code for bodies other than the kit's own SSE (NDJSON,
// text, JSON replies, sniffing, provider detection) is a chunk the page fetches only when such a
// body arrives.
const suite = useBrowserSuite(fileURLToPath(new URL('./decode-page/', import.meta.url)));

const kitSSE: ScriptedReply = {
  contentType: 'text/event-stream',
  body: ['start', 'token', 'token', 'finish', 'done']
    .map((name, i) => `event: ${name}\nid: s1-${i + 1}\ndata: ${JSON.stringify([{ streamId: 's1' }, { token: 'Hel' }, { token: 'lo' }, { reason: 'stop' }, {}][i])}\n\n`)
    .join(''),
};
const ollamaNDJSON: ScriptedReply = {
  contentType: 'application/x-ndjson',
  body: [
    { model: 'm', message: { role: 'assistant', content: 'Hi ' }, done: false },
    { model: 'm', message: { role: 'assistant', content: 'there' }, done: true, done_reason: 'stop' },
  ]
    .map((line) => `${JSON.stringify(line)}\n`)
    .join(''),
};

describe('decoding chunks in Chromium (Vite build)', () => {
  it('a kit SSE reply loads no decoding chunk; an NDJSON reply loads the body-formats chunk, with the same results and errors', async () => {
    const page = await openPage(suite.browser.context, suite.server.url);
    const scripts: string[] = [];
    page.on('request', (request) => {
      if (request.resourceType() === 'script') scripts.push(new URL(request.url()).pathname);
    });
    await page.waitForFunction(() => 'run' in (window.__decode ?? {}));
    const run = (reply: ScriptedReply) => page.evaluate((reply) => window.__decode.run(reply), reply);

    expect(await run(kitSSE)).toEqual({ text: 'Hello' });
    expect(scripts.filter((path) => /body-formats|ndjson|json-reply|ollama/.test(path))).toEqual([]);

    expect(await run(ollamaNDJSON)).toEqual({ text: 'Hi there' });
    expect(scripts.filter((path) => /body-formats/.test(path))).toHaveLength(1);
    expect(scripts.filter((path) => /ollama/.test(path))).toHaveLength(1);

    expect(await run({ contentType: 'text/plain', body: 'Plain words' })).toEqual({ text: 'Plain words' });
    const notAReply = await run({ contentType: 'application/json', body: '{"not":"a reply"}' });
    expect(notAReply.error).toEqual({ code: 'protocol', message: 'Expected a streaming response but got application/json: {"not":"a reply"}' });
    // Loaded once, then cached by the module system.
    expect(scripts.filter((path) => /body-formats/.test(path))).toHaveLength(1);
    await page.close();
  });
});
