/**
 * send(content, { files }): File / Blob / URL inputs become `file` parts of the user message, and
 * each wire format carries them as its API documents: the client talking to a provider directly
 * (against the strict fakes, which validate payloads like the real APIs) and the kit protocol.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AIStream, AIStreamError } from 'ai-stream-kit';
import { filesToParts, userMessageParts } from '../../src/core/files';
import { startStrictAnthropic } from '../server/fixtures/strict/strict-anthropic';
import { startStrictOpenAIChat } from '../server/fixtures/strict/strict-openai-chat';
import { startStrictResponses } from '../server/fixtures/strict/strict-responses';
import type { FakeProvider } from '../server/fixtures/strict/fake-provider';
import { kitReply } from '../helpers/fixtures';
import { dataUrl, jpegHeader, pdf, png } from '../helpers/images';
import { respond, startServer, type TestServer } from '../helpers/server';

const PNG = png(3, 2);

describe('filesToParts', () => {
  it('reads a File once into a data: URL with its name, size and media type; keeps URLs', async () => {
    const parts = await filesToParts([
      new File([PNG], 'dot.png', { type: 'image/png' }),
      new Blob(['Grüße'], { type: 'text/plain;charset=utf-8' }),
      { url: 'https://example.com/cat.jpg', mediaType: 'image/jpeg', name: 'cat.jpg' },
    ]);
    expect(parts).toEqual([
      { type: 'file', mediaType: 'image/png', url: dataUrl('image/png', PNG), name: 'dot.png', size: PNG.length },
      { type: 'file', mediaType: 'text/plain', url: dataUrl('text/plain', Buffer.from('Grüße')), size: Buffer.byteLength('Grüße') },
      { type: 'file', mediaType: 'image/jpeg', url: 'https://example.com/cat.jpg', name: 'cat.jpg' },
    ]);
  });

  it('reads a large file completely (base64 in slices)', async () => {
    const bytes = new Uint8Array(200_000).map((_, i) => i % 251);
    const [part] = await filesToParts([new Blob([bytes], { type: 'application/octet-stream' })]);
    expect(Buffer.from(part!.url.split(',')[1]!, 'base64').equals(Buffer.from(bytes))).toBe(true);
  });

  it.each([
    ['a blob: URL (it exists only in this page)', { url: 'blob:https://app/1', mediaType: 'image/png' }, /data: or https:/],
    ['a javascript: URL', { url: 'javascript:alert(1)', mediaType: 'image/png' }, /data: or https:/],
    ['a URL without a media type', { url: 'https://example.com/a.png' }, /File, a Blob or \{ url, mediaType/],
    ['a media type that is not type/subtype', { url: 'https://example.com/a', mediaType: 'png' }, /Invalid media type "png"/],
    ['a string', 'https://example.com/a.png', /File, a Blob or \{ url, mediaType/],
  ])('rejects %s with AIStreamError invalid', async (_name, input, message) => {
    const error = await filesToParts([input as never]).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AIStreamError);
    expect(error).toMatchObject({ code: 'invalid', message: expect.stringMatching(message) });
  });

  it('puts files before the text and leaves out empty text', async () => {
    const file = { url: 'https://example.com/a.pdf', mediaType: 'application/pdf' };
    expect(await userMessageParts('Summarize', [file])).toEqual([{ type: 'file', ...file }, { type: 'text', text: 'Summarize' }]);
    expect(await userMessageParts('  ', [file])).toEqual([{ type: 'file', ...file }]);
  });
});

describe('send(content, { files }) over the kit protocol', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startServer();
  });
  afterAll(() => server.close());

  it('gives the user message parts (files, then text) and posts them', async () => {
    server.reply(respond(kitReply(['I see it.'])));
    const stream = new AIStream({ endpoint: server.url('/chat'), retry: { maxRetries: 0 } });
    await stream.send('What is this?', { files: [new File([PNG], 'dot.png', { type: 'image/png' })] });
    const [user, reply] = stream.getMessages();
    const file = { type: 'file', mediaType: 'image/png', url: dataUrl('image/png', PNG), name: 'dot.png', size: PNG.length };
    expect(user).toMatchObject({ role: 'user', content: 'What is this?', parts: [file, { type: 'text', text: 'What is this?' }] });
    expect(reply!.content).toBe('I see it.');
    expect(server.requests.at(-1)!.body).toMatchObject({ messages: [{ role: 'user', content: 'What is this?', parts: [file, { type: 'text', text: 'What is this?' }] }] });
  });

  it('sends a message with files and no text; still refuses one with neither', async () => {
    server.reply(respond(kitReply(['A PDF.'])));
    const stream = new AIStream({ endpoint: server.url('/chat'), retry: { maxRetries: 0 } });
    await expect(stream.send('  ')).rejects.toMatchObject({ code: 'invalid' });
    await expect(stream.send('', { files: [] })).rejects.toMatchObject({ code: 'invalid' });
    await stream.send('', { files: [{ url: 'https://example.com/a.pdf', mediaType: 'application/pdf', name: 'a.pdf' }] });
    expect(stream.getMessages()[0]).toMatchObject({ content: '', parts: [{ type: 'file', name: 'a.pdf' }] });
  });

  it('rejects an unsupported input before anything is added or sent', async () => {
    const stream = new AIStream({ endpoint: server.url('/chat') });
    const before = server.requests.length;
    await expect(stream.send('Look', { files: [{ url: 'file:///etc/passwd', mediaType: 'text/plain' }] })).rejects.toMatchObject({ code: 'invalid' });
    expect(stream.getMessages()).toEqual([]);
    expect(server.requests.length).toBe(before);
  });

  it('refuses a second send() that starts while the first one reads its files', async () => {
    server.reply(respond(kitReply(['ok'])));
    const stream = new AIStream({ endpoint: server.url('/chat'), retry: { maxRetries: 0 } });
    const first = stream.send('one', { files: [new Blob([PNG], { type: 'image/png' })] });
    const second = stream.send('two', { files: [new Blob([PNG], { type: 'image/png' })] });
    const results = await Promise.allSettled([first, second]);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected']);
    expect((results[1] as PromiseRejectedResult).reason).toMatchObject({ code: 'busy' });
    expect(stream.getMessages().filter((m) => m.role === 'user').map((m) => m.content)).toEqual(['one']);
  });
});

/** A PNG, a JPEG whose file name says PNG, a PDF, a text file and an image by URL. */
const attachments = () => [
  new File([PNG], 'dot.png', { type: 'image/png' }),
  new File([jpegHeader(4, 3)], 'photo.png', { type: 'image/png' }), // mislabelled, as files often are
  new File([pdf()], 'report.pdf', { type: 'application/pdf' }),
  new File(['line one\nline two'], 'notes.txt', { type: 'text/plain' }),
  { url: 'https://example.com/cat.jpg', mediaType: 'image/jpeg', name: 'cat.jpg' },
];

