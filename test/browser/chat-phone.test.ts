// <Chat/> on a phone, in real headless Chromium: at 320 and 390 px wide, light and dark, the page
// never scrolls sideways, wide content (a table, code, a long URL, tool arguments) stays inside a
// box of its own, the composer, Stop and Retry are on screen and nothing covers them, and axe-core
// finds nothing serious. Same test page as chat.test.ts, filling the viewport as an app would.
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { openPage } from '../helpers/browser';
import { useBrowserSuite } from '../helpers/browser-suite';
import { axeViolations, escapingElements, pageWidths, phoneScreenshot, PHONES, reach, scrollBox, THEMES, type Theme } from '../helpers/phone';
import type { Message } from '../../src/core/types';

const suite = useBrowserSuite(fileURLToPath(new URL('./chat-page/', import.meta.url)));

const LONG_URL = 'https://example.com/docs/streaming/server-sent-events/reconnecting-with-last-event-id/and-resuming-a-reply-that-was-cut-off?from=the-phone-layout-test';
const LONG_TOOL = 'search_the_documentation_for_streaming_examples';

/** One reply with everything that is wider than a phone. */
const wideReply: Message = {
  id: 'wide',
  role: 'assistant',
  status: 'complete',
  timestamp: 0,
  content: [
    `The spec lives at ${LONG_URL} — read it first.`,
    '| Transport | Direction | Resumable | Works through proxies | Browser support | Notes |',
    '|---|---|---|---|---|---|',
    '| Server-Sent Events | server → client | yes, with Last-Event-ID | usually | everywhere | the default choice |',
    '| WebSocket | both ways | no, by hand | sometimes | everywhere | needs its own protocol |',
    '',
    '```ts',
    "const response = await fetch('/api/chat', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ messages }) });",
    '```',
  ].join('\n'),
  toolCalls: [
    {
      id: 'call_1',
      name: LONG_TOOL,
      state: 'complete',
      argsText: '',
      args: { query: 'resume a server-sent-events stream after the connection drops', url: LONG_URL, limit: 5 },
    },
  ],
};

const conversation: Message[] = [
  { id: 'u1', role: 'user', content: `Where is it documented? ${LONG_URL}`, timestamp: 0 },
  wideReply,
];

async function phonePage(size: (typeof PHONES)[number], theme: Theme): Promise<Page> {
  const page = await openPage(suite.browser.context, suite.server.url);
  await page.setViewportSize({ width: size.width, height: size.height });
  await page.emulateMedia({ colorScheme: theme });
  // The test page's fixed 720×480 box becomes the whole screen, as a phone app lays a chat out.
  await page.addStyleTag({ content: '#root { width: auto !important; height: 100dvh !important; }' });
  await page.waitForFunction(() => 'mount' in (window.__chat ?? {}));
  await page.evaluate((options) => window.__chat.mount(options), { theme, initialMessages: conversation });
  // Open the tool call, so its arguments are laid out too.
  await page.locator('.ask-tool > summary').click();
  return page;
}

async function expectFits(page: Page) {
  expect(await pageWidths(page)).toEqual({ scrollWidth: page.viewportSize()!.width, viewport: page.viewportSize()!.width });
  expect(await escapingElements(page, '#root')).toEqual([]);
}

