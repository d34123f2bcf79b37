/**
 * Real-provider mode against fakes on 127.0.0.1: `npm start` with a wrong OPENAI_API_KEY and
 * OPENAI_BASE_URL pointing at a fake OpenAI server that answers 401 like OpenAI does (the page
 * must show the provider's own message, not retry, and never see the key), and with
 * ANTHROPIC_API_KEY + ANTHROPIC_BASE_URL pointing at a fake Anthropic stream (the reply streams
 * through the SDK and the adapter).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DemoPage } from './demo-page';
import {
  launchChromium,
  onlyOrigin,
  openAI401Message,
  screenshot,
  startDemo,
  startFakeAnthropic,
  startFakeOpenAI,
  watchConsole,
  type Browser,
  type DemoProcess,
  type FakeProvider,
} from './support';

const WRONG_KEY = 'sk-e2e-wrong-key-7f3c2a9d';
const ANTHROPIC_KEY = 'sk-ant-e2e-key-51b0c4e2';
const ANTHROPIC_TEXT = 'Hello from the fake Anthropic server, streamed word by word through the SDK and the adapter.';

describe('demo with real providers configured', () => {
  let fake: FakeProvider;
  let anthropic: FakeProvider;
  let demo: DemoProcess;
  let browser: Browser;

  beforeAll(async () => {
    [fake, anthropic] = await Promise.all([startFakeOpenAI(), startFakeAnthropic(ANTHROPIC_TEXT)]);
    [demo, browser] = await Promise.all([
      startDemo({
        OPENAI_API_KEY: WRONG_KEY,
        OPENAI_BASE_URL: fake.baseURL,
        OPENAI_MODEL: 'gpt-4o-mini',
        ANTHROPIC_API_KEY: ANTHROPIC_KEY,
        ANTHROPIC_BASE_URL: anthropic.baseURL,
      }),
      launchChromium(),
    ]);
  });

  afterAll(async () => {
    await browser?.close();
    await demo?.stop();
    await fake?.close();
    await anthropic?.close();
  });

  it("shows OpenAI's 401 message without retrying, streams from Anthropic, and no key reaches the browser", async () => {
    const page = await browser.context.newPage();
    await page.setViewportSize({ width: 1280, height: 860 });
    const consoleWatch = watchConsole(page);
    await onlyOrigin(page, demo.url);
    consoleWatch.allow(/status of 401/);
    // Everything the browser receives, to look for the key.
    const bodies: Promise<string>[] = [];
    page.on('response', (response) => {
      if (!/event-stream/.test(response.headers()['content-type'] ?? '')) bodies.push(response.text().catch(() => ''));
    });

    const ui = new DemoPage(page);
    await ui.open(demo.url);
    const options = await ui.modelPicker.locator('option').evaluateAll((els) => els.map((el) => (el as HTMLOptionElement).value));
    expect(options).toEqual(['openai:gpt-4o-mini', 'anthropic:claude-haiku-4-5', 'demo']);
    await expect(ui.modelPicker.inputValue()).resolves.toBe('openai:gpt-4o-mini');

    await ui.send('Hello');
    await ui.waitForState('error', 30_000);
    const alert = ui.errorAlert().first();
    await expect(alert.innerText()).resolves.toContain(openAI401Message(WRONG_KEY));
    expect(openAI401Message(WRONG_KEY)).not.toContain(WRONG_KEY);
    await screenshot(page, '09-provider-401');

    // One request reached the provider, through the SDK, with the key; the 401 was not retried.
    await page.waitForTimeout(1500);
    expect(fake.requests).toHaveLength(1);
    expect(fake.requests[0]).toMatchObject({ method: 'POST', path: '/v1/chat/completions', authorization: `Bearer ${WRONG_KEY}` });
    expect(JSON.parse(fake.requests[0]!.body)).toMatchObject({ model: 'gpt-4o-mini', stream: true, messages: [{ role: 'user', content: 'Hello' }] });

    const received = await Promise.all(bodies);
    expect(received.length).toBeGreaterThan(2);
    for (const body of received) {
      expect(body).not.toContain(WRONG_KEY);
      expect(body).not.toContain(ANTHROPIC_KEY);
    }
    expect(await page.content()).not.toContain(WRONG_KEY);

    // Anthropic streams through the SDK and the adapter: thinking, text, usage.
    await ui.modelPicker.selectOption('anthropic:claude-haiku-4-5');
    await ui.send('Say hello');
    await ui.waitForState('complete', 30_000);
    expect(await ui.lastAnswerText()).toBe(ANTHROPIC_TEXT);
    await expect(ui.lastAssistant().innerText()).resolves.toMatch(/reasoning/i);
    expect(anthropic.requests).toHaveLength(1);
    expect(anthropic.requests[0]).toMatchObject({ method: 'POST', path: '/v1/messages', authorization: expect.stringContaining(ANTHROPIC_KEY) });
    expect(JSON.parse(anthropic.requests[0]!.body)).toMatchObject({ model: 'claude-haiku-4-5', stream: true });
    await screenshot(page, '10-provider-anthropic');

    // The demo model is still there on the same page.
    await ui.modelPicker.selectOption('demo');
    await ui.send('/help');
    await ui.waitForState('complete', 30_000);
    expect(await ui.lastAnswerText()).toContain('Demo scenarios');

    await page.close();
    expect(consoleWatch.errors, 'console errors').toEqual([]);
  });
});
