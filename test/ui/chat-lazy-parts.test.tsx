// <Chat/> against a real server: a conversation whose replies have no source never imports the
// source list; the first reply that has one does, and shows it. (The tool-call and reasoning views
// load the same way from MessageParts, see lazy-part-views.test.tsx; Message.tsx still imports
// them for replies without parts.)
import { render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { Chat } from '../../src/ui/Chat';
import { kitReply } from '../helpers/fixtures';
import { respond, sse, startServer, type TestServer } from '../helpers/server';

// Records when each view's module is imported (the factory runs on its first import).
const loaded = vi.hoisted(() => ({ sources: false }));
vi.mock('../../src/ui/SourceList', async (importOriginal) => ((loaded.sources = true), importOriginal()));

let server: TestServer;
beforeEach(async () => {
  server = await startServer();
});
afterEach(async () => {
  await server.close();
});

/** A kit reply that thinks, calls a tool the app answers itself, cites a source, then writes. */
function richReply(): string[] {
  let seq = 0;
  const event = (name: string, data: unknown) => sse(data, { event: name, id: `s2-${++seq}` });
  return [
    event('start', { streamId: 's2' }),
    event('reasoning', { token: 'Looking it up' }),
    event('tool-call-start', { key: 0, id: 'call_1', name: 'lookup' }),
    event('tool-call-end', { key: 0, args: '{"q":"paris"}' }),
    event('source', { id: 'src_1', url: 'https://example.com/paris', title: 'Paris facts' }),
    event('token', { token: 'Paris it is.', index: 0 }),
    event('finish', { reason: 'stop' }),
    event('done', {}),
  ];
}

const assistantText = (container: HTMLElement) => [...container.querySelectorAll('.ask-message[data-role="assistant"] .ask-markdown')].map((el) => el.textContent);

describe('<Chat/> loads the source list only when a reply has sources', () => {
  it('a plain turn does not import the source list; a reply with a source (and a tool call and reasoning) imports and shows it', async () => {
    server.reply(respond(kitReply(['Plain ', 'reply'])), respond(richReply()));
    const { container } = render(<Chat endpoint={server.url('/chat')} retry={{ maxRetries: 0 }} />);
    const textbox = screen.getByRole('textbox', { name: 'Message' });
    await userEvent.type(textbox, 'one{Enter}');
    await waitFor(() => expect(assistantText(container)).toEqual(['Plain reply']));
    await screen.findByRole('button', { name: 'Retry' }); // the turn is over
    expect(loaded).toEqual({ sources: false });

    await userEvent.type(textbox, 'two{Enter}');
    await waitFor(() => expect(assistantText(container)).toEqual(['Plain reply', 'Paris it is.']));
    expect((await screen.findByRole('list', { name: 'Sources' })).textContent).toBe('Paris facts');
    await waitFor(() => expect(container.querySelector('.ask-tool-args')?.textContent).toBe('{\n  "q": "paris"\n}'));
    await waitFor(() => expect(container.querySelector('.ask-reasoning-body')?.textContent).toBe('Looking it up'));
    expect(loaded).toEqual({ sources: true });
  });
});
