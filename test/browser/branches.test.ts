// Edit, regenerate and branch switching in <Chat/>, in real Chromium, driven by the keyboard.
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { openPage } from '../helpers/browser';
import { useBrowserSuite } from '../helpers/browser-suite';
import { axeViolations } from '../helpers/phone';
import type { MountOptions } from './chat-page/main';

const suite = useBrowserSuite(fileURLToPath(new URL('./chat-page/', import.meta.url)));

async function chatPage(options: MountOptions = {}): Promise<Page> {
  const page = await openPage(suite.browser.context, suite.server.url);
  await page.waitForFunction(() => 'mount' in (window.__chat ?? {}));
  await page.evaluate((options) => window.__chat.mount(options), options);
  return page;
}

/** What request `index` sent: role and text of each message. */
const sent = (page: Page, index: number) =>
  page.evaluate((i) => (window.__chat.requests[i] as { messages: { role: string; content: string }[] }).messages.map((m) => `${m.role}: ${m.content}`), index);
const texts = (page: Page) => page.locator('.ask-message .ask-message-text, .ask-message[data-role="assistant"] .ask-markdown').allInnerTexts();
const focused = (page: Page) => page.evaluate(() => document.activeElement?.getAttribute('aria-label') ?? document.activeElement?.textContent ?? '');

/** Waits for request `count`, streams `text` as its reply and ends it. */
async function answer(page: Page, count: number, text: string) {
  await page.waitForFunction((n) => window.__chat.requests.length >= n, count);
  await page.evaluate((token) => {
    window.__chat.push(token);
    window.__chat.finish();
  }, text);
  await page.locator('.ask-message[data-role="assistant"]', { hasText: text }).waitFor();
  await page.locator('[role="log"][aria-busy="false"]').waitFor();
}

describe('Chat in Chromium: edit, regenerate, branches', () => {
  it('edits with the keyboard, keeps the old version, and switches between them', async () => {
    const page = await chatPage();
    const composer = page.getByRole('textbox', { name: 'Message' });
    await composer.fill('Hello there');
    await composer.press('Enter');
    await answer(page, 1, 'First answer');

    // Edit is reachable from the composer with Shift+Tab (the log, then the message's buttons).
    const edit = page.getByRole('button', { name: 'Edit' });
    await edit.focus();
    await page.keyboard.press('Enter');
    const editor = page.getByRole('textbox', { name: 'Edit message' });
    await editor.waitFor();
    expect(await focused(page)).toBe('Hello there'); // the editor has the focus, with the text
    // Escape cancels: the text is unchanged and the focus is back on Edit.
    await page.keyboard.type(' (draft)');
    await page.keyboard.press('Escape');
    await editor.waitFor({ state: 'detached' });
    expect(await focused(page)).toBe('Edit');
    expect(await texts(page)).toEqual(['Hello there', 'First answer']);

    await page.keyboard.press('Enter');
    await editor.waitFor();
    await page.keyboard.type(' again');
    await page.keyboard.press('Shift+Enter');
    await page.keyboard.type('second line');
    expect(await editor.inputValue()).toBe('Hello there again\nsecond line');
    expect(await axeViolations(page)).toEqual([]); // the open editor
    await page.keyboard.press('Enter');
    await answer(page, 2, 'Second answer');

    // Only the active path went out; the composer has the focus again.
    expect(await sent(page, 1)).toEqual(['user: Hello there again\nsecond line']);
    expect(await page.evaluate(() => document.activeElement?.getAttribute('aria-label'))).toBe('Message');
    expect(await texts(page)).toEqual(['Hello there again\nsecond line', 'Second answer']);

    const picker = page.getByRole('group', { name: 'Version 2 of 2' });
    await picker.waitFor();
    expect(await picker.getByRole('button', { name: 'Next version' }).isDisabled()).toBe(true);
    for (const theme of ['light', 'dark'] as const) {
      await page.emulateMedia({ colorScheme: theme }); // <Chat/> follows the page's scheme
      await page.waitForTimeout(400); // buttons fade their colour (0.15 s): axe must see where they end
      expect(await axeViolations(page), theme).toEqual([]);
    }

    // ‹ by keyboard: the old version and its reply come back, the focus stays on the picker.
    await picker.getByRole('button', { name: 'Previous version' }).focus();
    await page.keyboard.press('Enter');
    await page.getByRole('group', { name: 'Version 1 of 2' }).waitFor();
    expect(await texts(page)).toEqual(['Hello there', 'First answer']);
    expect(await focused(page)).toBe('Next version'); // Previous is disabled at the first version
    await page.locator('.ask-branch-picker [aria-live="polite"]', { hasText: 'Version 1 of 2' }).waitFor();
    await page.keyboard.press('Enter');
    await page.getByRole('group', { name: 'Version 2 of 2' }).waitFor();
    expect(await texts(page)).toEqual(['Hello there again\nsecond line', 'Second answer']);
  });

  it('regenerates a reply in the middle; the later turns come back with the old reply', async () => {
    const page = await chatPage();
    const composer = page.getByRole('textbox', { name: 'Message' });
    await composer.fill('One');
    await composer.press('Enter');
    await answer(page, 1, 'Reply one');
    await composer.fill('Two');
    await composer.press('Enter');
    await answer(page, 2, 'Reply two');

    await page.locator('.ask-message', { hasText: 'Reply one' }).getByRole('button', { name: 'Regenerate' }).click();
    await answer(page, 3, 'Reply one, again');
    expect(await sent(page, 2)).toEqual(['user: One']);
    expect(await texts(page)).toEqual(['One', 'Reply one, again']);

    await page.getByRole('group', { name: 'Version 2 of 2' }).getByRole('button', { name: 'Previous version' }).click();
    await page.getByRole('group', { name: 'Version 1 of 2' }).waitFor();
    expect(await texts(page)).toEqual(['One', 'Reply one', 'Two', 'Reply two']);
  });
});
