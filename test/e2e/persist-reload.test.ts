/**
 * Issue 12 in real Chromium against `npm start`'s server: the demo keeps its chats in IndexedDB
 * (idb-keyval). A reload at seeded random points mid-reply continues the reply where the page
 * left it (final text exact, the model produced it once: the server's test hook counts); a second
 * tab on the same chat sees the same reply; a reload after the server lost the reply restarts it
 * cleanly. The chat list works, by keyboard, axe-clean in light and dark.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { axeViolations } from '../helpers/phone';
import { DemoPage } from './demo-page';
import { launchChromium, onlyOrigin, startDemo, watchConsole, type Browser, type DemoProcess } from './support';

const PROMPT = 'How do I stream a chat reply?';

describe('persistence and reload-resume (demo + Chromium)', () => {
  let demo: DemoProcess;
  let browser: Browser;
  /** The baseline: the reply's text and how long it streams, from a run without reloads. */
  let expected = '';
  let duration = 0;

  beforeAll(async () => {
    [demo, browser] = await Promise.all([startDemo({ DEMO_TOKENS_PER_SECOND: '150', DEMO_TEST_HOOKS: '1' }), launchChromium()]);
  });
  afterAll(async () => {
    await browser?.close();
    if (demo && demo.child.exitCode === null) await demo.stop();
  });

  const stats = async () => (await (await fetch(`${demo.url}api/test/stats`)).json()) as { demoReplies: number; demoCancelled: number };
  const replies = async () => (await stats()).demoReplies;

  async function openPage(url = demo.url): Promise<{ page: Page; ui: DemoPage; errors: string[] }> {
    const page = await browser.context.newPage();
    await page.setViewportSize({ width: 1280, height: 860 });
    const watch = watchConsole(page);
    await onlyOrigin(page, demo.url);
    const ui = new DemoPage(page);
    await ui.open(url);
    return { page, ui, errors: watch.errors };
  }

  /** The last reply's status attribute (<Message data-status>) and text. */
  const lastReply = async (ui: DemoPage) => ({ status: await ui.lastAssistant().getAttribute('data-status'), text: await ui.lastAnswerText() });

  async function waitForComplete(ui: DemoPage): Promise<string> {
    await ui.page.locator('[data-role="assistant"][data-status="complete"]').last().waitFor({ timeout: 60_000 });
    await ui.page.waitForFunction(() => !document.querySelector('[data-role="assistant"][data-status="streaming"]'));
    return ui.lastAnswerText();
  }

  it('baseline: a reply saved after it finishes is there after a reload', async () => {
    const { page, ui, errors } = await openPage();
    const before = await replies();
    await ui.send(PROMPT);
    await ui.page.locator('[data-role="assistant"] .ask-markdown').first().waitFor();
    const started = Date.now();
    expected = await waitForComplete(ui);
    duration = Date.now() - started;
    expect(expected).toContain('Streaming a reply, token by token');
    expect(page.url()).toMatch(/#chat\/chat_/);
    await page.reload();
    await ui.ready();
    await expect.poll(() => lastReply(ui), { timeout: 10_000 }).toEqual({ status: 'complete', text: expected });
    expect(await replies()).toBe(before + 1);
    expect(errors).toEqual([]);
    await page.close();
  });

  // Seeded points spread across the reply (fractions of its streaming time): one in each fifth.
  let seed = 20261202;
  const next = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
  const points = [0, 1, 2, 3, 4].map((fifth) => (fifth + next()) / 5);

  for (const point of points) {
    it(`reload at ${Math.round(point * 100)}% of the reply: continues exactly, the model is not asked again`, async () => {
      const { page, ui, errors } = await openPage();
      const before = await replies();
      await ui.send(PROMPT);
      await ui.page.locator('[data-role="assistant"] .ask-markdown').first().waitFor();
      await page.waitForTimeout(Math.round(point * duration));
      const partial = await ui.lastAnswerText();
      await page.reload();
      await ui.ready();
      const final = await waitForComplete(ui);
      expect(final).toBe(expected);
      expect(expected.startsWith(partial.slice(0, 40))).toBe(true);
      expect(await ui.assistantMessages().count()).toBe(1);
      expect(await replies()).toBe(before + 1);
      expect(errors).toEqual([]);
      await page.close();
    });
  }

  it('a second tab on the same chat sees the same reply while it streams; one model call', async () => {
    const first = await openPage();
    const before = await replies();
    await first.ui.send(PROMPT);
    await first.ui.page.locator('[data-role="assistant"] .ask-markdown').first().waitFor();
    await first.page.waitForTimeout(Math.round(duration * 0.3));
    const second = await openPage(first.page.url());
    const [a, b] = await Promise.all([waitForComplete(first.ui), waitForComplete(second.ui)]);
    expect(a).toBe(expected);
    expect(b).toBe(expected);
    expect(await replies()).toBe(before + 1);
    expect([...first.errors, ...second.errors]).toEqual([]);
    await first.page.close();
    await second.page.close();
  });

  it('a reload after the server lost the reply restarts it cleanly: the new reply replaces the partial one', async () => {
    const { page, ui, errors } = await openPage();
    const before = await replies();
    await ui.send(PROMPT);
    await ui.page.locator('[data-role="assistant"] .ask-markdown').first().waitFor();
    await page.waitForTimeout(Math.round(duration * 0.4));
    await fetch(`${demo.url}api/test/forget-replies`, { method: 'POST' }); // what a restart of the server does
    await page.reload();
    await ui.ready();
    const final = await waitForComplete(ui);
    expect(final).toBe(expected);
    expect(await ui.assistantMessages().count()).toBe(1);
    expect(await replies()).toBe(before + 2);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('the chat list: open, rename and delete chats by keyboard; axe-clean in light and dark', async () => {
    const { page, ui, errors } = await openPage();
    const list = page.getByRole('navigation', { name: 'Chats' });
    await expect.poll(() => list.getByRole('listitem').count()).toBeGreaterThanOrEqual(3);
    const current = page.url();
    // Open the newest saved chat with the keyboard.
    await list.getByRole('button', { name: /How do I stream a chat reply\?/ }).first().focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => page.url()).not.toBe(current);
    await expect.poll(() => ui.lastAnswerText()).toBe(expected);
    await expect(list.locator('[aria-current="page"]').count()).resolves.toBe(1);

    await list.getByRole('button', { name: /^Rename/ }).first().focus();
    await page.keyboard.press('Enter');
    await page.keyboard.press('ControlOrMeta+a');
    await page.keyboard.type('Renamed chat');
    await page.keyboard.press('Enter');
    await expect.poll(() => list.getByRole('button', { name: /^Renamed chat/ }).count()).toBe(1);

    for (const theme of ['light', 'dark']) {
      if ((await ui.theme()) !== theme) await ui.themeSwitch.click();
      expect(await ui.theme()).toBe(theme);
      // Colour transitions finished: axe must see the theme's colours, not a mix.
      await page.evaluate(() => Promise.all(document.getAnimations().map((animation) => animation.finished)));
      expect(await axeViolations(page)).toEqual([]);
    }

    const count = await list.getByRole('listitem').count();
    await list.getByRole('button', { name: 'Delete “Renamed chat”' }).focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => list.getByRole('listitem').count()).toBe(count - 1);
    await page.reload();
    await ui.ready();
    await expect.poll(() => page.getByRole('navigation', { name: 'Chats' }).getByRole('listitem').count()).toBe(count - 1);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('Stop on a resumed reply stops it on the server too (the cancel request aborts the producer)', async () => {
    const { page, ui, errors } = await openPage();
    const before = await stats();
    await ui.send(PROMPT);
    await ui.page.locator('[data-role="assistant"] .ask-markdown').first().waitFor();
    await page.waitForTimeout(Math.round(duration * 0.25));
    await page.reload();
    await ui.ready();
    // Resumed: the reply streams again in the new page.
    await ui.page.locator('[data-role="assistant"][data-status="streaming"]').waitFor({ timeout: 10_000 });
    await ui.stopButton.click();
    await ui.page.locator('[data-role="assistant"][data-status="aborted"]').waitFor({ timeout: 10_000 });
    await expect.poll(async () => (await stats()).demoCancelled, { timeout: 10_000 }).toBe(before.demoCancelled + 1);
    expect(await replies()).toBe(before.demoReplies + 1);
    const stopped = await ui.lastAnswerText();
    expect(expected.startsWith(stopped.slice(0, 40))).toBe(true);
    expect(stopped.length).toBeLessThan(expected.length);
    // Stopped where it was, also after another reload (saved as stopped, not resumed again).
    await page.reload();
    await ui.ready();
    await expect.poll(() => lastReply(ui), { timeout: 10_000 }).toEqual({ status: 'aborted', text: stopped });
    expect(errors).toEqual([]);
    await page.close();
  });
});
