/**
 * The demo's tools in Chromium (`npm start`'s server, spawned): get_time_zone really runs in the
 * page (the browser is put in a time zone the server is not in), delete_note's Approve / Deny
 * work from the keyboard and are announced, pick_date is answered by the date picker in the
 * reply; axe finds nothing in the approval state, light and dark.
 */
import type { Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { axeViolations } from '../helpers/phone';
import type { DemoPage } from './demo-page';
import { launchChromium, openDemoPage, screenshot, startDemo, type Browser, type DemoProcess, type watchConsole } from './support';

// Nobody's server runs in this zone (UTC+12:45): the answer can only come from the page.
const ZONE = 'Pacific/Chatham';

describe('demo tools (npm start + Chromium)', () => {
  let demo: DemoProcess;
  let browser: Browser;
  let page: Page;
  let ui: DemoPage;
  let consoleWatch: ReturnType<typeof watchConsole>;

  beforeAll(async () => {
    [demo, browser] = await Promise.all([startDemo({ DEMO_TOKENS_PER_SECOND: '400', TZ: 'UTC' }), launchChromium({ timezoneId: ZONE })]);
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

  /** The list's status region (what a screen reader hears). */
  const announcer = () => page.locator('.ask-message-list > [role="status"]');

  /** Presses Shift+Tab (from the composer) until the element named `name` has focus. */
  async function shiftTabTo(name: RegExp): Promise<void> {
    for (let i = 0; i < 30; i++) {
      await page.keyboard.press('Shift+Tab');
      const focused = await page.evaluate(() => {
        const el = document.activeElement as HTMLElement | null;
        return el ? (el.getAttribute('aria-label') ?? el.innerText ?? '').trim() : '';
      });
      if (name.test(focused)) return;
    }
    throw new Error(`No element named ${name} reached with Shift+Tab`);
  }

  it('/time: the browser tool runs in the page and the model answers with its time zone', async () => {
    await ui.send('/time');
    await ui.waitForState('complete');
    expect(await page.evaluate(() => Intl.DateTimeFormat().resolvedOptions().timeZone)).toBe(ZONE);
    const answer = await ui.lastAnswerText();
    expect(answer).toContain(`Your browser is in ${ZONE}, where it is`);
    // Two steps in one reply, with a visible boundary; the call shows its result.
    await expect(ui.lastAssistant().locator('hr.ask-step').count()).resolves.toBe(1);
    await expect(ui.lastAssistant().locator('[data-state="output-available"]').innerText()).resolves.toContain('get_time_zone');
    await screenshot(page, '20-tool-time-zone');
  });

  it('/delete: Approve and Deny work from the keyboard, are announced, and the model reacts to each', async () => {
    await ui.send('/delete');
    const approve = page.getByRole('button', { name: 'Approve' });
    await approve.waitFor();
    await expect(announcer().innerText()).resolves.toBe('Approval needed: delete_note');
    expect(await axeViolations(page), 'light').toEqual([]);
    await ui.themeSwitch.click();
    expect(await ui.theme()).toBe('dark');
    // Colours fade for 0.15 s: check the dark ones, not a blend.
    await page.waitForFunction(() => document.getAnimations().every((animation) => animation.playState !== 'running'));
    expect(await axeViolations(page), 'dark').toEqual([]);
    await screenshot(page, '21-tool-approval-dark');
    await ui.themeSwitch.click();

    await ui.input.focus();
    await shiftTabTo(/^Approve$/);
    await page.keyboard.press('Enter');
    await ui.waitForState('complete');
    expect(await ui.lastAnswerText()).toContain('Done: the note Groceries is deleted.');

    await ui.send('/delete');
    await page.getByRole('button', { name: 'Approve' }).waitFor();
    await ui.input.focus();
    await shiftTabTo(/^Reason for denying/);
    await page.keyboard.type('I still need it');
    await page.keyboard.press('Enter');
    await ui.waitForState('complete');
    expect(await ui.lastAnswerText()).toContain('Understood: the note Groceries stays (you said: "I still need it"). Nothing was deleted.');
    await expect(page.locator('[data-state="output-denied"]').count()).resolves.toBe(1);
  });

  it('/date: the date picker in the reply answers pick_date from the keyboard', async () => {
    await ui.send('/date');
    const field = page.getByLabel('Day for Team meeting');
    await field.waitFor();
    await field.fill('2026-03-03');
    await ui.input.focus();
    await shiftTabTo(/^Use this day$/);
    await page.keyboard.press('Enter');
    await ui.waitForState('complete');
    expect(await ui.lastAnswerText()).toContain('Booked: the team meeting is on Tuesday, 3 March 2026.');
    await expect(ui.lastAssistant().innerText()).resolves.toContain('Picked 2026-03-03 for Team meeting.');
    await screenshot(page, '22-tool-date-picker');
  });
});
