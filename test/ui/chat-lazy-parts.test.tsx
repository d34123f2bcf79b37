// <Chat/> against a real server: a conversation whose replies have no tool call, source or
// reasoning never imports their views; the first reply that has them does, and shows them.
import { render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { Chat } from '../../src/ui/Chat';
import { kitReply } from '../helpers/fixtures';
import { respond, sse, startServer, type TestServer } from '../helpers/server';

// Records when each view's module is imported (the factory runs on its first import).
const loaded = vi.hoisted(() => ({ tool: false, sources: false, reasoning: false }));
vi.mock('../../src/ui/ToolCallView', async (importOriginal) => ((loaded.tool = true), importOriginal()));
vi.mock('../../src/ui/SourceList', async (importOriginal) => ((loaded.sources = true), importOriginal()));
vi.mock('../../src/ui/ReasoningView', async (importOriginal) => ((loaded.reasoning = true), importOriginal()));

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

describe('<Chat/> loads part views only when a reply has such parts', () => {
  it('a plain turn imports none; a reply with a tool call, a source and reasoning imports and shows each', async () => {
    server.reply(respond(kitReply(['Plain ', 'reply'])), respond(richReply()));
    const { container } = render(<Chat endpoint={server.url('/chat')} retry={{ maxRetries: 0 }} />);
    const textbox = screen.getByRole('textbox', { name: 'Message' });
    await userEvent.type(textbox, 'one{Enter}');
    await waitFor(() => expect(assistantText(container)).toEqual(['Plain reply']));
    await screen.findByRole('button', { name: 'Retry' }); // the turn is over
    expect(loaded).toEqual({ tool: false, sources: false, reasoning: false });

    await userEvent.type(textbox, 'two{Enter}');
    await waitFor(() => expect(assistantText(container)).toEqual(['Plain reply', 'Paris it is.']));
    expect((await screen.findByRole('list', { name: 'Sources' })).textContent).toBe('Paris facts');
    await waitFor(() => expect(container.querySelector('.ask-tool-args')?.textContent).toBe('{\n  "q": "paris"\n}'));
    await waitFor(() => expect(container.querySelector('.ask-reasoning-body')?.textContent).toBe('Looking it up'));
    expect(loaded).toEqual({ tool: true, sources: true, reasoning: true });
  });
});
