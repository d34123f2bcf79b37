/** How the tests see the demo page: every selector lives here. */
import type { Locator, Page } from 'playwright-core';

export class DemoPage {
  constructor(readonly page: Page) {}

  async open(url: string): Promise<void> {
    await this.page.goto(url);
    await this.ready();
  }

  /** The page has loaded its model list (the picker has an option). */
  async ready(): Promise<void> {
    await this.page.locator('.demo-model-picker select option').first().waitFor({ state: 'attached' });
  }

  get input(): Locator {
    return this.page.getByRole('textbox', { name: 'Message' });
  }

  get stopButton(): Locator {
    return this.page.getByRole('button', { name: /^stop/i });
  }

  /** The retry button of the last reply (or of the error notice). */
  get retryButton(): Locator {
    return this.page.getByRole('button', { name: /^(retry|regenerate)/i }).last();
  }

  get themeSwitch(): Locator {
    return this.page.getByRole('switch');
  }

  /** The current theme (`data-theme` on <html>). */
  theme(): Promise<string | undefined> {
    return this.page.evaluate(() => document.documentElement.dataset.theme);
  }

  /** On a narrow screen: the button that opens the drawer with the metrics and scenarios. */
  get panelsToggle(): Locator {
    return this.page.getByRole('button', { name: 'Details' });
  }

  /** The metrics and scenarios (a sidebar on a wide screen, a drawer on a narrow one). */
  get panels(): Locator {
    return this.page.locator('#demo-panels');
  }

  get modelPicker(): Locator {
    return this.page.locator('.demo-model-picker select');
  }

  assistantMessages(): Locator {
    return this.page.locator('[data-role="assistant"]');
  }

  lastAssistant(): Locator {
    return this.assistantMessages().last();
  }

  /** The visible text of the last reply's answer (without reasoning and tool calls; every step's text). */
  async lastAnswerText(): Promise<string> {
    const texts = await this.lastAssistant().locator('.ask-markdown').allInnerTexts();
    return texts.map((text) => text.trim()).join('\n').trim();
  }

  async send(text: string): Promise<void> {
    await this.input.fill(text);
    await this.input.press('Enter');
  }

  /** The metrics panel's value for `key` (ttft, tps, tokens, duration, retries, resumes). */
  async metric(key: string): Promise<string> {
    return (await this.page.locator(`[data-metric="${key}"] dd`).innerText()).trim();
  }

  /** State of the last reply per the metrics panel: waiting, streaming, complete, stopped, error. */
  async replyState(): Promise<string | null> {
    return this.page.locator('.demo-metrics').getAttribute('data-state');
  }

  /** Waits for the last reply's state; the metrics panel may be in the closed drawer (on a phone). */
  async waitForState(state: string, timeout = 60_000): Promise<void> {
    await this.page.locator(`.demo-metrics[data-state="${state}"]`).waitFor({ state: 'attached', timeout });
  }

  errorAlert(): Locator {
    return this.page.getByRole('alert');
  }
}
