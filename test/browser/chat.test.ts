import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { openPage } from '../helpers/browser';
import { useBrowserSuite } from '../helpers/browser-suite';
import type { Message } from '../../src/core/types';
import type { MountOptions } from './chat-page/main';

const suite = useBrowserSuite(fileURLToPath(new URL('./chat-page/', import.meta.url)));

async function chatPage(options: MountOptions = {}): Promise<Page> {
  const page = await openPage(suite.browser.context, suite.server.url);
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  await page.waitForFunction(() => 'mount' in (window.__chat ?? {}));
  await page.evaluate((options) => window.__chat.mount(options), options);
  (page as Page & { errors: string[] }).errors = errors;
  return page;
}

const errorsOf = (page: Page) => (page as Page & { errors: string[] }).errors;
const input = (page: Page) => page.getByRole('textbox', { name: 'Message' });
const lastReply = (page: Page) => page.locator('.ask-message[data-role="assistant"]').last();
const requestCount = (page: Page) => page.evaluate(() => window.__chat.requests.length);

/** How far the log is from its bottom, in px. */
const distanceFromBottom = (page: Page) =>
  page.evaluate(() => {
    const log = document.querySelector('[role="log"]')!;
    return log.scrollHeight - log.scrollTop - log.clientHeight;
  });
const scrollTop = (page: Page) => page.evaluate(() => document.querySelector('[role="log"]')!.scrollTop);

/** A long conversation, so the log scrolls. */
function history(pairs: number): Message[] {
  const out: Message[] = [];
  for (let i = 0; i < pairs; i++) {
    out.push({ id: `u${i}`, role: 'user', content: `Question ${i}: how does streaming work?`, timestamp: 0 });
    out.push({
      id: `a${i}`,
      role: 'assistant',
      status: 'complete',
      timestamp: 0,
      content: `Answer ${i}. Tokens arrive **one by one** over SSE.\n\n- first point\n- second point\n\n\`\`\`ts\nconst x = ${i};\n\`\`\``,
    });
  }
  return out;
}

/** Tokens for a long multi-paragraph reply. */
const longReply = (paragraphs: number) =>
  Array.from({ length: paragraphs }, (_, p) => [`Paragraph ${p}: `, 'the reply ', 'keeps ', 'growing ', 'line ', 'after ', 'line.', '\n\n']).flat();

async function send(page: Page, text: string) {
  await input(page).fill(text);
  await input(page).press('Enter');
  await page.waitForFunction((n) => window.__chat.requests.length >= n, 1);
}

