/**
 * Attachments in jsdom: the attach input, rules and their inline alert, remove, submit; <Chat/>
 * sending the files (to a real kit server); messages showing files without fetching anything.
 * Paste and drop with real browser events: test/browser/attachments.test.ts.
 */
import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useState } from 'react';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { Chat, Composer, ComposerAttachments, Message, type ComposerProps } from '../../src/ui';
import type { Message as ChatMessage } from '../../src/core/types';
import { kitReply } from '../helpers/fixtures';
import { dataUrl, png } from '../helpers/images';
import { respond, startServer, type TestServer } from '../helpers/server';

// jsdom has no object URLs; previews ask for one per image.
const created: string[] = [];
const revoked: string[] = [];
beforeAll(() => {
  URL.createObjectURL = (blob: Blob) => {
    const url = `blob:test/${created.length}-${(blob as File).name}`;
    created.push(url);
    return url;
  };
  URL.revokeObjectURL = (url: string) => void revoked.push(url);
});

function Harness(props: Partial<ComposerProps>) {
  const [value, setValue] = useState('');
  return <Composer value={value} onChange={setValue} onSubmit={() => {}} attachments={ComposerAttachments} {...props} />;
}

const image = (name = 'dot.png') => new File([png(2, 2)], name, { type: 'image/png' });
const pdfFile = (name = 'report.pdf', size = 1000) => new File([new Uint8Array(size)], name, { type: 'application/pdf' });
const fileInput = (container: HTMLElement) => container.querySelector<HTMLInputElement>('input[type="file"]')!;
const previews = () => within(screen.getByRole('list', { name: 'Attachments' })).getAllByRole('listitem').map((li) => li.textContent);

