import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { kitReply } from '../helpers/fixtures';
import { json, respond, startServer, type TestServer } from '../helpers/server';

// What decodeBody needs for anything but the kit's own SSE (sniffing, NDJSON, text, JSON
// replies, provider detection) is a chunk of its own (src/protocol/body-formats.ts), imported
// when such a body arrives. Each test starts from a fresh module graph and counts the imports.
const loaded = { bodyFormats: 0, ndjsonReader: 0, jsonReply: 0 };
/** Set by a test to make the chunk's import fail, as it does offline or after a redeploy. */
let failing: keyof typeof loaded | undefined;
const counting = (module: keyof typeof loaded) => async (importOriginal: () => Promise<object>) => {
  loaded[module]++;
  if (failing === module) throw new Error('Failed to fetch dynamically imported module');
  return importOriginal();
};

let server: TestServer;
beforeEach(async () => {
  vi.resetModules();
  Object.assign(loaded, { bodyFormats: 0, ndjsonReader: 0, jsonReply: 0 });
  failing = undefined;
  // The mocks are registered once, here. (A second vi.doMock of the same path in a test raced
  // this one: Vitest resolves queued mocks in parallel, so either could end up registered.)
  vi.doMock('../../src/protocol/body-formats', counting('bodyFormats'));
  vi.doMock('../../src/protocol/ndjson-reader', counting('ndjsonReader'));
  vi.doMock('../../src/protocol/json-reply', counting('jsonReply'));
  server = await startServer();
});
afterEach(() => server.close());

async function sendTo(handler: Parameters<TestServer['reply']>[0]) {
  const { AIStream } = await import('../../src/core');
  server.reply(handler);
  const stream = new AIStream({ endpoint: server.url('/chat'), retry: { maxRetries: 0 } });
  const sent = await stream.send('Hi').then(
    () => undefined,
    (error: unknown) => error,
  );
  return { stream, error: sent, AIStreamError: (await import('../../src/shared/errors')).AIStreamError };
}

const ndjson = (lines: unknown[]) => respond([lines.map((line) => `${JSON.stringify(line)}\n`).join('')], { headers: { 'Content-Type': 'application/x-ndjson' } });

describe('the body formats chunk loads only for bodies that need it', () => {
  it('a kit SSE reply decodes without importing it (nor the NDJSON and JSON-reply readers)', async () => {
    const { stream, error } = await sendTo(respond(kitReply(['Hel', 'lo'])));
    expect(error).toBeUndefined();
    expect(stream.getMessages()[1]!.content).toBe('Hello');
    expect(loaded).toEqual({ bodyFormats: 0, ndjsonReader: 0, jsonReply: 0 });
  });

  it('an NDJSON reply imports it and the NDJSON reader, and decodes as before', async () => {
    const { stream, error } = await sendTo(
      ndjson([
        { model: 'm', message: { role: 'assistant', content: 'Hel' }, done: false },
        { model: 'm', message: { role: 'assistant', content: 'lo' }, done: false },
        { model: 'm', message: { role: 'assistant', content: '' }, done: true, done_reason: 'stop' },
      ]),
    );
    expect(error).toBeUndefined();
    expect(stream.getMessages()[1]!.content).toBe('Hello');
    expect(loaded.bodyFormats).toBe(1);
    expect(loaded.ndjsonReader).toBe(1);
  });

  it('a non-streaming JSON reply imports it and decodes as one reply', async () => {
    const completion = { object: 'chat.completion', choices: [{ index: 0, message: { role: 'assistant', content: 'Hello' }, finish_reason: 'stop' }] };
    const { stream, error } = await sendTo(json(200, completion));
    expect(error).toBeUndefined();
    expect(stream.getMessages()[1]!.content).toBe('Hello');
    expect(loaded.bodyFormats).toBe(1);
    expect(loaded.jsonReply).toBe(1);
  });

  it('errors from the loaded chunk are the same typed protocol errors', async () => {
    const badJSON = await sendTo(json(200, '{"not": "a reply"}', { 'Content-Type': 'application/json' }));
    expect(badJSON.error).toBeInstanceOf(badJSON.AIStreamError);
    expect(badJSON.error).toMatchObject({ code: 'protocol', message: 'Expected a streaming response but got application/json: {"not": "a reply"}' });

    const badLine = await sendTo(ndjson([{ neither: 'a provider line' }]));
    expect(badLine.error).toBeInstanceOf(badLine.AIStreamError);
    expect(badLine.error).toMatchObject({ code: 'protocol', message: 'Could not recognise the NDJSON stream\'s format from its first line: {"neither":"a provider line"}' });

    const unreadable = await sendTo(respond(['event: mystery\ndata: {}\n\n']));
    expect(unreadable.error).toBeInstanceOf(unreadable.AIStreamError);
    expect(unreadable.error).toMatchObject({ code: 'protocol', message: 'Unreadable stream, first event: event: mystery data: {}' });
  });

  it('when the chunk cannot load (offline, a removed deploy), the reply fails with a typed network error, as for the provider decoders', async () => {
    failing = 'bodyFormats';
    const { error, AIStreamError } = await sendTo(ndjson([{ model: 'm', message: { role: 'assistant', content: 'Hi' }, done: true }]));
    expect(error).toBeInstanceOf(AIStreamError);
    expect(error).toMatchObject({ code: 'network', retryable: true });
    expect((error as Error).message).toMatch(/^The connection broke while reading the reply: /);
    expect((error as Error).cause).toBeInstanceOf(Error); // the import's failure (vitest words it its own way)
    expect(loaded.bodyFormats).toBe(1); // it was tried, and failed, once
  });
});