describe('Chat in Chromium: streaming', () => {
  it('announces a long markdown reply in a few words: never its source, never twice', async () => {
    const page = await chatPage();
    // Everything that enters a live region (polite, assertive, or an implicit one: status, alert,
    // log) while the reply streams and ends: what a screen reader would be asked to read.
    await page.evaluate(() => {
      const heard: string[] = [];
      (window as unknown as { heard: string[] }).heard = heard;
      const liveRoot = (node: Node | null): Element | undefined => {
        for (let el = node instanceof Element ? node : node?.parentElement; el; el = el.parentElement) {
          const live = el.getAttribute('aria-live');
          if (live) return live === 'off' ? undefined : el;
          if (['status', 'alert', 'log'].includes(el.getAttribute('role') ?? '')) return el;
        }
        return undefined;
      };
      new MutationObserver((records) => {
        for (const record of records) {
          const nodes = record.type === 'characterData' ? [record.target] : [...record.addedNodes];
          for (const node of nodes) if (liveRoot(node) && node.textContent) heard.push(node.textContent);
        }
      }).observe(document.getElementById('root')!, { subtree: true, childList: true, characterData: true });
    });
    await send(page, 'A big table please');
    // 400 table rows of bold, italics and code, ten rows a token.
    const rows = Array.from({ length: 40 }, (_, t) =>
      Array.from({ length: 10 }, (_, r) => `| **row ${t * 10 + r}** | *value* | \`code\` |\n`).join(''),
    );
    await page.evaluate((tokens) => window.__chat.play(tokens, 5), ['| a | b | c |\n', '|---|---|---|\n', ...rows]);
    await page.evaluate(() => window.__chat.finish());
    await expect.poll(() => lastReply(page).getAttribute('data-status')).toBe('complete');
    expect(await lastReply(page).locator('table tr').count()).toBe(401);
    const heard = await page.evaluate(() => (window as unknown as { heard: string[] }).heard);
    expect(heard).toEqual(['Assistant is replying', 'Assistant replied']);
    expect(await page.getByRole('log').getAttribute('aria-live')).toBe('off');
    expect(await page.getByRole('status').innerText()).toBe('Assistant replied');
    expect(errorsOf(page)).toEqual([]);
    await page.close();
  });

  it('renders a streamed reply incrementally, then finishes with usage', async () => {
    const page = await chatPage();
    await send(page, 'Tell me something');
    await expect.poll(() => page.locator('.ask-typing').count()).toBeGreaterThan(0);
    const lengths: number[] = await page.evaluate(async () => {
      const seen: number[] = [];
      const observer = new MutationObserver(() => {
        const reply = document.querySelectorAll('.ask-message[data-role="assistant"] .ask-markdown');
        seen.push(reply[reply.length - 1]?.textContent?.length ?? 0);
      });
      observer.observe(document.getElementById('root')!, { subtree: true, childList: true, characterData: true });
      await window.__chat.play('Streaming replies show up word by word, as they are written by the model.'.split(/(?= )/), 25); // 14 tokens
      await new Promise((resolve) => requestAnimationFrame(resolve));
      observer.disconnect();
      return seen;
    });
    expect(new Set(lengths.filter((n) => n > 0)).size).toBeGreaterThan(8);
    expect(await lastReply(page).getAttribute('data-status')).toBe('streaming');
    expect(await page.getByRole('log').getAttribute('aria-busy')).toBe('true');
    await page.evaluate(() => window.__chat.finish());
    await expect.poll(() => lastReply(page).getAttribute('data-status')).toBe('complete');
    expect(await lastReply(page).locator('.ask-markdown').innerText()).toBe('Streaming replies show up word by word, as they are written by the model.');
    expect(await page.getByRole('log').getAttribute('aria-busy')).toBe('false');
    await expect.poll(() => page.locator('.ask-chat > .ask-usage').innerText()).toContain(`${12 + 14} tokens`);
    // The finished reply is announced once, from the hidden status region: short, so with its text.
    expect(await page.getByRole('status').innerText()).toBe('Assistant replied: Streaming replies show up word by word, as they are written by the model.');
    expect(errorsOf(page)).toEqual([]);
    await page.close();
  });

  it('Stop stops the reply; Retry streams a new one in its place', async () => {
    const page = await chatPage();
    await send(page, 'Count to ten');
    await page.evaluate(() => window.__chat.push('One, two, '));
    const stop = page.getByRole('button', { name: 'Stop' });
    await stop.waitFor();
    await stop.click();
    await expect.poll(() => lastReply(page).getAttribute('data-status')).toBe('aborted');
    expect(await page.evaluate(() => window.__chat.aborted())).toBe(true);
    expect(await stop.count()).toBe(0);
    expect(await lastReply(page).innerText()).toContain('Stopped');

    await page.getByRole('button', { name: 'Retry' }).click();
    await page.waitForFunction(() => window.__chat.requests.length === 2);
    await page.evaluate(() => {
      window.__chat.push('A fresh reply.');
      window.__chat.finish();
    });
    await expect.poll(() => lastReply(page).getAttribute('data-status')).toBe('complete');
    expect(await page.locator('.ask-message[data-role="assistant"]').count()).toBe(1);
    expect(await lastReply(page).locator('.ask-markdown').innerText()).toBe('A fresh reply.');
    await page.close();
  });

  it("shows the server's error with Retry, and recovers", async () => {
    const page = await chatPage();
    await page.evaluate(() => window.__chat.failNext(429, 'Slow down, please'));
    await send(page, 'Hi');
    const alert = page.getByRole('alert');
    await alert.waitFor();
    expect(await alert.innerText()).toContain('Slow down, please');
    await alert.getByRole('button', { name: 'Retry' }).click();
    await page.waitForFunction(() => window.__chat.requests.length === 2);
    await page.evaluate(() => {
      window.__chat.push('Better now.');
      window.__chat.finish();
    });
    await expect.poll(() => lastReply(page).getAttribute('data-status')).toBe('complete');
    expect(await alert.count()).toBe(0);
    await page.close();
  });
});

