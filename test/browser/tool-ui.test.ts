// The tool-call UI from the keyboard, in real Chromium: Tab to Approve / Deny, answer, and focus
// stays on the call's card (the buttons go away); a custom tool renderer answers from the keyboard.
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { buildAndServe, launchChromium, openPage, type Browser, type TestPage } from '../helpers/browser';
import type { ToolCallback } from './tool-page/main';

let browser: Browser;
let server: TestPage;

beforeAll(async () => {
  server = await buildAndServe(fileURLToPath(new URL('./tool-page/', import.meta.url)));
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

/** The focused element: which tool card it is in (0-based, -1 outside), its tag, and its name. */
const focused = (page: Page) =>
  page.evaluate(() => {
    const el = document.activeElement as HTMLElement;
    const card = el.closest('.ask-tool');
    return {
      card: card ? [...document.querySelectorAll('.ask-tool')].indexOf(card) : -1,
      tag: el.tagName.toLowerCase(),
      name: el.getAttribute('aria-label') ?? el.textContent?.trim() ?? '',
      outline: getComputedStyle(el).outlineStyle,
    };
  });

/** Presses Tab until `match` holds (at most 12 times): proves the control is in tab order. */
async function tabTo(page: Page, match: (f: Awaited<ReturnType<typeof focused>>) => boolean) {
  for (let i = 0; i < 12; i++) {
    await page.keyboard.press('Tab');
    const f = await focused(page);
    if (match(f)) return f;
  }
  throw new Error(`not reached by Tab; ended on ${JSON.stringify(await focused(page))}`);
}

const calls = (page: Page) => page.evaluate(() => window.__tools.calls) as Promise<ToolCallback[]>;
const card = (page: Page, i: number) => page.locator('.ask-tool').nth(i);

describe('tool calls from the keyboard (Chromium)', () => {
  it('approve, deny with a reason, and answer a client tool without a mouse', async () => {
    const page = await openPage(browser.context, server.url);
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    await page.getByRole('button', { name: 'Approve' }).first().waitFor();
    expect(await page.getByRole('group', { name: 'Allow delete_note to run?' }).count()).toBe(2);

    // Approve the first call: Enter on its Approve button.
    const approve = await tabTo(page, (f) => f.card === 0 && f.name === 'Approve');
    expect(approve.outline).not.toBe('none'); // a visible focus ring
    await page.keyboard.press('Enter');
    expect(await calls(page)).toEqual([['approve', 'call_a']]);
    await expect.poll(() => card(page, 0).getAttribute('aria-busy')).toBe('true');
    expect(await card(page, 0).getAttribute('data-state')).toBe('running');
    // The buttons are gone; focus did not fall back to <body>: it is on the call's summary.
    expect(await focused(page)).toMatchObject({ card: 0, tag: 'summary' });

    // Deny the second with a reason typed into its field, Enter to send.
    await tabTo(page, (f) => f.card === 1 && f.tag === 'input');
    await page.keyboard.type('I still need it');
    await page.keyboard.press('Enter');
    expect((await calls(page))[1]).toEqual(['deny', 'call_b', 'I still need it']);
    await expect.poll(() => card(page, 1).getAttribute('data-state')).toBe('output-denied');
    expect(await card(page, 1).locator('.ask-tool-denial').textContent()).toBe('I still need it');
    expect(await focused(page)).toMatchObject({ card: 1, tag: 'summary' });

    // The date picker (a toolRenderers component) answers pick_date: Tab to its button, Space.
    await tabTo(page, (f) => f.tag === 'input' && f.card === -1);
    await tabTo(page, (f) => f.name === 'Use this date');
    await page.keyboard.press('Space');
    expect((await calls(page))[2]).toEqual(['result', 'call_c', { date: '2026-12-24' }]);
    await expect.poll(() => page.locator('.picked').textContent()).toBe('Picked 2026-12-24');
    expect(errors).toEqual([]);
    await page.close();
  });

  it('a call that streams in: Approve is reached by Tab as soon as it shows, and announced once', async () => {
    const page = await openPage(browser.context, `${server.url}#stream`);
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    await page.locator('.ask-markdown').first().waitFor();
    expect(await page.locator('.ask-tool').count()).toBe(0);
    const scripts: string[] = [];
    page.on('request', (request) => request.resourceType() === 'script' && scripts.push(new URL(request.url()).pathname));
    // The call arrives while the reply streams (the tool-call view's code comes with the first call).
    await page.evaluate(() => window.__tools.stream!());
    await page.getByRole('button', { name: 'Approve' }).waitFor();
    expect(scripts).toHaveLength(1); // the tool-call chunk, fetched only now
    const approve = await tabTo(page, (f) => f.card === 0 && f.name === 'Approve');
    expect(approve.outline).not.toBe('none');
    await page.keyboard.press('Enter');
    expect(await calls(page)).toEqual([['approve', 'call_a']]);
    expect(await focused(page)).toMatchObject({ card: 0, tag: 'summary' });
    expect(await page.locator('.ask-tool').count()).toBe(1);
    // Said once by the list's status region, from the call's state (the card itself says nothing).
    const said = (await page.evaluate(() => window.__tools.said)) as string[];
    expect(said.filter((text) => text.includes('delete_note'))).toEqual(['Approval needed: delete_note']);
    expect(await page.locator('.ask-tool [role="status"], .ask-tool [aria-live]').count()).toBe(0);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('Deny without a reason from Shift+Tab order too', async () => {
    const page = await openPage(browser.context, server.url);
    await page.getByRole('button', { name: 'Deny' }).first().waitFor();
    // Start at the date input and walk backwards to the second call's Deny.
    await page.getByLabel('Date').focus();
    for (let i = 0; i < 12; i++) {
      await page.keyboard.press('Shift+Tab');
      const f = await focused(page);
      if (f.card === 1 && f.name === 'Deny') break;
    }
    expect(await focused(page)).toMatchObject({ card: 1, name: 'Deny' });
    await page.keyboard.press('Enter');
    expect(await calls(page)).toEqual([['deny', 'call_b', undefined]]);
    await page.close();
  });
});
