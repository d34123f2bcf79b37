import { render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, expect, it } from 'vitest';
import type { ComponentType } from 'react';
import { respond, startServer, type TestServer } from '../helpers/server';
import { kitReply } from '../helpers/fixtures';
import { dataUrl, png } from '../helpers/images';
import { writeExample } from './examples';

let server: TestServer;
beforeEach(async () => {
  server = await startServer();
});
afterEach(async () => {
  await server.close();
});

const origin = () => server.url('').replace(/\/$/, '');
const photo = () => new File([png(4, 4)], 'photo.png', { type: 'image/png' });

it('the README <Chat attachments> example sends the picked file with the message; a refused one gets an alert', async () => {
  server.reply(respond(kitReply(['A blue square.'])));
  const { App } = (await import(/* @vite-ignore */ writeExample('ui-attachments', origin()))) as { App: ComponentType };
  const { container } = render(<App />);
  const input = container.querySelector<HTMLInputElement>('input[type="file"]')!;
  await userEvent.setup({ applyAccept: false }).upload(input, new File(['PK'], 'archive.zip', { type: 'application/zip' }));
  expect(screen.getByRole('alert').textContent).toBe('archive.zip is not an accepted file type.');
  await userEvent.upload(input, photo());
  await userEvent.type(screen.getByRole('textbox', { name: 'Message' }), 'What is it?{Enter}');
  await waitFor(() => expect(container.querySelector('.ask-message[data-role="assistant"]')?.textContent).toContain('A blue square.'));
  expect((server.requests[0]!.body as { messages: { parts: unknown[] }[] }).messages[0]!.parts).toEqual([
    { type: 'file', mediaType: 'image/png', url: dataUrl('image/png', png(4, 4)), name: 'photo.png', size: png(4, 4).length },
    { type: 'text', text: 'What is it?' },
  ]);
}, 20_000);

it('the README send-with-files example posts the file and the URL as parts', async () => {
  server.reply(respond(kitReply(['A photo and a spec.'])));
  const { ask } = (await import(/* @vite-ignore */ writeExample('core-attachments', origin()))) as { ask: (photo: File) => Promise<string> };
  expect(await ask(photo())).toBe('A photo and a spec.');
  expect((server.requests[0]!.body as { messages: { parts: unknown[] }[] }).messages[0]!.parts).toEqual([
    { type: 'file', mediaType: 'image/png', url: dataUrl('image/png', png(4, 4)), name: 'photo.png', size: png(4, 4).length },
    { type: 'file', mediaType: 'application/pdf', url: 'https://example.com/spec.pdf', name: 'spec.pdf' },
    { type: 'text', text: 'What is in this picture?' },
  ]);
}, 20_000);