describe('Chat in Chromium: keyboard', () => {
  it('Enter sends, Shift+Enter breaks the line, Escape stops the reply', async () => {
    const page = await chatPage();
    await input(page).focus();
    await page.keyboard.type('First line');
    await page.keyboard.press('Shift+Enter');
    await page.keyboard.type('second line');
    expect(await input(page).inputValue()).toBe('First line\nsecond line');
    expect(await requestCount(page)).toBe(0);
    await page.keyboard.press('Enter');
    await page.waitForFunction(() => window.__chat.requests.length === 1);
    expect(await input(page).inputValue()).toBe('');
    expect(await page.locator('.ask-message[data-role="user"] .ask-message-text').innerText()).toBe('First line\nsecond line');
    await page.evaluate(() => window.__chat.push('Partial'));
    await lastReply(page).locator('.ask-markdown').waitFor();
    // Focus stays in the composer. Enter while a reply streams sends nothing; Escape stops it.
    expect(await page.evaluate(() => document.activeElement?.className)).toBe('ask-composer-input');
    await page.keyboard.type('next');
    await page.keyboard.press('Enter');
    await page.waitForTimeout(100);
    expect(await requestCount(page)).toBe(1);
    expect(await input(page).inputValue()).toBe('next');
    await page.keyboard.press('Escape');
    await expect.poll(() => lastReply(page).getAttribute('data-status')).toBe('aborted');
    await page.keyboard.press('Enter');
    await page.waitForFunction(() => window.__chat.requests.length === 2);
    await page.close();
  });
});

