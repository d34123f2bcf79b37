/**
 * The demo as a person uses it: `npm start`'s server (spawned on a free port) and a real
 * headless Chromium. Screenshots of the key states go to test-results/e2e/.
 */
import type { Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { readWire } from '../server/support/sse';
import type { DemoPage } from './demo-page';
import { png } from '../helpers/images';
import { launchChromium, openDemoPage, screenshot, startDemo, type Browser, type DemoProcess, type watchConsole } from './support';

describe('demo (npm start + Chromium)', () => {
  let demo: DemoProcess;
  let browser: Browser;
  let page: Page;
  let ui: DemoPage;
  let consoleWatch: ReturnType<typeof watchConsole>;

  beforeAll(async () => {
    // Fast enough for a quick suite, slow enough that a reply takes a few seconds to stream.
    [demo, browser] = await Promise.all([startDemo({ DEMO_TOKENS_PER_SECOND: '150' }), launchChromium()]);
  });

  afterAll(async () => {
    await browser?.close();
    if (demo && demo.child.exitCode === null) await demo.stop();
  });

  beforeEach(async () => {
    ({ page, ui, consoleWatch } = await openDemoPage(browser, demo.url));
  });

  afterEach(async () => {
    await page?.close();
    expect(consoleWatch.errors, 'console errors').toEqual([]);
  });

  it('streams a reply token by token, with reasoning, a tool call, markdown and metrics', async () => {
    await expect(ui.modelPicker.inputValue()).resolves.toBe('demo');
    await ui.send('How do I stream a chat reply?');

    // Sample the answer while it streams: it must grow in many steps, not appear at once.
    const lengths: number[] = [];
    const deadline = Date.now() + 60_000;
    let shotTaken = false;
    while (Date.now() < deadline) {
      const text = await ui.lastAnswerText();
      if (text.length > 0 && text.length !== lengths[lengths.length - 1]) lengths.push(text.length);
      if (!shotTaken && text.length > 300) {
        shotTaken = true;
        await screenshot(page, '01-streaming');
      }
      if ((await ui.replyState()) === 'complete') break;
      await page.waitForTimeout(40);
    }
    expect(await ui.replyState()).toBe('complete');
    const final = await ui.lastAnswerText();
    expect(lengths.length, `answer lengths seen: ${lengths.join(',')}`).toBeGreaterThanOrEqual(8);
    expect(lengths[0]).toBeLessThan(final.length / 4);
    for (let i = 1; i < lengths.length; i++) expect(lengths[i]).toBeGreaterThanOrEqual(lengths[i - 1]!);

    const reply = ui.lastAssistant();
    expect(final).toContain('Streaming a reply, token by token');
    expect(final).toContain('Choosing a transport');
    expect(final).toContain("import { StreamingResponse } from 'ai-stream-kit/server';");
    expect(final).toContain('import httpx');
    await expect(reply.innerText()).resolves.toContain('search_docs');
    await expect(reply.innerText()).resolves.toMatch(/reasoning|thought/i);

    expect(await ui.metric('ttft')).toMatch(/^\d+(\.\d+)? m?s$/);
    expect(Number(await ui.metric('tps'))).toBeGreaterThan(20);
    expect(Number(await ui.metric('tokens'))).toBeGreaterThan(200);
    await expect(page.getByText(/\d+ tokens/).first().isVisible()).resolves.toBe(true);
    await screenshot(page, '02-complete');
  });

  it('keeps the partial text when the reply is stopped, and retry replaces it', async () => {
    await ui.send('/long');
    await expect.poll(() => ui.lastAnswerText().then((t) => t.length), { timeout: 30_000 }).toBeGreaterThan(200);
    const cancelRequest = page.waitForResponse((response) => response.request().method() === 'DELETE');
    await ui.stopButton.click();
    await ui.waitForState('stopped', 10_000);
    // Stop also stopped the demo model on the server (its resume store keeps replies running past
    // the connection): the cancel request was answered, and the recorded reply ends with the stop.
    const cancelled = await cancelRequest;
    expect(cancelled.status()).toBe(204);
    const streamId = new URL(cancelled.url()).searchParams.get('streamId');
    const recorded = await fetch(new URL('/api/chat', demo.url), {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'Last-Event-ID': `${streamId}-1` },
      body: JSON.stringify({ messages: [{ role: 'user', content: '/long' }] }),
    });
    const { events } = await readWire(recorded.body);
    expect(events.slice(-2).map((e) => [e.event, e.data])).toEqual([['finish', '{"reason":"aborted"}'], ['done', '{}']]);
    const partial = await ui.lastAnswerText();
    expect(partial).toContain('A short history of streaming text over HTTP');
    expect(partial).not.toContain('send the bytes as soon as you have them');
    await page.waitForTimeout(800);
    expect(await ui.lastAnswerText()).toBe(partial);
    await screenshot(page, '03-stopped');

    await ui.retryButton.click();
    await ui.waitForState('complete', 60_000);
    await expect(ui.assistantMessages().count()).resolves.toBe(1);
    const replaced = await ui.lastAnswerText();
    expect(replaced).toContain('send the bytes as soon as you have them');
    expect(replaced.split('A short history of streaming text over HTTP').length - 1).toBe(1);
    await screenshot(page, '04-retried');
  });

  it('attaches an image and a text file; the model reports what it sees', async () => {
    await page.locator('input[type="file"]').setInputFiles([
      { name: 'photo.png', mimeType: 'image/png', buffer: png(640, 480) },
      { name: 'notes.md', mimeType: 'text/markdown', buffer: Buffer.from('# Notes\n') },
    ]);
    await page.locator('.ask-attachment-thumb').waitFor();
    await ui.send('What are these?');
    await ui.waitForState('complete', 60_000);
    const answer = await ui.lastAnswerText();
    expect(answer).toMatch(/photo\.png: I see a PNG image, 640×480, [\d.]+ KB/);
    expect(answer).toContain('notes.md: a file of type text/markdown, 8 B');
    const sent = page.locator('.ask-message[data-role="user"] .ask-file');
    expect(await sent.allInnerTexts()).toEqual([expect.stringContaining('photo.png'), expect.stringContaining('notes.md')]);
    expect(await sent.first().locator('img').getAttribute('src')).toMatch(/^data:image\/png;base64,/);
    await screenshot(page, '02b-attachments');
  });

  it('recovers from a dropped connection (/cut) without duplicating text', async () => {
    // Chromium reports the deliberately cut response itself; the page logs nothing.
    consoleWatch.allow(/Failed to load resource: net::ERR_INCOMPLETE_CHUNKED_ENCODING/);
    await ui.send('/cut');
    await ui.waitForState('complete', 60_000);
    const text = await ui.lastAnswerText();
    const count = (needle: string) => text.split(needle).length - 1;
    expect(count('This reply is about to lose its connection on purpose.')).toBe(1);
    expect(count('Every event the server sends carries')).toBe(1);
    expect(count('When the connection dropped')).toBe(1);
    expect(text).toContain('the usage counts still add up');
    expect(await ui.metric('resumes')).toBe('1');
    await screenshot(page, '05-cut-resumed');
  });

  it('retries a 429 after Retry-After and then succeeds (/error 429)', async () => {
    consoleWatch.allow(/status of 429/);
    const started = Date.now();
    await ui.send('/error 429');
    await ui.waitForState('complete', 30_000);
    expect(Date.now() - started).toBeGreaterThanOrEqual(1000);
    expect(await ui.lastAnswerText()).toMatch(/This is the retry after a simulated \**429/);
    expect(await ui.metric('retries')).toBe('1');
    await expect(ui.errorAlert().count()).resolves.toBe(0);
    await screenshot(page, '06-429-retried');
  });

  it('shows an error that arrives mid-stream and keeps the text before it (/error 500 mid)', async () => {
    await ui.send('/error 500 mid');
    await ui.waitForState('error', 30_000);
    expect(await ui.lastAnswerText()).toContain('Things that can go wrong mid-reply');
    // The demo model plays a provider: its error event is masked like one (never the provider's own words), code kept.
    const alert = await ui.errorAlert().first().innerText();
    expect(alert).toContain('The model provider had an internal error');
    expect(alert).toContain('server_error');
    expect(alert).not.toContain('simulated 500');
    await screenshot(page, '07-error-mid-stream');
  });

  it('keeps working after a reload, and switches to dark mode', async () => {
    await ui.send('/markdown');
    await ui.waitForState('complete', 60_000);
    await page.reload();
    await ui.ready();
    await ui.send('/code');
    await ui.waitForState('complete', 60_000);
    expect(await ui.lastAnswerText()).toContain('Reading a stream in three languages');
    // Highlighted by the kit's Shiki highlighter, coloured through its --ask-hl-* variables.
    await expect.poll(() => ui.lastAssistant().locator('pre span[style*="--ask-hl-"]').count(), { timeout: 15_000 }).toBeGreaterThan(10);

    const before = await page.evaluate(() => document.documentElement.dataset.theme);
    await ui.themeSwitch.click();
    const after = await page.evaluate(() => document.documentElement.dataset.theme);
    expect(after).not.toBe(before);
    if (after !== 'dark') await ui.themeSwitch.click();
    expect(await page.evaluate(() => document.documentElement.dataset.theme)).toBe('dark');
    await screenshot(page, '08-dark-mode');

    // Math through KaTeX: the display formula and the inline one, no error box.
    await ui.send('/reasoning');
    await ui.waitForState('complete', 60_000);
    await expect.poll(() => ui.lastAssistant().locator('.ask-math[data-rendered] .katex').count(), { timeout: 15_000 }).toBe(2);
    expect(await ui.lastAssistant().locator('.katex-error').count()).toBe(0);
  });

  it('stops cleanly on Ctrl+C, even in the middle of a reply', async () => {
    // After the server is gone the page's retries are refused; Chromium logs those itself.
    consoleWatch.allow(/Failed to load resource: net::ERR_(CONNECTION_REFUSED|INCOMPLETE_CHUNKED_ENCODING|EMPTY_RESPONSE)/);
    await ui.send('/long');
    await expect.poll(() => ui.lastAnswerText().then((t) => t.length), { timeout: 30_000 }).toBeGreaterThan(50);
    const code = await demo.stop();
    expect(code).toBe(0);
    expect(demo.output()).toContain('Stopped.');
  });
});
