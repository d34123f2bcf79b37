import { render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { Chat } from '../../src/ui';
import { kitReply } from '../helpers/fixtures';
import { respond, startServer, type TestServer } from '../helpers/server';

// Records when the Edit/Regenerate/branch chunk is imported (the factory runs on the first import).
const chunk = vi.hoisted(() => ({ loaded: false }));
vi.mock('../../src/ui/message-actions', async (importOriginal) => {
  chunk.loaded = true;
  return importOriginal();
});

let server: TestServer;
beforeEach(async () => {
  server = await startServer();
});
afterEach(async () => {
  await server.close();
});

describe('Chat loads the message-actions chunk only when it offers Edit or Regenerate', () => {
  it('editable={false} regenerate={false}: a whole turn without importing it; the defaults import it once the user types, not for an empty chat', async () => {
    server.reply(respond(kitReply(['First reply'])));
    const off = render(<Chat endpoint={server.url('/chat')} retry={{ maxRetries: 0 }} editable={false} regenerate={false} />);
    await userEvent.type(screen.getByRole('textbox', { name: 'Message' }), 'one{Enter}');
    await waitFor(() => expect(off.container.querySelector('.ask-message[data-role="assistant"] .ask-markdown')?.textContent).toBe('First reply'));
    await screen.findByRole('button', { name: 'Retry' });
    expect(chunk.loaded).toBe(false);
    off.unmount();

    render(<Chat endpoint={server.url('/chat')} />);
    // Mounted and idle for a while: an empty chat nobody writes in has nothing to edit or regenerate.
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(chunk.loaded).toBe(false);
    // The first keystroke fetches it, so Edit is there when the message lands.
    await userEvent.type(screen.getByRole('textbox', { name: 'Message' }), 'h');
    await waitFor(() => expect(chunk.loaded).toBe(true));
  });
});

describe('Edit in <Chat/> (its code is in the actions chunk)', () => {
  it('sends the new version with the old one’s files, and gives the focus to the composer', async () => {
    server.reply(respond(kitReply(['Second answer'])));
    const PNG = 'data:image/png;base64,iVBORw0KGgo=';
    const initialMessages = [
      { id: 'u1', role: 'user' as const, content: 'What is this?', timestamp: 0, parts: [{ type: 'file' as const, mediaType: 'image/png', url: PNG, name: 'dot.png' }, { type: 'text' as const, text: 'What is this?' }] },
      { id: 'a1', role: 'assistant' as const, content: 'A dot.', timestamp: 0, status: 'complete' as const },
    ];
    const { container } = render(<Chat endpoint={server.url('/chat')} retry={{ maxRetries: 0 }} initialMessages={initialMessages} />);
    await userEvent.click(await screen.findByRole('button', { name: 'Edit' }));
    await screen.findByRole('textbox', { name: 'Edit message' });
    await userEvent.keyboard('{Control>}a{/Control}What is in it?{Enter}');
    await waitFor(() => expect(container.querySelector('.ask-message[data-role="assistant"] .ask-markdown')?.textContent).toBe('Second answer'));
    const body = server.requests[0]!.body as { messages: { role: string; content: string; parts?: unknown[] }[] };
    expect(body.messages).toHaveLength(1); // the active path only: the new version
    expect(body.messages[0]!.parts).toEqual([
      { type: 'file', mediaType: 'image/png', url: PNG, name: 'dot.png' },
      { type: 'text', text: 'What is in it?' },
    ]);
    expect(document.activeElement).toBe(screen.getByRole('textbox', { name: 'Message' }));
  });
});
