// axe-core over every Storybook story, in light and dark mode, in real headless Chromium.
// Storybook is built (as CI builds it) into a temp dir and served on 127.0.0.1; the story list
// comes from the built index.json, so it cannot go stale. axe is scoped to #storybook-root:
// Storybook's own chrome is not ours to fix.
//
// One browser, one page. Each theme opens its first story by URL
// (iframe.html?id=…&viewMode=story&globals=theme:…), then selects the others the way Storybook's
// sidebar does (the preview's setCurrentStory: the previous story unmounts, the next renders
// with its loaders and play function). A full reload per story costs ~2 s here (1 MB preview
// bundle and axe parsed again each time), which would put 248 checks far over budget.
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
  /** The theme the story should show: the one asked for, unless the story pins its own. */
  expectedTheme: string;
  /** data-theme of the decorator's container: proves the theme global took effect. */
  renderedTheme: string | null;
  violations: Violation[];
  /** How many rules passed: proves axe really ran on the story. */
  passes: number;
  pageErrors: string[];
  consoleErrors: string[];
}

/** Stories tagged 'live' stream after they render (mock endpoint, timers), often sending on mount. */
const LIVE_SETTLE_MS = 1200;
/** Loaders, render, play function and animations of one story. */
const RENDER_TIMEOUT_MS = 20_000;

const axeSource = readFileSync(fileURLToPath(new URL('../../node_modules/axe-core/axe.min.js', import.meta.url)), 'utf8');

let storybook: BuiltStorybook;
let browser: Browser;
let page: Page;
/** Where the page's listeners put what they see: the story being checked right now. */
let current: Pick<StoryResult, 'pageErrors' | 'consoleErrors'> = { pageErrors: [], consoleErrors: [] };