describe('Chat in Chromium: autoscroll', () => {
  it('stays at the bottom while a long reply streams', async () => {
    const page = await chatPage({ initialMessages: history(6) });
    // Opens at the bottom of the history.
    await expect.poll(() => distanceFromBottom(page)).toBeLessThan(2);
    await send(page, 'Write a lot');
    const samples = await page.evaluate(async (tokens) => {
      const log = document.querySelector('[role="log"]')!;
      const out: { height: number; distance: number }[] = [];
      const playing = window.__chat.play(tokens, 15);
      const timer = setInterval(() => out.push({ height: log.scrollHeight, distance: log.scrollHeight - log.scrollTop - log.clientHeight }), 100);
      await playing;
      clearInterval(timer);
      return out;
    }, longReply(20));
    // The content grew a lot, and the view kept up with it (the spring animation lags a little).
    expect(samples.at(-1)!.height - samples[0]!.height).toBeGreaterThan(600);
    expect(Math.max(...samples.map((s) => s.distance))).toBeLessThan(120);
    await expect.poll(() => distanceFromBottom(page)).toBeLessThan(2);
    expect(await page.getByRole('button', { name: 'Jump to latest' }).count()).toBe(0);
    await page.close();
  });

  /** A tab whose React commits are counted per animation frame (window.probe), once `probe.counting` is on. */
  async function commitProbePage() {
    const page = await suite.browser.context.newPage();
    await page.addInitScript(() => {
      // Each commit is tagged with the animation frame it happened in (a frame counter that a
      // requestAnimationFrame loop, started before React's, advances at the start of each frame).
      const probe = { frame: 0, counting: false, commits: [] as number[] };
      (window as unknown as { probe: typeof probe }).probe = probe;
      const tick = () => {
        probe.frame++;
        requestAnimationFrame(tick);
      };
      requestAnimationFrame(tick);
      (window as unknown as { __REACT_DEVTOOLS_GLOBAL_HOOK__: object }).__REACT_DEVTOOLS_GLOBAL_HOOK__ = {
        supportsFiber: true,
        renderers: new Map(),
        inject: () => 1,
        onCommitFiberRoot: () => probe.counting && probe.commits.push(probe.frame),
        onCommitFiberUnmount: () => {},
        onPostCommitFiberRoot: () => {},
        checkDCE: () => {},
      };
    });
    return page;
  }

  it('commits at most once per animation frame while a reply streams: sticking to the bottom adds no commits', async () => {
    // React calls the DevTools hook on every commit, production builds included: count them.
    const page = await commitProbePage();
    await page.route('**/*', (route) => (route.request().url().startsWith(new URL(suite.server.url).origin) ? route.continue() : route.abort()));
    await page.goto(suite.server.url);
    await page.waitForFunction(() => 'mount' in (window.__chat ?? {}));
    await page.evaluate((options) => window.__chat.mount(options), { initialMessages: history(6) });
    await expect.poll(() => distanceFromBottom(page)).toBeLessThan(2);
    await send(page, 'Write a lot');
    const commits = await page.evaluate(async (tokens) => {
      const probe = (window as unknown as { probe: { counting: boolean; commits: number[] } }).probe;
      probe.counting = true;
      // Tokens in their own tasks, 8 ms apart: without a throttle, two or more would commit per frame.
      await window.__chat.play(tokens, 8);
      await new Promise((resolve) => setTimeout(resolve, 100));
      probe.counting = false;
      return probe.commits;
    }, longReply(30));
    expect(await lastReply(page).getAttribute('data-status')).toBe('streaming');
    // While the reply streamed (its start and end are outside this window): no frame had two commits.
    const perFrame = new Map<number, number>();
    for (const frame of commits) perFrame.set(frame, (perFrame.get(frame) ?? 0) + 1);
    expect(commits.length).toBeGreaterThan(20);
    expect([...perFrame].filter(([, n]) => n > 1)).toEqual([]);
    await page.evaluate(() => window.__chat.finish());
    await expect.poll(() => lastReply(page).getAttribute('data-status')).toBe('complete');
    await page.close();
  });

  it('one commit per animation frame for a whole reply, its start and end included, while the log grows by leaps', async () => {
    const page = await commitProbePage();
    await page.route('**/*', (route) => (route.request().url().startsWith(new URL(suite.server.url).origin) ? route.continue() : route.abort()));
    await page.goto(suite.server.url);
    await page.waitForFunction(() => 'mount' in (window.__chat ?? {}));
    await page.evaluate((options) => window.__chat.mount(options), { initialMessages: history(6) });
    await expect.poll(() => distanceFromBottom(page)).toBeLessThan(2);
    // Lets the mount settle (its own scroll and resize handling), then counts from the click on Send.
    await page.waitForTimeout(300);
    await page.evaluate(() => ((window as unknown as { probe: { counting: boolean } }).probe.counting = true));
    await send(page, 'Write a lot');
    const commits = await page.evaluate(async (tokens) => {
      const probe = (window as unknown as { probe: { counting: boolean; commits: number[] } }).probe;
      // Whole paragraphs at a time, a frame or two apart: the log grows by far more than
      // use-stick-to-bottom's 70 px "near the bottom" band in one frame.
      await window.__chat.play(tokens, 24);
      window.__chat.finish();
      await new Promise((resolve) => setTimeout(resolve, 400));
      probe.counting = false;
      return probe.commits;
    }, Array.from({ length: 25 }, (_, p) => `Paragraph ${p}: the reply keeps growing.\n\n- one\n- two\n- three\n\n`));
    expect(await lastReply(page).getAttribute('data-status')).toBe('complete');
    const perFrame = new Map<number, number>();
    for (const frame of commits) perFrame.set(frame, (perFrame.get(frame) ?? 0) + 1);
    expect(commits.length).toBeGreaterThan(20);
    expect([...perFrame].filter(([, n]) => n > 1)).toEqual([]);
    // And it stayed at the bottom.
    await expect.poll(() => distanceFromBottom(page)).toBeLessThan(2);
    await page.close();
  });

  it('does not yank the reader back after they scroll up; "Jump to latest" brings them back', async () => {
    const page = await chatPage({ initialMessages: history(6) });
    await expect.poll(() => distanceFromBottom(page)).toBeLessThan(2);
    await send(page, 'Write a lot');
    const tokens = longReply(40);
    await page.evaluate((tokens) => void window.__chat.play(tokens, 20), tokens.slice(0, 40));
    await page.waitForTimeout(600);

    // The reader scrolls up with the mouse wheel while tokens keep coming.
    const box = (await page.getByRole('log').boundingBox())!;
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    await page.mouse.wheel(0, -600);
    await page.waitForTimeout(300);
    const readingAt = await scrollTop(page);
    expect(await distanceFromBottom(page)).toBeGreaterThan(300);
    await page.evaluate((tokens) => window.__chat.play(tokens, 15), tokens.slice(40, 160));
    await page.waitForTimeout(300);
    expect(Math.abs((await scrollTop(page)) - readingAt)).toBeLessThan(5);
    expect(await distanceFromBottom(page)).toBeGreaterThan(600);

    const jump = page.getByRole('button', { name: 'Jump to latest' });
    await jump.waitFor();
    await jump.click();
    await expect.poll(() => distanceFromBottom(page), { timeout: 5000 }).toBeLessThan(2);
    await expect.poll(() => jump.count()).toBe(0);
    // Stuck again: more tokens keep it at the bottom.
    await page.evaluate((tokens) => window.__chat.play(tokens, 15), tokens.slice(160, 240));
    await expect.poll(() => distanceFromBottom(page)).toBeLessThan(2);

    // Setting scrollTop (a scrollbar drag, a keyboard scroll) counts as scrolling up too.
    await page.evaluate(() => {
      document.querySelector('[role="log"]')!.scrollTop -= 500;
    });
    await page.waitForTimeout(200);
    const draggedTo = await scrollTop(page);
    await page.evaluate((tokens) => window.__chat.play(tokens, 15), tokens.slice(240));
    await page.waitForTimeout(300);
    expect(Math.abs((await scrollTop(page)) - draggedTo)).toBeLessThan(5);
    await jump.waitFor();

    // Sending a message always goes back to the bottom.
    await page.evaluate(() => window.__chat.finish());
    await expect.poll(() => lastReply(page).getAttribute('data-status')).toBe('complete');
    await input(page).fill('Thanks');
    await input(page).press('Enter');
    await expect.poll(() => distanceFromBottom(page), { timeout: 5000 }).toBeLessThan(2);
    expect(errorsOf(page)).toEqual([]);
    await page.close();
  });
});

