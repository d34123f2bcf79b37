import { describe, expect, it } from 'vitest';
import { detectFormat, sniffFraming } from '../../src/protocol/detect-format';
import type { SSEEvent } from '../../src/protocol/parts';
import { collect } from './support/collect';
import { bytes, fixtureBytes, splitEvery } from './support/streams';

describe('detectFormat from the Content-Type', () => {
  it.each([
    ['text/plain', 'text'],
    ['text/plain; charset=utf-8', 'text'],
    ['Text/Plain;charset=UTF-8', 'text'],
    ['application/x-ndjson', 'ndjson'],
    ['application/jsonl; charset=utf-8', 'ndjson'],
    ['application/json-seq', 'ndjson'],
    ['text/event-stream', 'kit'],
    ['application/octet-stream', 'kit'],
    [null, 'kit'],
    [undefined, 'kit'],
  ] as const)('%s → %s (no first event)', (contentType, format) => {
    expect(detectFormat(contentType)).toBe(format);
  });

  it('text and ndjson content types win over the first event', () => {
    const first = { data: '[DONE]' };
    expect(detectFormat('text/plain', first)).toBe('text');
    expect(detectFormat('application/x-ndjson', first)).toBe('ndjson');
  });
});

describe('detectFormat from the first SSE event', () => {
  const cases: [string, SSEEvent, string][] = [
    ['kit start', { event: 'start', data: '{"streamId":"a1"}' }, 'kit'],
    ['kit token (resumed stream)', { event: 'token', data: '{"token":"x"}' }, 'kit'],
    ['kit tool-call-delta', { event: 'tool-call-delta', data: '{"key":1,"delta":"{"}' }, 'kit'],
    ['kit error', { event: 'error', data: '{"error":"boom","code":"X"}' }, 'kit'],
    ['OpenAI chat chunk', { data: '{"id":"c","object":"chat.completion.chunk","choices":[]}' }, 'openai-chat'],
    ['OpenAI-compatible chunk without object', { data: '{"choices":[{"delta":{"content":"x"}}]}' }, 'openai-chat'],
    ['OpenAI chat error chunk', { data: '{"error":{"message":"m","type":"server_error"}}' }, 'openai-chat'],
    ['[DONE]', { data: '[DONE]' }, 'openai-chat'],
    ['Responses by event name', { event: 'response.created', data: '{}' }, 'openai-responses'],
    ['Responses by type', { data: '{"type":"response.output_text.delta","delta":"x"}' }, 'openai-responses'],
    ['Responses error', { event: 'error', data: '{"type":"error","code":"server_error","message":"m"}' }, 'openai-responses'],
    ['Anthropic by event name', { event: 'message_start', data: '{"message":{}}' }, 'anthropic'],
    ['Anthropic by type', { data: '{"type":"content_block_delta","index":0}' }, 'anthropic'],
    ['Anthropic ping', { event: 'ping', data: '{"type": "ping"}' }, 'anthropic'],
    ['Anthropic error', { event: 'error', data: '{"type":"error","error":{"type":"overloaded_error"}}' }, 'anthropic'],
    ['unrecognised JSON', { event: 'message', data: '{"hello":1}' }, 'kit'],
    ['not JSON', { data: 'hello' }, 'kit'],
  ];

  it.each(cases)('%s', (_name, first, format) => {
    expect(detectFormat('text/event-stream', first)).toBe(format);
    expect(detectFormat(null, first)).toBe(format);
  });
});

describe('decodeBody picks the format', () => {
  const fixtures: [string, string, string][] = [
    ['openai-chat/text-with-usage.sse', 'text/event-stream', 'Hello! 你好 👋🏽 How can I help?'],
    ['openai-responses/reasoning-text-function-call.sse', 'text/event-stream', 'Let me check the weather in Paris.'],
    ['anthropic/thinking-text-tool-use.sse', 'text/event-stream', 'Okay, let me check the weather in Paris — 巴黎 🌦️.'],
    ['kit/every-event.sse', 'text/event-stream', 'Hello, 世界 🌍!'],
    ['ollama/chat-thinking.ndjson', 'application/x-ndjson', 'Hi there! ☀️'],
    ['text/plain.txt', 'text/plain', 'Plain text replies have no framing.\nA second line, with CJK 漢字 and an emoji 🧪.\n'],
  ];

  async function textOf(data: Uint8Array, contentType: string | null, size: number): Promise<string> {
    const { parts } = await collect(splitEvery(data, size), { contentType });
    return parts.map((part) => (part.type === 'text-delta' ? part.delta : '')).join('');
  }

  it.each(fixtures)('%s with its Content-Type and without one', async (file, contentType, text) => {
    const data = fixtureBytes(file);
    expect(await textOf(data, contentType, 64)).toBe(text);
    // Byte by byte: the sniffer must wait until it can tell.
    expect(await textOf(data, null, 1)).toBe(text);
    expect(await textOf(data, '', 3)).toBe(text);
  });

  it('an unknown Content-Type is read as SSE', async () => {
    const body = bytes('data: {"choices":[{"delta":{"content":"x"}}]}\n\ndata: [DONE]\n\n');
    const { parts } = await collect([body], { contentType: 'application/octet-stream' });
    expect(parts).toEqual([{ type: 'text-delta', delta: 'x' }, { type: 'done' }]);
  });

  it('the dialect chosen from the first event holds for the rest of the stream', async () => {
    // A later kit-looking event name must not switch an OpenAI stream to the kit decoder.
    const body = bytes('data: {"choices":[{"delta":{"content":"a"}}]}\n\nevent: token\ndata: {"choices":[{"delta":{"content":"b"}}]}\n\n');
    const { parts } = await collect([body], { contentType: 'text/event-stream' });
    expect(parts).toEqual([{ type: 'text-delta', delta: 'a' }, { type: 'text-delta', delta: 'b' }]);
  });

  it('sniffs SSE that starts with a comment, and text that merely starts like a field name', async () => {
    const sse = await collect(splitEvery(bytes(': hi\n\nevent: token\ndata: {"token":"x"}\n\n'), 1), { contentType: null });
    expect(sse.parts).toEqual([{ type: 'text-delta', delta: 'x' }]);
    const text = await collect(splitEvery(bytes('dat'), 1), { contentType: null });
    expect(text.parts).toEqual([{ type: 'text-delta', delta: 'dat' }, { type: 'done' }]);
  });
});

describe('sniffFraming', () => {
  it.each([
    ['data: {}', false, 'sse'],
    ['event:x', false, 'sse'],
    ['id: 1', false, 'sse'],
    ['retry: 10', false, 'sse'],
    [': ping', false, 'sse'],
    ['\n\ndata:', false, 'sse'],
    ['{"a":1}', false, 'ndjson'],
    ['  {', false, 'ndjson'],
    ['\x1e{', false, 'ndjson'],
    ['Hello', false, 'text'],
    ['datum', false, 'text'],
    ['da', false, undefined],
    ['eve', false, undefined],
    ['   ', false, undefined],
    ['da', true, 'text'],
    ['', true, 'text'],
    [' '.repeat(2000), false, 'text'],
  ] as const)('%j (complete: %s) → %s', (prefix, complete, framing) => {
    expect(sniffFraming(prefix, complete)).toBe(framing);
  });
});
