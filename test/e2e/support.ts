/**
 * What the end-to-end tests share: `npm start`'s server spawned on a free port, Debian's
 * Chromium driven by playwright-core, and a fake OpenAI-compatible provider.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type ConsoleMessage, type Page } from 'playwright-core';

export const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const SCREENSHOTS = join(REPO_ROOT, 'test-results', 'e2e');
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/**
 * Whether the browser tests can run. Without Chromium they are skipped locally, but under CI
 * (CI=true) a missing browser is a failure: `.ci/run` installs it.
 */
export const browserMissing = !existsSync(CHROMIUM);
if (browserMissing && process.env.CI) {
  throw new Error(`Chromium not found at ${CHROMIUM}: the end-to-end tests need it (apt-get install chromium)`);
}

export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
}

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

export async function screenshot(page: Page, name: string): Promise<void> {
  await mkdir(SCREENSHOTS, { recursive: true });
  await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage: false });
}

export interface FakeProvider {
  /** Base URL to pass as OPENAI_BASE_URL. */
  baseURL: string;
  requests: Array<{ method: string; path: string; authorization: string | undefined; body: string }>;
  close(): Promise<void>;
}

/** OpenAI's answer to a wrong key, in its exact shape. */
export const OPENAI_401_MESSAGE =
  'Incorrect API key provided: bad. You can find your API key at https://platform.openai.com/account/api-keys.';

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
        error: { message: OPENAI_401_MESSAGE, type: 'invalid_request_error', param: null, code: 'invalid_api_key' },
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