describe('Chat in Chromium: accessibility (axe-core)', () => {
  for (const theme of ['light', 'dark'] as const) {
    it(`has no serious or critical violations (${theme})`, async () => {
      const page = await chatPage({ theme, initialMessages: history(4) });
      await page.emulateMedia({ colorScheme: theme });
      // A reply mid-stream, and then the states a chat goes through: stopped, failed.
      await send(page, 'Explain it again');
      await page.evaluate(() => window.__chat.push('Here is a **partial** reply with `code`'));
      await page.getByRole('button', { name: 'Stop' }).waitFor();
      const run = async () => {
        await page.addScriptTag({ path: fileURLToPath(new URL('../../node_modules/axe-core/axe.min.js', import.meta.url)) });
        return page.evaluate(async () => {
          const axe = (window as unknown as { axe: { run: (ctx: Document, opts: object) => Promise<{ violations: { id: string; impact: string; nodes: { target: string[] }[] }[] }> } }).axe;
          const result = await axe.run(document, { resultTypes: ['violations'] });
          return result.violations
            .filter((v) => v.impact === 'serious' || v.impact === 'critical')
            .map((v) => ({ id: v.id, impact: v.impact, nodes: v.nodes.map((n) => n.target.join(' ')).slice(0, 5) }));
        });
      };
      expect(await run()).toEqual([]);
      await page.getByRole('button', { name: 'Stop' }).click();
      await expect.poll(() => lastReply(page).getAttribute('data-status')).toBe('aborted');
      // Scrolled up: the jump button shows.
      const box = (await page.getByRole('log').boundingBox())!;
      await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
      await page.mouse.wheel(0, -2000);
      await page.getByRole('button', { name: 'Jump to latest' }).waitFor();
      await page.evaluate(() => window.__chat.failNext(500, 'Internal error'));
      await page.getByRole('button', { name: 'Retry' }).click();
      await page.getByRole('alert').waitFor();
      expect(await run()).toEqual([]);
      await page.close();
    });
  }
});
