// One Chromium and one built test page per test file: the beforeAll / afterAll every browser test
// file over a Vite-built page needs.
import { afterAll, beforeAll } from 'vitest';
import { buildAndServe, launchChromium, type Browser, type TestPage } from './browser';

export interface BrowserSuite {
  browser: Browser;
  server: TestPage;
}

/**
 * Builds and serves the test page in `root` and launches Chromium before the file's tests, and
 * closes both after them. The fields are set once beforeAll has run (read them inside tests).
 */
export function useBrowserSuite(root: string): BrowserSuite {
  const suite = {} as BrowserSuite;
  beforeAll(async () => {
    suite.server = await buildAndServe(root);
    suite.browser = await launchChromium();
  });
  afterAll(async () => {
    await suite.browser?.close();
    await suite.server?.close();
  });
  return suite;
}
