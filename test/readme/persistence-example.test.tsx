import { act, render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, expect, it } from 'vitest';
import type { ComponentType } from 'react';
import { respond, startServer, type TestServer } from '../helpers/server';
import { kitReply } from '../helpers/fixtures';
import { writeExample } from './examples';

let server: TestServer;
beforeEach(async () => {
  server = await startServer();
  localStorage.clear();
});
afterEach(() => server.close());

it('the README persistence example saves chats, lists them, and restores one after a "reload"', async () => {
  server.reply(respond(kitReply(['Saved ', 'reply'])));
  const origin = server.url('').replace(/\/$/, '');
  const { App } = (await import(/* @vite-ignore */ writeExample('persistence', origin))) as { App: ComponentType };
  const first = render(<App />);
  await screen.findByRole('textbox');
  await userEvent.type(screen.getByRole('textbox'), 'Remember me{Enter}');
  await waitFor(() => expect(first.container.textContent).toContain('Saved reply'));
  // The list shows the new chat, titled by its first message.
  const chats = screen.getByRole('navigation', { name: 'Chats' });
  await waitFor(() => expect(chats.textContent).toContain('Remember me'));
  const keys = Object.keys(localStorage).filter((key) => key.startsWith('ai-stream-kit:chat:'));
  expect(keys).toHaveLength(1);
  first.unmount();

  // A new page: a new chat opens; the saved one is in the list and comes back when picked.
  const second = render(<App />);
  const button = await screen.findByRole('button', { name: /^Remember me/ });
  expect(second.container.textContent).not.toContain('Saved reply');
  await act(() => userEvent.click(button));
  await waitFor(() => expect(second.container.textContent).toContain('Saved reply'));
  expect(server.requests).toHaveLength(1);
}, 20_000); // typing with user-event is slow on a loaded machine
