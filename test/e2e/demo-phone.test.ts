/**
 * The demo on a phone: `npm start`'s server and headless Chromium at 390×844 and 320×568, light
 * and dark. The main flow (send, stream, stop, retry) as a thumb does it, the drawer that holds
 * the metrics and scenarios, and the layout rules (no sideways scroll, 44 px targets, 16 px
 * inputs, the composer above the on-screen keyboard). Screenshots go to test-results/e2e/phone-*.
 */
import type { Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { axeViolations, escapingElements, pageWidths, PHONES, reach, THEMES, type Theme } from '../helpers/phone';
import { DemoPage } from './demo-page';
import { launchChromium, onlyOrigin, screenshot, startDemo, watchConsole, type Browser, type DemoProcess } from './support';

let demo: DemoProcess;
let browser: Browser;
let page: Page | undefined;
let consoleWatch: ReturnType<typeof watchConsole>;

beforeAll(async () => {
  [demo, browser] = await Promise.all([startDemo({ DEMO_TOKENS_PER_SECOND: '150' }), launchChromium()]);
});

afterAll(async () => {
  await browser?.close();
  if (demo && demo.child.exitCode === null) await demo.stop();
});

afterEach(async () => {
  await page?.close();
  page = undefined;
  expect(consoleWatch.errors, 'console errors').toEqual([]);
});

async function openDemo(size: { width: number; height: number }, theme: Theme): Promise<DemoPage> {
  page = await browser.context.newPage();
  await page.setViewportSize(size);
  consoleWatch = watchConsole(page);
  await onlyOrigin(page, demo.url);
  const ui = new DemoPage(page);
  await ui.open(demo.url);
  // The theme switch, as a user would (the choice persists in the profile between tests).
  if ((await ui.theme()) !== theme) await ui.themeSwitch.click();
  expect(await ui.theme()).toBe(theme);
  return ui;
}

/** No sideways scroll, and nothing sticks out of the screen unless a scroll box holds it. */
async function expectFits(page: Page) {
  const { scrollWidth, viewport } = await pageWidths(page);
  expect(scrollWidth).toBe(viewport);
  expect(await escapingElements(page)).toEqual([]);
}

/** Everything a finger taps that is smaller than 44×44 px (links inside text are exempt). */
function smallTargets(page: Page): Promise<string[]> {
  return page.evaluate(() =>
    [...document.querySelectorAll('button, select, textarea, input, summary')]
      .filter((el) => el.checkVisibility())
      .map((el) => ({ el, rect: el.getBoundingClientRect() }))
      .filter(({ rect }) => rect.width < 44 || rect.height < 44)
      .map(({ el, rect }) => `${el.tagName.toLowerCase()}.${el.getAttribute('class') ?? ''} "${(el.textContent ?? '').trim().slice(0, 20)}" ${Math.round(rect.width)}×${Math.round(rect.height)}`),
  );
}

/** Form fields under 16 px, which iOS zooms into on focus. */
function smallFonts(page: Page): Promise<string[]> {
  return page.evaluate(() =>
    [...document.querySelectorAll('select, textarea, input')]
      // A hidden field (the composer's file input, opened by its button) never takes focus.
      .filter((el) => !(el as HTMLElement).hidden && parseFloat(getComputedStyle(el).fontSize) < 16)
      .map((el) => `${el.tagName.toLowerCase()} ${getComputedStyle(el).fontSize}`),
  );
}

describe('demo on a phone (npm start + Chromium)', () => {
  const phone = PHONES.find((p) => p.width === 390)!;

  for (const theme of THEMES) {
    it(`sends, streams, stops and retries at ${phone.width}×${phone.height} (${theme})`, async () => {
      const ui = await openDemo(phone, theme);
      const { page } = ui;
      // One column: the metrics and scenarios wait in a closed drawer, the chat has the screen.
      expect(await ui.panelsToggle.getAttribute('aria-expanded')).toBe('false');
      expect(await ui.panels.isVisible()).toBe(false);
      for (const control of [ui.modelPicker, ui.panelsToggle, ui.themeSwitch, ui.input]) {
        expect(await reach(control)).toMatchObject({ inViewport: true, onTop: true });
      }
      await expectFits(page);

      await ui.send('/long');
      const lengths: number[] = [];
      await expect
        .poll(
          async () => {
            const length = (await ui.lastAnswerText()).length;
            if (length !== lengths.at(-1)) lengths.push(length);
            return length;
          },
          { timeout: 30_000, interval: 50 },
        )
        .toBeGreaterThan(300);
      expect(lengths.length, `answer lengths seen: ${lengths.join(',')}`).toBeGreaterThanOrEqual(4);
      // Mid-stream: Stop and the composer are on screen, and nothing covers them.
      expect(await reach(ui.stopButton)).toMatchObject({ inViewport: true, onTop: true });
      expect(await reach(ui.input)).toMatchObject({ inViewport: true, onTop: true });
      await expectFits(page);
      await screenshot(page, `phone-${phone.width}-${theme}-01-streaming`);
      expect(await axeViolations(page)).toEqual([]);

      await ui.stopButton.click();
      await ui.waitForState('stopped', 10_000);
      const partial = await ui.lastAnswerText();
      expect(partial).toContain('A short history of streaming text over HTTP');
      expect(partial).not.toContain('send the bytes as soon as you have them');
      expect(await reach(ui.retryButton)).toMatchObject({ inViewport: true, onTop: true });
      await expectFits(page);
      await screenshot(page, `phone-${phone.width}-${theme}-02-stopped`);
      expect(await axeViolations(page)).toEqual([]);

      await ui.retryButton.click();
      await ui.waitForState('complete', 60_000);
      await expect(ui.assistantMessages().count()).resolves.toBe(1);
      expect(await ui.lastAnswerText()).toContain('send the bytes as soon as you have them');
      await expectFits(page);
      await screenshot(page, `phone-${phone.width}-${theme}-03-retried`);

      // The drawer: the last reply's metrics and the scenarios, then closed with Escape.
      await ui.panelsToggle.click();
      expect(await ui.panelsToggle.getAttribute('aria-expanded')).toBe('true');
      expect(await ui.panels.isVisible()).toBe(true);
      expect(Number(await ui.metric('tokens'))).toBeGreaterThan(200);
      expect(await reach(page.getByRole('button', { name: '/markdown' }))).toMatchObject({ inViewport: true, onTop: true });
      expect(await reach(ui.input)).toMatchObject({ inViewport: true, onTop: true });
      await expectFits(page);
      expect(await smallTargets(page)).toEqual([]);
      expect(await smallFonts(page)).toEqual([]);
      await screenshot(page, `phone-${phone.width}-${theme}-04-details`);
      expect(await axeViolations(page)).toEqual([]);
      await page.getByRole('button', { name: '/markdown' }).focus();
      await page.keyboard.press('Escape');
      expect(await ui.panelsToggle.getAttribute('aria-expanded')).toBe('false');
      expect(await ui.panels.isVisible()).toBe(false);
      expect(await page.evaluate(() => document.activeElement?.className)).toBe('demo-panels-toggle');
    }, 120_000);
  }

  it('works at 320×568 with the keyboard alone, and keeps the composer above the on-screen keyboard', async () => {
    const narrow = PHONES.find((p) => p.width === 320)!;
    const ui = await openDemo(narrow, 'light');
    const { page } = ui;
    await expectFits(page);
    expect(await smallFonts(page)).toEqual([]);

    // Tab to the drawer's toggle, open it, pick a scenario: the drawer closes and the reply streams.
    await page.locator('body').focus();
    for (let i = 0; i < 10 && !(await ui.panelsToggle.evaluate((el) => el === document.activeElement)); i++) await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    expect(await ui.panelsToggle.getAttribute('aria-expanded')).toBe('true');
    await expectFits(page);
    expect(await smallTargets(page)).toEqual([]);
    // The drawer comes next in the focus order, as it does on screen.
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('/markdown');
    await page.keyboard.press('Enter');
    expect(await ui.panelsToggle.getAttribute('aria-expanded')).toBe('false');
    await ui.waitForState('complete', 60_000);
    expect(await ui.lastAnswerText()).toContain('Choosing a transport');
    // The reply's table and code scroll inside their own boxes.
    await expectFits(page);
    await screenshot(page, `phone-${narrow.width}-light-markdown`);

    // The on-screen keyboard takes the lower half: what is left still ends with the composer.
    await ui.input.focus();
    const visibleHeight = 300;
    await page.evaluate((height) => {
      const viewport = window.visualViewport!;
      Object.defineProperty(viewport, 'height', { configurable: true, get: () => height });
      viewport.dispatchEvent(new Event('resize'));
    }, visibleHeight);
    await expect.poll(() => ui.input.evaluate((el) => el.getBoundingClientRect().bottom)).toBeLessThanOrEqual(visibleHeight);
    expect(await reach(ui.input)).toMatchObject({ onTop: true });
    expect(await reach(ui.retryButton)).toMatchObject({ onTop: true });
    // The title makes room for the conversation while the keyboard is up.
    expect(await page.locator('.demo-header h1').isVisible()).toBe(false);
    expect(await page.getByRole('log').evaluate((el) => el.getBoundingClientRect().height)).toBeGreaterThan(90);
    await screenshot(page, `phone-${narrow.width}-light-keyboard`);
  }, 120_000);

  it('keeps the two-column desktop layout above 768 px', async () => {
    const ui = await openDemo({ width: 1280, height: 860 }, 'light');
    expect(await ui.panelsToggle.isVisible()).toBe(false);
    expect(await ui.panels.isVisible()).toBe(true);
    const main = (await ui.page.locator('.demo-main').boundingBox())!;
    const aside = (await ui.panels.boundingBox())!;
    expect(aside.x).toBeGreaterThanOrEqual(main.x + main.width);
    expect(aside.y).toBe(main.y);
    expect(await ui.page.locator('.demo-subtitle').isVisible()).toBe(true);
    await expectFits(ui.page);
  });
});
