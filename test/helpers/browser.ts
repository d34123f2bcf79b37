// Real headless Chromium for browser tests: Debian's /usr/bin/chromium driven by playwright-core
// (no downloaded browser), plus a Vite-built test page served from a temp dir.
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { extname, join, normalize, resolve } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';

export const CHROMIUM_PATH = '/usr/bin/chromium';

const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

export interface Browser {
  context: BrowserContext;
  /** Closes the browser and removes its profile. */
  close(): Promise<void>;
}

/**
 * Launches Chromium with a fresh profile. A missing binary fails the run (never a silent
 * skip): browser tests are the only proof of the XSS and accessibility guarantees.
 */
export async function launchChromium(options: { timezoneId?: string } = {}): Promise<Browser> {
  if (!existsSync(CHROMIUM_PATH)) {
    const hint = process.env.CI
      ? `CI must provide Chromium at ${CHROMIUM_PATH} (apt-get install chromium).`
      : `Install it (sudo apt-get install chromium) to run the browser tests.`;
    throw new Error(`Browser tests need Chromium at ${CHROMIUM_PATH}, which does not exist. ${hint}`);
  }
  const profile = await mkdtemp(join(tmpdir(), 'ask-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: CHROMIUM_ARGS,
    ...options,
  });
  return {
    context,
    async close() {
      await context.close().catch(() => {});
      await rm(profile, { recursive: true, force: true });
    },
  };
}

const types: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.map': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
};

export interface TestPage {
  url: string;
  close(): Promise<void>;
}

/** Builds a page with Vite (production React, our plugin config) into a temp dir and serves it. */
export async function buildAndServe(root: string): Promise<TestPage> {
  const { build } = await import('vite');
  const { default: react } = await import('@vitejs/plugin-react');
  const outDir = await mkdtemp(join(tmpdir(), 'ask-page-'));
  await build({
    root,
    configFile: false,
    logLevel: 'warn',
    mode: 'production',
    plugins: [react()],
    build: { outDir, emptyOutDir: true, minify: false, sourcemap: false },
  });
  const served = await serveStatic(outDir);
  return {
    url: served.url,
    async close() {
      await served.close();
      await rm(outDir, { recursive: true, force: true });
    },
  };

}

/** Opens a page that may only talk to `origin`: everything else (remote images, links) is aborted. */
export async function openPage(context: BrowserContext, url: string): Promise<Page> {
  const origin = new URL(url).origin;
  const page = await context.newPage();
  await page.route('**/*', (route) => (route.request().url().startsWith(origin) ? route.continue() : route.abort()));
  await page.goto(url);
  return page;
}

/** Serves the files of `dir` on 127.0.0.1 (a free port); nothing outside `dir` is reachable. */
export async function serveStatic(dir: string): Promise<{ url: string; close(): Promise<void> }> {
  const server: Server = createServer(async (req, res) => {
    const path = normalize(decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname)).replace(/^(\.\.[/\\])+/, '');
    const file = resolve(dir, '.' + (path.endsWith('/') ? path + 'index.html' : path));
    if (!file.startsWith(dir)) return void res.writeHead(403).end();
    try {
      const body = await readFile(file);
      res.writeHead(200, { 'content-type': types[extname(file)] ?? 'application/octet-stream' }).end(body);
    } catch {
      res.writeHead(404).end();
    }
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    url: `http://127.0.0.1:${port}/`,
    async close() {
      server.closeAllConnections();
      await new Promise<void>((done) => server.close(() => done()));
    },
  };
}
