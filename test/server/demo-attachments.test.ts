/**
 * The demo's embedded model and attachments: image headers decoded server-side (no dependency),
 * and the demo server answering a real AIStream that attaches files with what it sees.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AIStream } from 'ai-stream-kit';
import { imageInfo } from '../../demo/server/demo-model/image-info';
import { describeFile, fileTokens } from '../../demo/server/demo-model/attachments';
import { estimatePromptTokens } from '../../demo/server/demo-model/model';
import { estimateTokens } from '../../demo/server/demo-model/tokenize';
import { startDemoServer, type DemoServer } from '../../demo/server/server';
import { openProviderStream, providerFailure, type ChatMessage } from '../../demo/server/providers';
import type { ModelInfo, ProviderConfig } from '../../demo/server/models';
import { startStrictAnthropic } from './fixtures/strict/strict-anthropic';
import { startStrictOpenAIChat } from './fixtures/strict/strict-openai-chat';
import { gifHeader, jpegHeader, pdf, png, webpHeader } from '../helpers/images';

describe('imageInfo', () => {
  it.each([
    ['a PNG', png(640, 480), { format: 'PNG', width: 640, height: 480 }],
    ['a JPEG (frame header after an APP0 segment)', jpegHeader(1024, 768), { format: 'JPEG', width: 1024, height: 768 }],
    ['a GIF', gifHeader(320, 200), { format: 'GIF', width: 320, height: 200 }],
    ['an extended WebP (VP8X)', webpHeader(4000, 3000), { format: 'WebP', width: 4000, height: 3000 }],
  ])('reads %s', (_name, bytes, expected) => {
    expect(imageInfo(bytes)).toEqual(expected);
  });

  it('reads lossless (VP8L) and lossy (VP8) WebP headers', () => {
    const riff = (chunk: Buffer) => Buffer.concat([Buffer.from('RIFF\0\0\0\0WEBP', 'latin1'), chunk]);
    const lossless = Buffer.alloc(13);
    lossless.write('VP8L', 0, 'latin1');
    lossless[8] = 0x2f;
    lossless.writeUInt32LE((300 - 1) | ((150 - 1) << 14), 9);
    expect(imageInfo(riff(lossless))).toEqual({ format: 'WebP', width: 300, height: 150 });
    const lossy = Buffer.alloc(20);
    lossy.write('VP8 ', 0, 'latin1');
    lossy.set([0x9d, 0x01, 0x2a], 11);
    lossy.writeUInt16LE(800, 14);
    lossy.writeUInt16LE(600, 16);
    expect(imageInfo(riff(lossy))).toEqual({ format: 'WebP', width: 800, height: 600 });
  });

  it('gives nothing for bytes that are no image, or a header cut short', () => {
    expect(imageInfo(pdf())).toBeUndefined();
    expect(imageInfo(png(10, 10).subarray(0, 18))).toBeUndefined();
    expect(imageInfo(jpegHeader(10, 10).subarray(0, 12))).toBeUndefined();
  });

  it('describes a file by name, type and size, and a URL without fetching it', () => {
    const url = `data:application/pdf;base64,${pdf().toString('base64')}`;
    expect(describeFile({ type: 'file', mediaType: 'application/pdf', url, name: 'q3_report.pdf' })).toBe(`**q3\\_report.pdf**: a file of type application/pdf, ${pdf().length} B`);
    expect(describeFile({ type: 'file', mediaType: 'image/png', url: 'https://example.com/a.png' })).toBe('a file of type image/png at a URL (the demo model does not fetch it)');
  });
});

describe('prompt tokens of attachments', () => {
  const inline = (mediaType: string, bytes: Buffer) => `data:${mediaType};base64,${bytes.toString('base64')}`;

  it('counts an image by its pixels (capped), a text file by its length, another document as a page', () => {
    expect(fileTokens({ type: 'file', mediaType: 'image/png', url: inline('image/png', png(640, 480)) })).toBe(410); // 640×480 / 750
    expect(fileTokens({ type: 'file', mediaType: 'image/png', url: inline('image/png', png(8, 8)) })).toBe(1);
    expect(fileTokens({ type: 'file', mediaType: 'image/webp', url: inline('image/webp', webpHeader(4000, 3000)) })).toBe(1600);
    // Unreadable, or by URL: counted as the largest image.
    expect(fileTokens({ type: 'file', mediaType: 'image/png', url: inline('image/png', pdf()) })).toBe(1600);
    expect(fileTokens({ type: 'file', mediaType: 'image/png', url: 'https://example.com/a.png' })).toBe(1600);
    expect(fileTokens({ type: 'file', mediaType: 'text/csv', url: inline('text/csv', Buffer.from('a'.repeat(400))) })).toBe(100);
    expect(fileTokens({ type: 'file', mediaType: 'application/json', url: inline('application/json', Buffer.from('{"a":1}')) })).toBe(2);
    expect(fileTokens({ type: 'file', mediaType: 'application/pdf', url: inline('application/pdf', pdf()) })).toBe(1500);
  });

  it('adds the attachments to the messages’ text', () => {
    const image = { type: 'file' as const, mediaType: 'image/png', url: inline('image/png', png(640, 480)) };
    const text = [{ role: 'user', content: 'What is this?' }];
    const withImage = [{ role: 'user', content: 'What is this?', parts: [image, { type: 'text' as const, text: 'What is this?' }] }];
    expect(estimatePromptTokens(text)).toBe(estimateTokens('What is this?') + 4);
    expect(estimatePromptTokens(withImage)).toBe(estimatePromptTokens(text) + 410);
  });
});

describe('demo server with attachments', () => {
  let demo: DemoServer;
  beforeAll(async () => {
    demo = await startDemoServer({ port: 0, tokensPerSecond: 2000, staticDir: mkdtempSync(join(tmpdir(), 'demo-static-')), env: {}, log: () => {} });
  });
  afterAll(() => demo.close());

  it('reports an attached image’s format, dimensions and size, and other files by name, type and size', async () => {
    const stream = new AIStream({ endpoint: `${demo.url}api/chat`, retry: { maxRetries: 0 } });
    const image = png(640, 480);
    await stream.send('What did I send?', {
      files: [new File([image], 'photo.png', { type: 'image/png' }), new File(['a,b\n1,2\n'], 'data.csv', { type: 'text/csv' })],
    });
    const reply = stream.getMessages().at(-1)!;
    expect(reply.status).toBe('complete');
    expect(reply.content).toContain(`**photo.png**: I see a PNG image, 640×480, ${(image.length / 1024).toFixed(1).replace(/\.0$/, '')} KB`);
    expect(reply.content).toContain('**data.csv**: a file of type text/csv, 8 B');
    expect(reply.content).toContain('You asked: “What did I send?”');
    // The usage the demo model reports counts the attachments: 640×480 / 750 for the image, 8 / 4 for the CSV.
    expect(reply.usage?.promptTokens).toBe(estimateTokens('What did I send?') + 4 + 410 + 2);
  });

  it('refuses a file part with a URL that is neither data: nor https:', async () => {
    const response = await fetch(`${demo.url}api/chat`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ messages: [{ role: 'user', content: 'x', parts: [{ type: 'file', mediaType: 'image/png', url: 'file:///etc/passwd' }] }] }),
    });
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ error: { message: 'messages[0].parts: a file part needs a mediaType and a data: or https: url' } });
  });
});

describe('demo server with a real provider and attachments', () => {
  const image = `data:image/png;base64,${png(8, 8).toString('base64')}`;
  const messages: ChatMessage[] = [
    { role: 'system', content: 'Be brief.' },
    { role: 'user', content: 'What is this?', parts: [{ type: 'file', mediaType: 'image/png', url: image, name: 'a.png' }, { type: 'text', text: 'What is this?' }] },
  ];
  const drain = async (stream: AsyncIterable<unknown>) => {
    for await (const _event of stream) void _event;
  };

  it.each([
    ['anthropic', startStrictAnthropic],
    ['openai', startStrictOpenAIChat],
  ] as const)('sends the files to %s through the converters, and the strict fake accepts them', async (provider, start) => {
    const fake = await start();
    try {
      fake.script({ text: 'A tiny blue square.' });
      const model: ModelInfo = { id: `${provider}:m`, provider, model: 'm', label: 'm' };
      const config: ProviderConfig = { [provider]: { apiKey: 'k', baseURL: fake.url, model: 'm' } };
      await drain(await openProviderStream(model, config, { messages, tools: {} }, new AbortController().signal));
      expect(fake.rejections).toEqual([]);
      expect(JSON.stringify(fake.requests[0])).toContain(png(8, 8).toString('base64'));
    } finally {
      await fake.close();
    }
  });

  it('answers a file the provider cannot take with a 400 naming it', async () => {
    const zip: ChatMessage[] = [{ role: 'user', content: '', parts: [{ type: 'file', mediaType: 'application/zip', url: 'data:application/zip;base64,UEs=' }] }];
    const model: ModelInfo = { id: 'anthropic:m', provider: 'anthropic', model: 'm', label: 'm' };
    const config: ProviderConfig = { anthropic: { apiKey: 'k', baseURL: 'http://127.0.0.1:9', model: 'm' } };
    const error = await openProviderStream(model, config, { messages: zip, tools: {} }, new AbortController().signal).catch((e: unknown) => e);
    expect(providerFailure(error, model, config)).toEqual({ status: 400, message: expect.stringContaining('does not accept application/zip'), code: 'unsupported_content' });
  });
});
