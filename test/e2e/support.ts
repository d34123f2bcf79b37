/**
 * What the end-to-end tests share: `npm start`'s server spawned on a free port, Debian's
 * Chromium driven by playwright-core (launched by test/helpers/browser.ts: a missing browser
 * fails the run), and a fake OpenAI-compatible provider.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdir } from 'node:fs/promises';
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ConsoleMessage, Page } from 'playwright-core';
import type { Browser } from '../helpers/browser';
import { DemoPage } from './demo-page';

export const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const SCREENSHOTS = join(REPO_ROOT, 'test-results', 'e2e');
export { launchChromium, type Browser } from '../helpers/browser';

/** A port nobody listens on right now. */
export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((done) => server.close(() => done()));
  return port;
}

export interface DemoProcess {
  url: string;
  child: ChildProcess;
  /** Everything the server printed (stdout and stderr). */
  output(): string;
  /** Sends Ctrl+C (SIGINT) and resolves with the exit code. */
  stop(): Promise<number | null>;
}

/**
 * Runs `node demo/start.mjs` — what `npm start` runs — with `PORT` set to a free port, and waits
 * for it to print its URL. Provider variables of the test run are removed unless given in `env`.
 */
export async function startDemo(env: Record<string, string> = {}, timeoutMs = 120_000): Promise<DemoProcess> {
  const port = await freePort();
  const base: NodeJS.ProcessEnv = { ...process.env };
  for (const name of ['OPENAI_API_KEY', 'OPENAI_BASE_URL', 'OPENAI_MODEL', 'ANTHROPIC_API_KEY', 'ANTHROPIC_BASE_URL', 'ANTHROPIC_MODEL']) {
    delete base[name];
  }
  const child = spawn(process.execPath, ['demo/start.mjs'], {
    cwd: REPO_ROOT,
    env: { ...base, PORT: String(port), ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<number | null>((done) => child.once('exit', (code) => done(code)));

  const url = await new Promise<string>((done, fail) => {
    const timer = setTimeout(() => fail(new Error(`The demo server printed no URL within ${timeoutMs} ms:\n${output}`)), timeoutMs);
    const check = () => {
      const match = /(http:\/\/\S+:(\d+)\/?)/.exec(output);
      if (match && match[2] === String(port)) {
        clearTimeout(timer);
        done(match[1]!.replace(/\/?$/, '/'));
      }
    };
    child.stdout?.on('data', check);
    void exited.then((code) => {
      clearTimeout(timer);
      fail(new Error(`The demo server exited (${code}) before printing its URL:\n${output}`));
    });
  });

  return {
    url,
    child,
    output: () => output,
    stop: async () => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGINT');
      const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      const code = await exited;
      clearTimeout(timer);
      return code;
    },
  };
}

/** Console errors and uncaught exceptions of a page; `allow` lists expected ones (e.g. a 429 the test asked for). */
export function watchConsole(page: Page): { errors: string[]; allow: (pattern: RegExp) => void } {
  const errors: string[] = [];
  const allowed: RegExp[] = [];
  const record = (text: string) => {
    if (!allowed.some((pattern) => pattern.test(text))) errors.push(text);
  };
  page.on('console', (message: ConsoleMessage) => {
    if (message.type() === 'error') record(`console.error: ${message.text()}`);
  });
  page.on('pageerror', (error) => record(`page error: ${error.message}`));
  return { errors, allow: (pattern) => allowed.push(pattern) };
}

/** Lets the page reach `url`'s origin only (no network): anything else is aborted and counted. */
export async function onlyOrigin(page: Page, url: string): Promise<string[]> {
  const origin = new URL(url).origin;
  const blocked: string[] = [];
  await page.route('**/*', (route) => {
    const target = route.request().url();
    if (target.startsWith(origin)) return route.continue();
    blocked.push(target);
    return route.abort();
  });
  return blocked;
}

/**
 * A new tab on the demo at `demoUrl`, desktop-sized, reaching that origin only, its console
 * watched: what each desktop demo test starts from.
 */
export async function openDemoPage(
  browser: Browser,
  demoUrl: string,
): Promise<{ page: Page; ui: DemoPage; consoleWatch: ReturnType<typeof watchConsole> }> {
  const page = await browser.context.newPage();
  await page.setViewportSize({ width: 1280, height: 860 });
  const consoleWatch = watchConsole(page);
  await onlyOrigin(page, demoUrl);
  const ui = new DemoPage(page);
  await ui.open(demoUrl);
  return { page, ui, consoleWatch };
}

export async function screenshot(page: Page, name: string): Promise<void> {
  await mkdir(SCREENSHOTS, { recursive: true });
  // Transitions finished: a shot right after the theme switch would catch colours half-way.
  await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage: false, animations: 'disabled' });
}

