// Checks a page at phone size needs, shared by the <Chat/> and demo phone tests: no sideways
// scroll, nothing sticking out unless a scroll box of its own holds it, controls that a finger can
// reach (not covered by anything else), and axe-core.
import { readFileSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Locator, Page } from 'playwright-core';

/** Phone viewports: the smallest one still in use, and a common one. */
export const PHONES = [
  { name: '320', width: 320, height: 568 },
  { name: '390', width: 390, height: 844 },
] as const;

export const THEMES = ['light', 'dark'] as const;
export type Theme = (typeof THEMES)[number];

/** Where phone screenshots go (test-results/ is ignored by git), to look at after a run. */
export const PHONE_SCREENSHOTS = fileURLToPath(new URL('../../test-results/phone/', import.meta.url));

/** Saves what the viewport shows as test-results/phone/<name>.png. */
export async function phoneScreenshot(page: Page, name: string): Promise<void> {
  const path = join(PHONE_SCREENSHOTS, `${name}.png`);
  await mkdir(dirname(path), { recursive: true });
  await page.screenshot({ path, animations: 'disabled' });
}

const axeSource = readFileSync(fileURLToPath(new URL('../../node_modules/axe-core/axe.min.js', import.meta.url)), 'utf8');

export interface AxeViolation {
  id: string;
  impact: string;
  nodes: string[];
}

/** Serious and critical axe-core violations of the page as it is now. */
export async function axeViolations(page: Page): Promise<AxeViolation[]> {
  // Evaluated through the DevTools protocol: a page's Content-Security-Policy (the demo's
  // script-src 'self') would block an injected <script>.
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(axeSource);
  return page.evaluate(async () => {
    type Result = { violations: { id: string; impact: string; nodes: { target: string[] }[] }[] };
    const axe = (window as unknown as { axe: { run: (ctx: Document, opts: object) => Promise<Result> } }).axe;
    const result = await axe.run(document, { resultTypes: ['violations'] });
    return result.violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map((v) => ({ id: v.id, impact: v.impact, nodes: v.nodes.map((n) => n.target.join(' ')).slice(0, 5) }));
  });
}

/** The document's width against the viewport's: equal when nothing scrolls sideways. */
export function pageWidths(page: Page): Promise<{ scrollWidth: number; viewport: number }> {
  return page.evaluate(() => ({ scrollWidth: document.documentElement.scrollWidth, viewport: window.innerWidth }));
}

/**
 * Visible elements under `root` that reach past the viewport's left or right edge without an
 * ancestor inside the viewport that clips or scrolls them (a code block, a table's box).
 */
export function escapingElements(page: Page, root = 'body'): Promise<string[]> {
  return page.evaluate((rootSelector) => {
    const width = document.documentElement.clientWidth;
    const inside = (rect: DOMRect) => rect.left >= -0.5 && rect.right <= width + 0.5;
    const describe = (el: Element) => `${el.tagName.toLowerCase()}.${el.getAttribute('class') ?? ''}`;
    const escaped: string[] = [];
    for (const el of document.querySelector(rootSelector)?.querySelectorAll('*') ?? []) {
      const rect = el.getBoundingClientRect();
      // Empty boxes, and 1 px visually-hidden text (live regions), take no room on screen.
      if ((rect.width <= 1 && rect.height <= 1) || inside(rect)) continue;
      let held = false;
      for (let up = el.parentElement; up && !held; up = up.parentElement) {
        held = getComputedStyle(up).overflowX !== 'visible' && inside(up.getBoundingClientRect());
      }
      if (!held) escaped.push(`${describe(el)} [${Math.round(rect.left)}, ${Math.round(rect.right)}]`);
    }
    return escaped;
  }, root);
}

export interface ScrollBox {
  /** Wider than it shows: the content really is wide. */
  overflows: boolean;
  /** Its computed overflow-x. */
  overflowX: string;
  /** Its box lies within the viewport. */
  withinViewport: boolean;
}

/** How a box holding wide content (a table, a code block) fits: its content scrolls, the box does not. */
export function scrollBox(box: Locator): Promise<ScrollBox> {
  return box.evaluate((el) => {
    const rect = el.getBoundingClientRect();
    return {
      overflows: el.scrollWidth > el.clientWidth,
      overflowX: getComputedStyle(el).overflowX,
      withinViewport: rect.left >= -0.5 && rect.right <= document.documentElement.clientWidth + 0.5,
    };
  });
}

export interface Reach {
  /** The element's centre lies within the viewport. */
  inViewport: boolean;
  /** What elementFromPoint finds at that centre is the element or inside it (nothing covers it). */
  onTop: boolean;
  /** What is there instead, when something covers it. */
  hit: string;
  width: number;
  height: number;
}

/** Whether a finger at the centre of `target` lands on it. */
export function reach(target: Locator): Promise<Reach> {
  return target.evaluate((el) => {
    const rect = el.getBoundingClientRect();
    const x = rect.left + rect.width / 2;
    const y = rect.top + rect.height / 2;
    const hit = document.elementFromPoint(x, y);
    return {
      inViewport: x >= 0 && y >= 0 && x < window.innerWidth && y < window.innerHeight,
      onTop: !!hit && el.contains(hit),
      hit: hit ? `${hit.tagName.toLowerCase()}.${hit.getAttribute('class') ?? ''}` : 'nothing',
      width: rect.width,
      height: rect.height,
    };
  });
}