beforeAll(async () => {
  [storybook, browser] = await Promise.all([buildAndServeStorybook(), launchChromium()]);
  // Only the local server is reachable (openPage aborts every other origin).
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

type PreviewWindow = Window & {
  __STORYBOOK_PREVIEW__?: {
    currentRender?: { id?: string; phase?: string; story?: { storyGlobals?: Record<string, unknown> } };
    onSetCurrentStory(selection: { storyId: string; viewMode: 'story' }): Promise<void>;
  };
};

async function showStory(story: IndexEntry, theme: Theme, first: boolean) {
  if (first) {
    await page.goto(`${storybook.url}iframe.html?id=${encodeURIComponent(story.id)}&viewMode=story&globals=theme:${theme}`);
  } else {
    await page.evaluate((id) => void (window as PreviewWindow).__STORYBOOK_PREVIEW__!.onSetCurrentStory({ storyId: id, viewMode: 'story' }), story.id);
  }
  // Storybook's render lifecycle ends in 'finished' (after loaders, render, play function and
  // animations), also when it failed; a failure shows the error display instead of the story.
  await page.waitForFunction(
    (id) => {
      const render = (window as PreviewWindow).__STORYBOOK_PREVIEW__?.currentRender;
      return (render?.id === id && (render.phase === 'finished' || render.phase === 'aborted')) || document.body.classList.contains('sb-show-errordisplay');
    },
    story.id,
    { timeout: RENDER_TIMEOUT_MS },
  );
}

async function checkStory(story: IndexEntry, theme: Theme, first: boolean): Promise<StoryResult> {
  current = { pageErrors: [], consoleErrors: [] };
  const result: StoryResult = { id: story.id, theme, expectedTheme: theme, renderedTheme: null, violations: [], passes: 0, ...current };
  await showStory(story, theme, first);
  const failure = await page.evaluate(() =>
    document.body.classList.contains('sb-show-errordisplay')
      ? `Storybook error display: ${document.querySelector('#error-message')?.textContent ?? ''}\n${document.querySelector('#error-stack')?.textContent?.slice(0, 500) ?? ''}`.trim()
      : null,
  );
  if (failure) {
    result.pageErrors.push(failure);
    return result;
  }
  await page.waitForFunction(() => (document.querySelector('#storybook-root')?.childElementCount ?? 0) > 0, undefined, { timeout: RENDER_TIMEOUT_MS });
  if (story.tags?.includes('live')) await page.waitForTimeout(LIVE_SETTLE_MS);

  // Injected once per page load (the first story of each theme, or after a story navigated away).
  if (!(await page.evaluate(() => 'axe' in window))) await page.addScriptTag({ content: axeSource });
  const axe = await page.evaluate(async (theme) => {
    type AxeResult = { id: string; impact?: string | null; help: string; nodes: { target: unknown[] }[] };
    type Axe = { run(context: Element, options: object): Promise<{ violations: AxeResult[]; passes: AxeResult[] }> };
    const root = document.querySelector('#storybook-root')!;
    const { violations, passes } = await (window as unknown as { axe: Axe }).axe.run(root, { resultTypes: ['violations'] });
    const pinned = (window as PreviewWindow).__STORYBOOK_PREVIEW__?.currentRender?.story?.storyGlobals?.theme;
    return {
      expectedTheme: typeof pinned === 'string' ? pinned : theme,
      renderedTheme: root.querySelector('[data-testid="theme-root"]')?.getAttribute('data-theme') ?? null,
      passes: passes.length,
      violations: violations
        .filter((v) => v.impact === 'serious' || v.impact === 'critical')
        .map((v) => ({ rule: v.id, impact: v.impact!, help: v.help, targets: v.nodes.map((n) => n.target.map(String).join(' ')) })),
    };
  }, theme);
  return Object.assign(result, axe);
}

function report(found: StoryResult[], pick: (r: StoryResult) => string[]): string {
  return found
    .filter((r) => pick(r).length > 0)
    .map((r) => `${r.id} (${r.theme}):\n${pick(r).map((line) => `  - ${line}`).join('\n')}`)
    .join('\n');
}

const section = (title: string, body: string) => (body ? `${title}:\n${body}\n` : '');

const describeViolation = (v: Violation) =>
  `${v.rule} [${v.impact}] ${v.help}: ${v.targets.slice(0, 5).join(' | ')}${v.targets.length > 5 ? ` (+${v.targets.length - 5} more)` : ''}`;

describe('Storybook stories in Chromium: accessibility (axe-core)', () => {
  it('the built index lists every story, and stories/index.ts matches it', () => {
    const ids = storybook.stories.map((story) => story.id);
    expect(ids.length).toBeGreaterThanOrEqual(100);
    // stories/index.ts is generated from this index (stories/generate-index.mjs): regenerate it if this fails.
    expect(ids).toEqual([...STORY_IDS]);
  });

  for (const theme of ['light', 'dark'] as const) {
    it(`every story has no serious or critical axe violations and no page errors (${theme})`, { timeout: 200_000 }, async () => {
      const found: StoryResult[] = [];
      for (const [i, story] of storybook.stories.entries()) found.push(await checkStory(story, theme, i === 0));

      const consoleErrors = report(found, (r) => r.consoleErrors);
      if (consoleErrors) console.warn(`Console errors (${theme}; not failures by themselves):\n${consoleErrors}`);

      // Everything wrong, in one readable list, so one failure does not hide another.
      const problems = [
        section('Page errors', report(found, (r) => r.pageErrors)),
        section('Serious or critical axe violations', report(found, (r) => r.violations.map(describeViolation))),
        // The checks really ran, on the theme asked for: axe found passing rules on every story.
        section('axe found nothing to check', report(found, (r) => (r.passes === 0 ? ['no passing rules'] : []))),
        section(`Not rendered in the theme asked for`, report(found, (r) => (r.renderedTheme !== r.expectedTheme ? [`data-theme=${r.renderedTheme}, not ${r.expectedTheme}`] : []))),
      ].join('');
      expect(problems, `${found.length} stories checked in ${theme} mode:\n${problems}`).toBe('');
    });
  }
});