export interface FakeProvider {
  /** Base URL to pass as OPENAI_BASE_URL. */
  baseURL: string;
  requests: Array<{ method: string; path: string; authorization: string | undefined; body: string }>;
  close(): Promise<void>;
}

/** OpenAI's answer to a wrong key, in its exact shape (the key masked as OpenAI masks it). */
export function openAI401Message(key: string): string {
  const masked = key.length > 8 ? `${key.slice(0, 3)}${'*'.repeat(key.length - 7)}${key.slice(-4)}` : key;
  return `Incorrect API key provided: ${masked}. You can find your API key at https://platform.openai.com/account/api-keys.`;
}

/** A tiny OpenAI-compatible server on 127.0.0.1 that refuses every request with OpenAI's 401. */
export async function startFakeOpenAI(): Promise<FakeProvider> {
  const requests: FakeProvider['requests'] = [];
  const server = createServer(async (req: IncomingMessage, res) => {
    let body = '';
    for await (const chunk of req) body += String(chunk);
    requests.push({ method: req.method ?? '', path: req.url ?? '', authorization: req.headers.authorization, body });
    res.writeHead(401, { 'Content-Type': 'application/json; charset=utf-8', 'x-request-id': 'req_fake_401' });
    res.end(
      JSON.stringify({
        error: {
          message: openAI401Message((req.headers.authorization ?? '').replace(/^Bearer /, '')),
          type: 'invalid_request_error',
          param: null,
          code: 'invalid_api_key',
        },
      }),
    );
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const { port } = server.address() as AddressInfo;
  return {
    baseURL: `http://127.0.0.1:${port}/v1`,
    requests,
    close: () =>
      new Promise<void>((done) => {
        server.closeAllConnections();
        server.close(() => done());
      }),
  };
}

/**
 * A tiny Anthropic Messages API on 127.0.0.1 that streams `text` word by word (with thinking
 * first), as `messages.create({ stream: true })` receives it.
 */
export async function startFakeAnthropic(text: string, thinking = 'Let me think about that.'): Promise<FakeProvider> {
  const requests: FakeProvider['requests'] = [];
  const server = createServer(async (req: IncomingMessage, res) => {
    let body = '';
    for await (const chunk of req) body += String(chunk);
    requests.push({ method: req.method ?? '', path: req.url ?? '', authorization: (req.headers['x-api-key'] as string | undefined) ?? req.headers.authorization, body });
    res.writeHead(200, { 'Content-Type': 'text/event-stream; charset=utf-8', 'Cache-Control': 'no-cache' });
    const send = (event: string, data: unknown) => res.write(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`);
    const pause = () => new Promise((done) => setTimeout(done, 25));
    send('message_start', {
      type: 'message_start',
      message: {
        id: 'msg_fake_1',
        type: 'message',
        role: 'assistant',
        model: 'claude-haiku-4-5',
        content: [],
        stop_reason: null,
        stop_sequence: null,
        usage: { input_tokens: 11, output_tokens: 1 },
      },
    });
    send('content_block_start', { type: 'content_block_start', index: 0, content_block: { type: 'thinking', thinking: '', signature: '' } });
    send('content_block_delta', { type: 'content_block_delta', index: 0, delta: { type: 'thinking_delta', thinking } });
    send('content_block_stop', { type: 'content_block_stop', index: 0 });
    send('content_block_start', { type: 'content_block_start', index: 1, content_block: { type: 'text', text: '' } });
    const words = text.split(/(?<= )/);
    for (const word of words) {
      await pause();
      send('content_block_delta', { type: 'content_block_delta', index: 1, delta: { type: 'text_delta', text: word } });
    }
    send('content_block_stop', { type: 'content_block_stop', index: 1 });
    send('message_delta', { type: 'message_delta', delta: { stop_reason: 'end_turn', stop_sequence: null }, usage: { output_tokens: words.length } });
    send('message_stop', { type: 'message_stop' });
    res.end();
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const { port } = server.address() as AddressInfo;
  return {
    baseURL: `http://127.0.0.1:${port}`,
    requests,
    close: () =>
      new Promise<void>((done) => {
        server.closeAllConnections();
        server.close(() => done());
      }),
  };
}
