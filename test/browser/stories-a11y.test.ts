// axe-core over every Storybook story, in light and dark mode, in real headless Chromium.
// Storybook is built (as CI builds it) into a temp dir and served on 127.0.0.1; the story list
// comes from the built index.json, so it cannot go stale. One browser, one page, one
// navigation per story; axe is scoped to #storybook-root (Storybook's own chrome is not ours).
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { launchChromium, openPage, type Browser } from '../helpers/browser';
import { STORY_IDS } from '../../stories/index';
import { buildAndServeStorybook, type BuiltStorybook, type IndexEntry } from './stories-a11y/storybook';

type Theme = 'light' | 'dark';

interface Violation {
  rule: string;
  impact: string;
  help: string;
  targets: string[];
}

interface StoryResult {
  id: string;
  theme: Theme;
  violations: Violation[];
  passes: number;
  pageErrors: string[];
  consoleErrors: string[];
}

/** Stories tagged 'live' stream (mock endpoint, timers) after they render, often sending on mount. */
const LIVE_SETTLE_MS = 1500;
/** Load, render and play function of one story. */
const RENDER_TIMEOUT_MS = 20_000;

const axeSource = readFileSync(fileURLToPath(new URL('../../node_modules/axe-core/axe.min.js', import.meta.url)), 'utf8');

let storybook: BuiltStorybook;
let browser: Browser;
let page: Page;
/** Where the page's listeners put what they see: the story being checked right now. */
let current: { pageErrors: string[]; consoleErrors: string[] } = { pageErrors: [], consoleErrors: [] };
const results: StoryResult[] = [];

beforeAll(async () => {
  [storybook, browser] = await Promise.all([buildAndServeStorybook(), launchChromium()]);
  page = await openPage(browser.context, `${storybook.url}iframe.html`);
  page.on('pageerror', (error) => current.pageErrors.push(error.message));
  page.on('console', (message) => {
    if (message.type() === 'error') current.consoleErrors.push(message.text());
  });
});

afterAll(async () => {
  await browser?.close();
  await storybook?.close();
});

async function checkStory(story: IndexEntry, theme: Theme): Promise<StoryResult> {
  current = { pageErrors: [], consoleErrors: [] };
  const result: StoryResult = { id: story.id, theme, violations: [], passes: 0, ...current };
  const globals = theme === 'dark' ? '&globals=theme:dark' : '';
  await page.goto(`${storybook.url}iframe.html?id=${encodeURIComponent(story.id)}&viewMode=story${globals}`);
  // Storybook's render lifecycle ends in 'finished' (after loaders, render, play function and
  // animations), also when it failed: a failure shows the error display instead of the story.
  await page.waitForFunction(
    (id) => {
      type Render = { id: string; phase?: string };
      const preview = (window as unknown as { __STORYBOOK_PREVIEW__?: { storyRenders?: Render[] } }).__STORYBOOK_PREVIEW__;
      const phase = preview?.storyRenders?.find((render) => render.id === id)?.phase;
      return phase === 'finished' || phase === 'aborted' || document.body.classList.contains('sb-show-errordisplay');
    },
    story.id,
    { timeout: RENDER_TIMEOUT_MS },
  );
  const failure = await page.evaluate(() =>
    document.body.classList.contains('sb-show-errordisplay')
      ? `Storybook error display: ${document.querySelector('#error-message')?.textContent ?? ''} ${document.querySelector('#error-stack')?.textContent?.slice(0, 300) ?? ''}`.trim()
      : null,
  );
  if (failure) result.pageErrors.push(failure);
  else await page.waitForFunction(() => (document.querySelector('#storybook-root')?.childElementCount ?? 0) > 0, undefined, { timeout: RENDER_TIMEOUT_MS });
  if (story.tags?.includes('live')) await page.waitForTimeout(LIVE_SETTLE_MS);

  await page.addScriptTag({ content: axeSource });
  const axe = await page.evaluate(async () => {
    type AxeResult = { id: string; impact?: string | null; help: string; nodes: { target: unknown[] }[] };
    const { axe } = window as unknown as { axe: { run: (context: Element, options: object) => Promise<{ violations: AxeResult[]; passes: AxeResult[] }> } };
    const result = await axe.run(document.querySelector('#storybook-root')!, { resultTypes: ['violations'] });
    return {
      passes: result.passes.length,
      violations: result.violations
        .filter((v) => v.impact === 'serious' || v.impact === 'critical')
        .map((v) => ({ rule: v.id, impact: v.impact!, help: v.help, targets: v.nodes.map((n) => n.target.map(String).join(' ')) })),
    };
  });
  result.passes = axe.passes;
  result.violations = axe.violations;
  return result;
}

function report(found: StoryResult[], pick: (r: StoryResult) => string[]): string {
  return found
    .filter((r) => pick(r).length > 0)
    .map((r) => `${r.id} (${r.theme}):\n${pick(r).map((line) => `  - ${line}`).join('\n')}`)
    .join('\n');
}

const describeViolation = (v: Violation) => `${v.rule} [${v.impact}] ${v.help}: ${v.targets.slice(0, 5).join(' | ')}${v.targets.length > 5 ? ` (+${v.targets.length - 5} more)` : ''}`;

describe('Storybook stories in Chromium: accessibility (axe-core)', () => {
  it('the built index lists every story, and stories/index.ts is up to date', () => {
    const ids = storybook.stories.map((story) => story.id);
    expect(ids.length).toBeGreaterThanOrEqual(100);
    expect(ids).toEqual([...STORY_IDS]);
  });

  for (const theme of ['light', 'dark'] as const) {
    it(`every story has no serious or critical violations and no page errors (${theme})`, { timeout: 180_000 }, async () => {
      const found: StoryResult[] = [];
      for (const story of storybook.stories) found.push(await checkStory(story, theme));
      results.push(...found);

      expect(found).toHaveLength(storybook.stories.length);
      // axe really ran: it found things that pass on (nearly) every story.
      expect(found.filter((r) => r.passes > 0).length).toBeGreaterThan(found.length / 2);
      const consoleErrors = report(found, (r) => r.consoleErrors);
      if (consoleErrors) console.warn(`Console errors (${theme}):\n${consoleErrors}`);
      const violations = report(found, (r) => r.violations.map(describeViolation));
      expect(violations, `Serious or critical axe violations (${theme}):\n${violations}`).toBe('');
      const pageErrors = report(found, (r) => r.pageErrors);
      expect(pageErrors, `Page errors (${theme}):\n${pageErrors}`).toBe('');
    });
  }
});
