import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import Anthropic from '@anthropic-ai/sdk';
import { describe, expect, it } from 'vitest';
import { AIStreamError } from '../../src/core/errors';
import { describeError, toErrorPayload } from '../../src/server/error-payload';
import { encodeEventFrame, utf8Length } from '../../src/server/sse-encoder';
import { createStreamId, parseEventId } from '../../src/server/stream-id';
import { WebStreamingResponse, createMemoryResumeStore } from '../../src/server/index';

describe('SSE frames', () => {
  it('keeps data on one line whatever the text holds', () => {
    const data = JSON.stringify({ token: 'a\nb\r\nc\u2028d' });
    const frame = new TextDecoder().decode(encodeEventFrame('s-1', 'token', data));
    expect(frame).toBe(`id: s-1\nevent: token\ndata: ${data}\n\n`);
    expect(frame.split('\n')).toHaveLength(5);
  });

  it('measures UTF-8 length like TextEncoder', () => {
    for (const text of ['', 'ascii', 'é', '日本語', '👋🏽', 'mixed 👋 é 日', '\ud800 lone surrogate', '\ud800é', 'end\ud83d', '\udc00x']) {
      expect(utf8Length(text), text).toBe(new TextEncoder().encode(text).byteLength);
    }
  });
});

describe('stream and event ids', () => {
  it('generates ids made of safe characters, and parses only kit event ids', () => {
    const id = createStreamId();
    expect(id).toMatch(/^[0-9a-f]{16}$/);
    expect(createStreamId()).not.toBe(id);
    expect(parseEventId(`${id}-42`)).toEqual({ streamId: id, seq: 42 });
    expect(parseEventId('abc_1-7')).toEqual({ streamId: 'abc_1', seq: 7 });
    for (const value of [undefined, null, '', '42', 'a-b-c', 'x-', '-1', 'chatcmpl-abc', 'a b-1']) {
      expect(parseEventId(value), String(value)).toBeUndefined();
    }
  });
});

describe('error payloads (masked by default)', () => {
  it('an Error of the app: a generic message, never its message, stack or other fields', () => {
    const error = Object.assign(new Error('connect postgres://admin:pw@db.internal:5432/app failed'), {
      password: 'x',
      code: 'ECONNREFUSED',
      stack: 'Error: db down\n    at /srv/secret.ts:1:1',
    });
    expect(describeError(error)).toEqual({ payload: { error: 'Internal server error', code: 'internal_error' }, masked: true });
  });

  it('what the developer wrote is sent as given: strings, { error, code }, Errors marked expose', () => {
    expect(describeError('Quota exceeded')).toEqual({ payload: { error: 'Quota exceeded', code: 'server_error' }, masked: false });
    expect(describeError({ error: 'Quota exceeded', code: 'QUOTA', retryable: false }).payload).toEqual({
      error: 'Quota exceeded',
      code: 'QUOTA',
      retryable: false,
    });
    const exposed = Object.assign(new Error('Message too long'), { status: 400, expose: true });
    expect(describeError(exposed)).toEqual({ payload: { error: 'Message too long', code: 'http_400', status: 400 }, masked: false });
  });

  it('mark aborts; provider failures keep their code and HTTP status, not their message', () => {
    expect(toErrorPayload(new DOMException('x', 'AbortError'))).toEqual({ error: 'The request was aborted', code: 'aborted' });
    expect(toErrorPayload(Object.assign(new Error('Bad gateway at 10.0.0.7'), { status: 502 }))).toEqual({
      error: 'The model provider had an internal error',
      code: 'http_502',
      status: 502,
      retryable: true,
    });
    expect(toErrorPayload(new AIStreamError('http', 'Request failed with 429: key sk-abc', { status: 429, serverCode: 'rate_limit', retryable: true }))).toEqual({
      error: 'The model provider is rate limiting requests',
      code: 'rate_limit',
      status: 429,
      retryable: true,
    });
    // A code that is not an identifier may be anything: not sent.
    expect(toErrorPayload(Object.assign(new Error('x'), { status: 400, code: 'bad key sk-abc123' })).code).toBe('http_400');
  });

  it('an Anthropic SDK APIError: its code and status, a generic message', () => {
    const body = { type: 'error', error: { type: 'overloaded_error', message: 'Overloaded' } };
    const error = new Anthropic.APIError(529, body, undefined, new Headers());
    expect(toErrorPayload(error)).toEqual({ error: 'The model provider is overloaded', code: 'overloaded_error', status: 529, retryable: true });
  });

  it('send a generic message for values that are not errors', () => {
    for (const value of [undefined, null, 42, { secret: 1 }, ['a'], Symbol('s')]) {
      expect(describeError(value)).toEqual({ payload: { error: 'Internal server error', code: 'internal_error' }, masked: true });
    }
    expect(toErrorPayload('')).toEqual({ error: 'Internal server error', code: 'server_error' });
  });
});

describe('edge compatibility', () => {
  it('src/server imports no node: module and uses no Node globals', () => {
    const dir = new URL('../../src/server/', import.meta.url).pathname;
    const files = readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((file) => file.endsWith('.ts'));
    expect(files.length).toBeGreaterThan(10);
    for (const file of files) {
      const source = readFileSync(join(dir, file), 'utf8');
      expect(source, file).not.toMatch(/from ['"](node:|zlib|http|stream|events|buffer)/);
      expect(source, file).not.toMatch(/\bBuffer\.|\bsetImmediate\(|\brequire\(/);
    }
  });
});

describe('a buffer overflow with a resume store', () => {
  it('detaches the client but keeps recording the reply', async () => {
    const store = createMemoryResumeStore();
    const stream = new WebStreamingResponse({ resumeStore: store, maxBufferedBytes: 4096, streamId: 'slow' });
    for (let i = 0; i < 100; i++) stream.sendToken('x'.repeat(100));
    stream.end();
    expect(stream.clientConnected).toBe(false);
    expect(stream.signal.aborted).toBe(false);
    expect(stream.droppedWrites).toBe(0);
    let tokens = 0;
    for await (const event of store.read('slow', 0, new AbortController().signal)!) if (event.event === 'token') tokens++;
    expect(tokens).toBe(100);
  });
});