describe('Composer with ComposerAttachments', () => {
  it('attaches picked files, previews them and submits them with the text', async () => {
    const onSubmit = vi.fn();
    const { container } = render(<Harness onSubmit={onSubmit} />);
    const attach = screen.getByRole('button', { name: 'Attach files' });
    expect(fileInput(container).hidden).toBe(true);
    await userEvent.upload(fileInput(container), [image(), pdfFile()]);
    expect(previews()).toEqual([`dot.png${png(2, 2).length} B`, 'report.pdf1000 B']);
    expect(container.querySelector('.ask-attachment-thumb')?.getAttribute('src')).toMatch(/^blob:test\/\d+-dot\.png$/);
    expect(attach).toBeTruthy();
    await userEvent.type(screen.getByRole('textbox', { name: 'Message' }), 'Look{Enter}');
    expect(onSubmit).toHaveBeenCalledExactlyOnceWith('Look', [expect.objectContaining({ name: 'dot.png' }), expect.objectContaining({ name: 'report.pdf' })]);
    expect(screen.queryByRole('list', { name: 'Attachments' })).toBeNull();
    await waitFor(() => expect(revoked).toContain(created.at(-1)));
  });

  it('sends files without text; the send button waits for text or a file', async () => {
    const onSubmit = vi.fn();
    const { container } = render(<Harness onSubmit={onSubmit} />);
    const send = screen.getByRole('button', { name: 'Send' });
    expect(send).toHaveProperty('disabled', true);
    await userEvent.upload(fileInput(container), pdfFile());
    expect(send).toHaveProperty('disabled', false);
    await userEvent.click(send);
    expect(onSubmit).toHaveBeenCalledExactlyOnceWith('', [expect.objectContaining({ name: 'report.pdf' })]);
  });

  it('refuses a file of another type, too large or too many with an alert; text and other files stay', async () => {
    const { container } = render(<Harness accept="image/*,.pdf" maxFileSize={5000} maxFiles={2} />);
    await userEvent.type(screen.getByRole('textbox', { name: 'Message' }), 'keep me');
    // userEvent.upload filters by accept itself; the rules must hold for paste and drop too, so set applyAccept off.
    const user = userEvent.setup({ applyAccept: false });
    await user.upload(fileInput(container), [image(), new File(['x'], 'notes.txt', { type: 'text/plain' })]);
    expect(screen.getByRole('alert').textContent).toBe('notes.txt is not an accepted file type.');
    await user.upload(fileInput(container), pdfFile('big.pdf', 6000));
    expect(screen.getByRole('alert').textContent).toBe('big.pdf is too large (5.9 KB; the limit is 4.9 KB).');
    await user.upload(fileInput(container), [pdfFile('a.pdf'), pdfFile('b.pdf')]);
    expect(screen.getByRole('alert').textContent).toBe('You can attach up to 2 files.');
    expect(previews().map((text) => text!.split(/\d/)[0])).toEqual(['dot.png', 'a.pdf']);
    expect(screen.getByRole('textbox', { name: 'Message' })).toHaveProperty('value', 'keep me');
    expect(screen.getByRole('button', { name: 'Attach files' })).toHaveProperty('disabled', true);
  });

  it('removes a file with its button (keyboard), focus goes back to the attach button', async () => {
    const { container } = render(<Harness />);
    await userEvent.upload(fileInput(container), [image('one.png'), pdfFile('two.pdf')]);
    const remove = screen.getByRole('button', { name: 'Remove one.png' });
    remove.focus();
    await userEvent.keyboard('{Enter}');
    expect(previews()).toEqual([expect.stringContaining('two.pdf')]);
    expect(document.activeElement).toBe(screen.getByRole('button', { name: 'Attach files' }));
    expect(revoked.some((url) => url.endsWith('-one.png'))).toBe(true);
  });

  it('a composer whose attachments are taken away has no files: no empty send', async () => {
    const onSubmit = vi.fn();
    const { container, rerender } = render(<Composer value="" onChange={() => {}} onSubmit={onSubmit} attachments={ComposerAttachments} />);
    await userEvent.upload(fileInput(container), pdfFile());
    expect(screen.getByRole('button', { name: 'Send' })).toHaveProperty('disabled', false);
    rerender(<Composer value="" onChange={() => {}} onSubmit={onSubmit} />);
    expect(screen.getByRole('button', { name: 'Send' })).toHaveProperty('disabled', true);
    expect(onSubmit).not.toHaveBeenCalled();
  });

  it('renders no attachment UI without the component', () => {
    const { container } = render(<Composer value="" onChange={() => {}} onSubmit={() => {}} />);
    expect(screen.queryByRole('button', { name: 'Attach files' })).toBeNull();
    expect(container.querySelector('input[type="file"]')).toBeNull();
  });

  it('takes its labels from labels', async () => {
    const { container } = render(<Harness accept="image/*" labels={{ attachFiles: 'Joindre', fileTypeRejected: '{name} : type refusé' }} />);
    expect(screen.getByRole('button', { name: 'Joindre' })).toBeTruthy();
    await userEvent.setup({ applyAccept: false }).upload(fileInput(container), pdfFile());
    expect(screen.getByRole('alert').textContent).toBe('report.pdf : type refusé');
  });
});

describe('messages with files', () => {
  const user = (parts: ChatMessage['parts'], content = ''): ChatMessage => ({ id: 'u1', role: 'user', content, timestamp: 0, parts });
  const PNG = dataUrl('image/png', png(2, 2));

  it('shows the user’s own data: image as a thumbnail and other files as chips with type and size', async () => {
    const { container } = render(
      <Message
        message={user(
          [
            { type: 'file', mediaType: 'image/png', url: PNG, name: 'dot.png', size: 12_345 },
            { type: 'file', mediaType: 'application/pdf', url: 'data:application/pdf;base64,JVBERi0=', name: 'report.pdf', size: 2_000_000 },
            { type: 'text', text: 'What are these?' },
          ],
          'What are these?',
        )}
      />,
    );
    await waitFor(() => expect(container.querySelectorAll('.ask-file')).toHaveLength(2)); // the file chip's code loads on first use
    const chips = [...container.querySelectorAll('.ask-file')];
    expect(chips.map((chip) => chip.textContent)).toEqual(['File: dot.png PNG · 12 KB', 'File: report.pdf PDF · 1.9 MB']);
    expect(chips[0]!.querySelector('img')?.getAttribute('src')).toBe(PNG);
    expect(chips[1]!.querySelector('img')).toBeNull();
    expect(container.querySelector('.ask-message-text')?.textContent).toBe('What are these?');
  });

  it('never loads a remote image, nor one the model sent', async () => {
    const remote = render(<Message message={user([{ type: 'file', mediaType: 'image/png', url: 'https://tracker.example/pixel.png', name: 'pixel.png' }])} />);
    await waitFor(() => expect(remote.container.querySelector('.ask-file')).not.toBeNull());
    expect(remote.container.querySelector('img')).toBeNull();
    expect(remote.container.querySelector('.ask-message-text')).toBeNull(); // files only, no empty bubble
    const reply: ChatMessage = { id: 'a1', role: 'assistant', content: '', timestamp: 0, status: 'complete', parts: [{ type: 'file', mediaType: 'image/png', url: PNG, name: 'chart.png' }] };
    const fromModel = render(<Message message={reply} />);
    await waitFor(() => expect(fromModel.container.querySelector('.ask-file')).not.toBeNull());
    expect(fromModel.container.querySelector('img')).toBeNull();
    expect(fromModel.container.querySelector('.ask-file')?.textContent).toBe('File: chart.png PNG');
  });
});