const providers = [
  { protocol: 'openai-chat', start: startStrictOpenAIChat, path: '/chat/completions' },
  { protocol: 'openai-responses', start: startStrictResponses, path: '/responses' },
  { protocol: 'anthropic', start: startStrictAnthropic, path: '/v1/messages' },
] as const;

describe.each(providers)('client talking to $protocol directly', ({ protocol, start, path }) => {
  let fake: FakeProvider;
  beforeAll(async () => {
    fake = await start();
  });
  afterAll(() => fake.close());

  it('sends every attachment in the shape the API takes, and it accepts them', async () => {
    fake.script({ text: 'Five files.' }, { text: 'Yes.' });
    const stream = new AIStream({ endpoint: `${fake.url}${path}`, protocol, model: 'model-x', retry: { maxRetries: 0 } });
    await stream.send('What are these?', { files: attachments() });
    await stream.send('Thanks. Anything else?'); // the files stay in the history
    expect(fake.rejections).toEqual([]);
    expect(stream.getMessages().map((m) => m.content)).toEqual(['What are these?', 'Five files.', 'Thanks. Anything else?', 'Yes.']);
    expect(userContent(protocol, fake.requests[1]!)).toEqual(expected[protocol]);
  });

  it('ends the reply with an invalid error naming the file type the API cannot take', async () => {
    const stream = new AIStream({ endpoint: `${fake.url}${path}`, protocol, model: 'model-x', retry: { maxRetries: 0 } });
    const before = fake.requests.length;
    const error = await stream.send('Listen', { files: [new File(['ID3'], 'song.mp3', { type: 'audio/mpeg' })] }).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'invalid', message: expect.stringMatching(/does not accept audio\/mpeg files \(it takes .+\)/) });
    expect(fake.requests.length).toBe(before);
  });
});

function userContent(protocol: string, body: Record<string, unknown>): unknown {
  const list = (protocol === 'openai-responses' ? body.input : body.messages) as { role: string; content: unknown }[];
  return list.find((m) => m.role === 'user')!.content;
}

const b64 = (bytes: Buffer | string) => Buffer.from(bytes).toString('base64');
const expected: Record<(typeof providers)[number]['protocol'], unknown> = {
  'openai-chat': [
    { type: 'image_url', image_url: { url: dataUrl('image/png', PNG) } },
    { type: 'image_url', image_url: { url: dataUrl('image/png', jpegHeader(4, 3)) } },
    { type: 'file', file: { file_data: dataUrl('application/pdf', pdf()), filename: 'report.pdf' } },
    { type: 'text', text: 'notes.txt:\nline one\nline two' },
    { type: 'image_url', image_url: { url: 'https://example.com/cat.jpg' } },
    { type: 'text', text: 'What are these?' },
  ],
  'openai-responses': [
    { type: 'input_image', image_url: dataUrl('image/png', PNG), detail: 'auto' },
    { type: 'input_image', image_url: dataUrl('image/png', jpegHeader(4, 3)), detail: 'auto' },
    { type: 'input_file', file_data: dataUrl('application/pdf', pdf()), filename: 'report.pdf' },
    { type: 'input_file', file_data: dataUrl('text/plain', Buffer.from('line one\nline two')), filename: 'notes.txt' },
    { type: 'input_image', image_url: 'https://example.com/cat.jpg', detail: 'auto' },
    { type: 'input_text', text: 'What are these?' },
  ],
  anthropic: [
    { type: 'image', source: { type: 'base64', media_type: 'image/png', data: b64(PNG) } },
    // Labelled by its bytes: the API rejects a JPEG sent as image/png.
    { type: 'image', source: { type: 'base64', media_type: 'image/jpeg', data: b64(jpegHeader(4, 3)) } },
    { type: 'document', source: { type: 'base64', media_type: 'application/pdf', data: b64(pdf()) }, title: 'report.pdf' },
    { type: 'document', source: { type: 'text', media_type: 'text/plain', data: 'line one\nline two' }, title: 'notes.txt' },
    { type: 'image', source: { type: 'url', url: 'https://example.com/cat.jpg' } },
    { type: 'text', text: 'What are these?' },
  ],
};
