import { render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, expect, it } from 'vitest';
import type { ComponentType } from 'react';
import { json, respond, startServer, type TestServer } from '../helpers/server';
import { kitReply } from '../helpers/fixtures';
import { writeExample } from './examples';

let server: TestServer;
beforeEach(async () => {
  server = await startServer();
});
afterEach(async () => {
  await server.close();
});

const origin = () => server.url('').replace(/\/$/, '');

it('the README React example streams a reply, shows errors, and stops', async () => {
  server.reply(respond(kitReply(['Hi ', 'there'])), json(503, { error: { message: 'Model is overloaded' } }));
  const { ChatBox } = (await import(/* @vite-ignore */ writeExample('react-chat', origin()))) as { ChatBox: ComponentType };
  render(<ChatBox />);
  await userEvent.type(screen.getByPlaceholderText('Say something'), 'Hello');
  await userEvent.click(screen.getByRole('button', { name: 'Send' }));
  await waitFor(() => expect(screen.getByText(/Hi there/)).toBeTruthy());
  expect(screen.getByText(/Hello/)).toBeTruthy();
  expect(server.requests[0]!.path).toBe('/api/chat');
});

it('the README <Chat/> example is a working chat in five lines', async () => {
  server.reply(respond(kitReply(['Streaming ', '**works**'], { usage: { promptTokens: 4, completionTokens: 2, totalTokens: 6 } })));
  const { App } = (await import(/* @vite-ignore */ writeExample('ui-chat', origin()))) as { App: ComponentType };
  const { container } = render(<App />);
  await userEvent.type(screen.getByRole('textbox'), 'Does it stream?{Enter}');
  await waitFor(() => expect(container.querySelector('.ask-markdown strong')?.textContent).toBe('works'));
  expect(screen.getByText('Does it stream?')).toBeTruthy();
  await waitFor(() => expect(container.textContent).toContain('6'));
});
