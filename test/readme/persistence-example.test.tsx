import { act, render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterAll, beforeAll, beforeEach, expect, it } from 'vitest';
import type { ComponentType } from 'react';
import { respond, startServer, type TestServer } from '../helpers/server';
import { kitReply } from '../helpers/fixtures';
import { writeExample } from './examples';

// One server for the file: the example module is imported once, bound to its origin.
let server: TestServer;
beforeAll(async () => {
  server = await startServer();
});
beforeEach(() => localStorage.clear());
afterAll(() => server.close());

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

it('the README persistence example: deleting the open chat while its reply streams keeps it deleted', async () => {
  server.reply(respond(kitReply(['Stream', 'ing ', 'still']).flatMap((step) => [step, 150])));
  const origin = server.url('').replace(/\/$/, '');
  const { App } = (await import(/* @vite-ignore */ writeExample('persistence', origin))) as { App: ComponentType };
  const page = render(<App />);
  await screen.findByRole('textbox');
  await userEvent.type(screen.getByRole('textbox'), 'Forget me{Enter}');
  const del = await screen.findByRole('button', { name: 'Delete “Forget me”' });
  expect(page.container.textContent).not.toContain('Streaming still'); // the reply is still streaming
  await act(() => userEvent.click(del));
  await waitFor(() => expect(page.container.textContent).toContain('Streaming still'));
  await new Promise((resolve) => setTimeout(resolve, 50)); // the save after the finished reply
  expect(Object.keys(localStorage).filter((key) => key.startsWith('ai-stream-kit:chat:'))).toEqual([]);
  expect(screen.getByRole('navigation', { name: 'Chats' }).textContent).not.toContain('Forget me');
  page.unmount(); // the last save on unmount does not bring it back either
  await new Promise((resolve) => setTimeout(resolve, 50));
  expect(Object.keys(localStorage).filter((key) => key.startsWith('ai-stream-kit:chat:'))).toEqual([]);
}, 20_000);