describe('<Chat attachments>', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startServer();
  });
  afterAll(() => server.close());
  afterEach(() => vi.restoreAllMocks());

  it('sends the attached files with the message and shows them in it', async () => {
    server.reply(respond(kitReply(['A PNG.'])));
    const { container } = render(<Chat endpoint={server.url('/chat')} retry={{ maxRetries: 0 }} attachments={ComposerAttachments} accept="image/*" />);
    await userEvent.upload(fileInput(container), image());
    await userEvent.type(screen.getByRole('textbox', { name: 'Message' }), 'What is it?{Enter}');
    await waitFor(() => expect(container.querySelector('.ask-message[data-role="assistant"]')?.textContent).toContain('A PNG.'));
    const body = server.requests[0]!.body as { messages: { parts: unknown[] }[] };
    expect(body.messages[0]!.parts).toEqual([
      { type: 'file', mediaType: 'image/png', url: dataUrl('image/png', png(2, 2)), name: 'dot.png', size: png(2, 2).length },
      { type: 'text', text: 'What is it?' },
    ]);
    const userMessage = container.querySelector('.ask-message[data-role="user"]')!;
    await waitFor(() => expect(userMessage.querySelector('.ask-file')).not.toBeNull());
    expect(userMessage.querySelector('.ask-file img')?.getAttribute('src')).toMatch(/^data:image\/png;base64,/);
    expect(screen.queryByRole('list', { name: 'Attachments' })).toBeNull();
  }, 20_000);

  it('a file that cannot be read: the error shows, the text and the files stay, nothing is sent', async () => {
    server.reply(respond(kitReply(['Now it works.'])));
    const onError = vi.fn();
    const requestsBefore = server.requests.length;
    const { container } = render(<Chat endpoint={server.url('/chat')} retry={{ maxRetries: 0 }} attachments={ComposerAttachments} onError={onError} />);
    const gone = image('gone.png');
    gone.arrayBuffer = () => Promise.reject(new DOMException('The file was removed', 'NotReadableError'));
    await userEvent.upload(fileInput(container), gone);
    const box = screen.getByRole('textbox', { name: 'Message' });
    await userEvent.type(box, 'What is it?{Enter}');
    await waitFor(() => expect(screen.getByRole('alert').textContent).toContain('Could not read the file "gone.png"'));
    expect(onError).toHaveBeenCalledTimes(1);
    expect(box).toHaveProperty('value', 'What is it?');
    expect(previews()).toHaveLength(1);
    expect(previews()[0]).toContain('gone.png');
    expect(within(screen.getByRole('alert')).queryByRole('button', { name: 'Retry' })).toBeNull(); // nothing to retry
    expect(container.querySelector('.ask-message')).toBeNull();
    expect(server.requests).toHaveLength(requestsBefore);
    // The user removes the file and sends again: the text goes, the error clears.
    await userEvent.click(screen.getByRole('button', { name: /Remove/ }));
    await userEvent.type(box, '{Enter}');
    await waitFor(() => expect(container.querySelector('.ask-message[data-role="assistant"]')?.textContent).toContain('Now it works.'));
    expect(box).toHaveProperty('value', '');
    expect(screen.queryByRole('alert')).toBeNull();
  }, 20_000);
});
