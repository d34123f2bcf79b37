// Attachments in real Chromium: attach through the file input, paste and drop real File objects,
// a refused file's alert (text and other files kept), remove from the keyboard, submit, the
// sent message's thumbnail, and axe in light and dark.
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { buildAndServe, launchChromium, openPage, type Browser, type TestPage } from '../helpers/browser';
import { axeViolations } from '../helpers/phone';
import { png } from '../helpers/images';
import type { Submission } from './attach-page/main';

let browser: Browser;
let server: TestPage;

beforeAll(async () => {
  server = await buildAndServe(fileURLToPath(new URL('./attach-page/', import.meta.url)));
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

const PNG_BASE64 = png(4, 3).toString('base64');

async function open(theme: 'light' | 'dark' = 'light'): Promise<Page> {
  const page = await openPage(browser.context, `${server.url}?theme=${theme}`);
  await page.getByRole('button', { name: 'Attach files' }).waitFor();
  return page;
}

const previews = (page: Page) => page.locator('.ask-attachment-name').allTextContents();
const submissions = (page: Page) => page.evaluate(() => window.__attach.submissions) as Promise<Submission[]>;

/** Fires a paste or a drag event carrying real File objects at `selector`; true when the page took it (preventDefault). */
function fire(page: Page, kind: 'paste' | 'dragover' | 'drop', selector: string, files: { name: string; type: string; base64?: string; size?: number }[]) {
  return page.evaluate(
    ({ kind, selector, files }) => {
      const data = new DataTransfer();
      for (const file of files) {
        const bytes = file.base64 ? Uint8Array.from(atob(file.base64), (c) => c.charCodeAt(0)) : new Uint8Array(file.size ?? 10);
        data.items.add(new File([bytes], file.name, { type: file.type }));
      }
      const init = { bubbles: true, cancelable: true };
      const event = kind === 'paste' ? new ClipboardEvent('paste', { ...init, clipboardData: data }) : new DragEvent(kind, { ...init, dataTransfer: data });
      document.querySelector(selector)!.dispatchEvent(event);
      return event.defaultPrevented;
    },
    { kind, selector, files },
  );
}

describe('attachments (Chromium)', () => {
  it('attaches through the file input and previews an image from a blob: URL', async () => {
    const page = await open();
    await page.locator('input[type="file"]').setInputFiles([
      { name: 'photo.png', mimeType: 'image/png', buffer: png(4, 3) },
      { name: 'report.pdf', mimeType: 'application/pdf', buffer: Buffer.from('%PDF-1.4') },
    ]);
    expect(await previews(page)).toEqual(['photo.png', 'report.pdf']);
    const thumb = page.locator('.ask-attachment-thumb');
    await expect.poll(() => thumb.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth)).toBe(4);
    expect(await thumb.getAttribute('src')).toMatch(/^blob:/);
    await page.close();
  });

  it('takes a pasted image and leaves a plain-text paste alone', async () => {
    const page = await open();
    expect(await fire(page, 'paste', 'textarea', [{ name: 'image.png', type: 'image/png', base64: PNG_BASE64 }])).toBe(true);
    expect(await previews(page)).toEqual(['image.png']);
    const textPaste = await page.evaluate(() => {
      const data = new DataTransfer();
      data.setData('text/plain', 'hello');
      const event = new ClipboardEvent('paste', { bubbles: true, cancelable: true, clipboardData: data });
      document.querySelector('textarea')!.dispatchEvent(event);
      return event.defaultPrevented;
    });
    expect(textPaste).toBe(false);
    await page.close();
  });

  it('takes dropped files, marking the composer while they are dragged over it', async () => {
    const page = await open();
    const files = [{ name: 'notes.txt', type: 'text/plain', size: 20 }];
    expect(await fire(page, 'dragover', 'textarea', files)).toBe(true);
    expect(await page.locator('form.ask-composer[data-dragging]').count()).toBe(1);
    expect(await fire(page, 'drop', 'textarea', files)).toBe(true);
    expect(await page.locator('form.ask-composer[data-dragging]').count()).toBe(0);
    expect(await previews(page)).toEqual(['notes.txt']);
    await page.close();
  });

  it('refuses a file by type, size and count with an alert; the text and the other files stay', async () => {
    const page = await open();
    await page.getByRole('textbox', { name: 'Message' }).fill('keep this text');
    await fire(page, 'drop', 'textarea', [{ name: 'a.png', type: 'image/png', base64: PNG_BASE64 }]);
    await fire(page, 'drop', 'textarea', [{ name: 'setup.exe', type: 'application/x-msdownload', size: 10 }]);
    expect(await page.getByRole('alert').textContent()).toBe('setup.exe is not an accepted file type.');
    await fire(page, 'drop', 'textarea', [{ name: 'huge.pdf', type: 'application/pdf', size: 200_000 }]);
    expect(await page.getByRole('alert').textContent()).toBe('huge.pdf is too large (195 KB; the limit is 98 KB).');
    await fire(page, 'drop', 'textarea', [
      { name: 'b.txt', type: 'text/plain', size: 5 },
      { name: 'c.txt', type: 'text/plain', size: 5 },
      { name: 'd.txt', type: 'text/plain', size: 5 },
    ]);
    expect(await page.getByRole('alert').textContent()).toBe('You can attach up to 3 files.');
    expect(await previews(page)).toEqual(['a.png', 'b.txt', 'c.txt']);
    expect(await page.getByRole('textbox', { name: 'Message' }).inputValue()).toBe('keep this text');
    await page.close();
  });

  it('removes a file from the keyboard and submits the rest with the text; the message shows them', async () => {
    const page = await open();
    await fire(page, 'drop', 'textarea', [
      { name: 'one.png', type: 'image/png', base64: PNG_BASE64 },
      { name: 'two.txt', type: 'text/plain', size: 7 },
    ]);
    await page.getByRole('textbox', { name: 'Message' }).focus();
    // Shift+Tab from the text box reaches the attach button, then the remove buttons.
    let name = '';
    for (let i = 0; i < 6 && name !== 'Remove two.txt'; i++) {
      await page.keyboard.press('Shift+Tab');
      name = await page.evaluate(() => document.activeElement?.getAttribute('aria-label') ?? '');
    }
    expect(name).toBe('Remove two.txt');
    await page.keyboard.press('Enter');
    expect(await previews(page)).toEqual(['one.png']);
    expect(await page.evaluate(() => document.activeElement?.getAttribute('aria-label'))).toBe('Attach files');

    await page.getByRole('textbox', { name: 'Message' }).fill('What is this?');
    await page.keyboard.press('Enter');
    expect(await submissions(page)).toEqual([{ text: 'What is this?', files: [{ name: 'one.png', type: 'image/png', size: png(4, 3).length }] }]);
    expect(await page.locator('.ask-attachment').count()).toBe(0);
    const thumb = page.locator('.ask-message[data-role="user"] .ask-file img');
    await expect.poll(() => thumb.evaluate((img: HTMLImageElement) => img.complete && img.naturalHeight)).toBe(3);
    expect(await thumb.getAttribute('src')).toMatch(/^data:image\/png;base64,/);
    await page.close();
  });

  for (const theme of ['light', 'dark'] as const) {
    it(`has no serious or critical axe violations with previews, an alert and a sent message (${theme})`, async () => {
      const page = await open(theme);
      await page.emulateMedia({ colorScheme: theme });
      await fire(page, 'drop', 'textarea', [{ name: 'photo.png', type: 'image/png', base64: PNG_BASE64 }]);
      await page.getByRole('textbox', { name: 'Message' }).fill('Look');
      await page.keyboard.press('Enter');
      await page.locator('.ask-message .ask-file').waitFor();
      await fire(page, 'drop', 'textarea', [
        { name: 'photo2.png', type: 'image/png', base64: PNG_BASE64 },
        { name: 'movie.mp4', type: 'video/mp4', size: 10 },
      ]);
      await page.getByRole('alert').waitFor();
      expect(await axeViolations(page)).toEqual([]);
      await page.close();
    });
  }
});
