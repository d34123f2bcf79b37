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
  it('editable={false} regenerate={false}: a whole turn without importing it; the defaults import it on mount', async () => {
    server.reply(respond(kitReply(['First reply'])));
    const off = render(<Chat endpoint={server.url('/chat')} retry={{ maxRetries: 0 }} editable={false} regenerate={false} />);
    await userEvent.type(screen.getByRole('textbox', { name: 'Message' }), 'one{Enter}');
    await waitFor(() => expect(off.container.querySelector('.ask-message[data-role="assistant"] .ask-markdown')?.textContent).toBe('First reply'));
    await screen.findByRole('button', { name: 'Retry' });
    expect(chunk.loaded).toBe(false);
    off.unmount();

    render(<Chat endpoint={server.url('/chat')} />);
    await waitFor(() => expect(chunk.loaded).toBe(true));
  });
});