describe('Chat on a phone (Chromium)', () => {
  for (const size of PHONES) {
    for (const theme of THEMES) {
      it(`fits ${size.width} px wide, keeps wide content in its own box, and Stop/Retry reachable (${theme})`, async () => {
        const page = await phonePage(size, theme);
        const errors: string[] = [];
        page.on('pageerror', (error) => errors.push(error.message));

        await expectFits(page);
        // The table and the code scroll inside their own box; the box itself stays on screen.
        for (const box of [page.locator('.ask-md-table'), page.locator('.ask-code-body')]) {
          expect(await scrollBox(box)).toEqual({ overflows: true, overflowX: 'auto', withinViewport: true });
        }
        // The long URL and the tool's arguments wrap inside their box instead.
        for (const box of [page.locator('.ask-markdown a').first(), page.locator('.ask-tool-args'), page.locator('.ask-tool-summary')]) {
          expect(await scrollBox(box)).toMatchObject({ overflows: false, withinViewport: true });
        }
        expect(await axeViolations(page)).toEqual([]);
        await phoneScreenshot(page, `chat-${size.width}-${theme}-wide-content`);

        // A reply streams: the composer and Stop are on screen, and nothing covers them.
        const input = page.getByRole('textbox', { name: 'Message' });
        expect(await reach(input)).toMatchObject({ inViewport: true, onTop: true });
        await input.fill('And on a phone?');
        await input.press('Enter');
        await page.waitForFunction(() => window.__chat.requests.length === 1);
        await page.evaluate(() => window.__chat.push(`It works the same way: ${'tokens keep arriving '.repeat(30)}`));
        const stop = page.getByRole('button', { name: 'Stop' });
        await stop.waitFor();
        expect(await reach(stop)).toMatchObject({ inViewport: true, onTop: true });
        expect(await reach(input)).toMatchObject({ inViewport: true, onTop: true });
        await expectFits(page);
        expect(await axeViolations(page)).toEqual([]);
        await stop.click();
        await expect.poll(() => page.locator('.ask-message[data-role="assistant"]').last().getAttribute('data-status')).toBe('aborted');

        // Stopped: Retry next to the composer is on screen, uncovered, and works.
        const retry = page.locator('.ask-chat-composer').getByRole('button', { name: 'Retry' });
        expect(await reach(retry)).toMatchObject({ inViewport: true, onTop: true });
        expect(await reach(input)).toMatchObject({ inViewport: true, onTop: true });
        await expectFits(page);
        expect(await axeViolations(page)).toEqual([]);
        await phoneScreenshot(page, `chat-${size.width}-${theme}-stopped`);
        await retry.click();
        await page.waitForFunction(() => window.__chat.requests.length === 2);
        await page.evaluate(() => {
          window.__chat.push('A fresh reply.');
          window.__chat.finish();
        });
        await expect.poll(() => page.locator('.ask-message[data-role="assistant"]').last().getAttribute('data-status')).toBe('complete');
        await expectFits(page);
        expect(errors).toEqual([]);
        await page.close();
      });
    }
  }

  it('on a touch screen every button is at least 44 px and the composer text at least 16 px', async () => {
    const page = await phonePage(PHONES[1], 'light');
    // What DevTools' device mode does: touch input, so (pointer: coarse) matches.
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('Emulation.setTouchEmulationEnabled', { enabled: true, maxTouchPoints: 5 });
    await expect.poll(() => page.evaluate(() => matchMedia('(pointer: coarse)').matches)).toBe(true);
    const input = page.getByRole('textbox', { name: 'Message' });
    await input.fill('Tap targets?');
    await input.press('Enter');
    await page.waitForFunction(() => window.__chat.requests.length === 1);
    await page.evaluate(() => window.__chat.push('Streaming on a phone.'));
    await page.getByRole('button', { name: 'Stop' }).waitFor();

    const small = await page.evaluate(() =>
      [...document.querySelectorAll<HTMLElement>('#root button')]
        .filter((button) => button.offsetParent !== null)
        .map((button) => ({ name: button.getAttribute('aria-label') ?? button.textContent?.trim(), box: button.getBoundingClientRect() }))
        .filter(({ box }) => box.width < 44 || box.height < 44)
        .map(({ name, box }) => `${name}: ${Math.round(box.width)}×${Math.round(box.height)}`),
    );
    expect(small).toEqual([]);
    expect(await input.evaluate((element) => parseFloat(getComputedStyle(element).fontSize))).toBeGreaterThanOrEqual(16);
    await page.close();
  });
});
