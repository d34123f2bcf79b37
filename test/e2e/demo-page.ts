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

  get modelPicker(): Locator {
    return this.page.locator('.demo-model-picker select');
  }

  assistantMessages(): Locator {
    return this.page.locator('[data-role="assistant"]');
  }

  lastAssistant(): Locator {
    return this.assistantMessages().last();
  }

  /** The visible text of the last reply's answer (without reasoning and tool calls). */
  async lastAnswerText(): Promise<string> {
    const content = this.lastAssistant().locator('.ask-markdown');
    if ((await content.count()) === 0) return '';
    return (await content.innerText()).trim();
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

  async waitForState(state: string, timeout = 60_000): Promise<void> {
    await this.page.locator(`.demo-metrics[data-state="${state}"]`).waitFor({ timeout });
  }

  errorAlert(): Locator {
    return this.page.getByRole('alert');
  }
}
