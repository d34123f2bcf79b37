import { describe, expect, it } from 'vitest';
import type { StreamPart } from '../../src/protocol/parts';
import { collect, mergeDeltas } from './support/collect';
import { fold } from './support/fold';
import { fixtureBytes, splitEvery, splitRandomly } from './support/streams';

interface FixtureCase {
  file: string;
  contentType: string;
  expected: StreamPart[];
}

const CHAT_ID = 'chatcmpl-B9MBs8CjcvOU2jLn4n570S5qMJKcT';
const FC_KEY = 'fc_67ccd2c1b3d08190b2e4c6f8a0d1e2f3';

const CASES: FixtureCase[] = [
  {
    file: 'openai-chat/text-with-usage.sse',
    contentType: 'text/event-stream',
    expected: [
      { type: 'metadata', metadata: { id: CHAT_ID, model: 'gpt-4o-mini-2024-07-18' } },
      { type: 'role', role: 'assistant' },
      { type: 'text-delta', delta: 'Hello' },
      { type: 'text-delta', delta: '! 你好' },
      { type: 'text-delta', delta: ' 👋🏽 How can I help?' },
      { type: 'finish', reason: 'stop' },
      { type: 'usage', usage: { promptTokens: 19, completionTokens: 10, totalTokens: 29 } },
      { type: 'done' },
    ],
  },
  {
    file: 'openai-chat/parallel-tool-calls.sse',
    contentType: 'text/event-stream',
    expected: [
      { type: 'metadata', metadata: { id: 'chatcmpl-AbC123', model: 'gpt-4o-2024-08-06' } },
      { type: 'role', role: 'assistant' },
      { type: 'tool-call-start', key: 0, id: 'call_LmQ8d2hZ0C3a', name: 'get_weather' },
      { type: 'tool-call-delta', key: 0, delta: '{"lo' },
      { type: 'tool-call-delta', key: 0, delta: 'cation": "Par' },
      { type: 'tool-call-delta', key: 0, delta: 'is"}' },
      { type: 'tool-call-start', key: 1, id: 'call_Xy7pQ1rT9bNv', name: 'get_time' },
      { type: 'tool-call-delta', key: 1, delta: '{"zone": ' },
      { type: 'tool-call-delta', key: 1, delta: '"Europe/Paris"}' },
      { type: 'finish', reason: 'tool_calls' },
      { type: 'done' },
    ],
  },
  {
    file: 'openai-responses/reasoning-text-function-call.sse',
    contentType: 'text/event-stream; charset=utf-8',
    expected: [
      { type: 'metadata', metadata: { id: 'resp_67ccd2bed1ec8190b14f964abc054267', model: 'o4-mini-2025-04-16' } },
      { type: 'reasoning-delta', delta: '**Checking the weather**' },
      { type: 'reasoning-delta', delta: '\n\n' },
      { type: 'reasoning-delta', delta: 'The user wants Paris — ' },
      { type: 'reasoning-delta', delta: "I'll call get_weather." },
      // The finished reasoning item: its id goes back with the function call in the next request.
      { type: 'reasoning-signature', itemId: 'rs_67ccd2bf1ad88190a1e6b8c2e5c5e3a1' },
      { type: 'text-delta', delta: 'Let me check ' },
      { type: 'text-delta', delta: 'the weather in Paris.' },
      { type: 'tool-call-start', key: FC_KEY, id: 'call_x8Qw3ErT5yU7', name: 'get_weather' },
      { type: 'tool-call-delta', key: FC_KEY, delta: '{"location":' },
      { type: 'tool-call-delta', key: FC_KEY, delta: '"Paris, France"}' },
      { type: 'tool-call-end', key: FC_KEY, args: '{"location":"Paris, France"}' },
      { type: 'usage', usage: { promptTokens: 81, completionTokens: 145, totalTokens: 226 } },
      { type: 'finish', reason: 'tool_calls' },
      { type: 'done' },
    ],
  },
  {
    file: 'anthropic/thinking-text-tool-use.sse',
    contentType: 'text/event-stream; charset=utf-8',
    expected: [
      { type: 'metadata', metadata: { id: 'msg_01Aq9w938a90dw8q', model: 'claude-sonnet-4-5-20250929' } },
      { type: 'role', role: 'assistant' },
      // 472 fresh + 10 cache writes + 100 cache reads
      { type: 'usage', usage: { promptTokens: 582, completionTokens: 2, totalTokens: 584 } },
      { type: 'reasoning-delta', delta: 'The user asks about Paris weather. ' },
      { type: 'reasoning-delta', delta: 'I should use the tool.' },
      { type: 'reasoning-signature', signature: 'EqQBCgIYAhIM1gbcDa9GJwZA2b3hGgxBdjrkzLoky3dl1pkiMOYds' },
      { type: 'tool-call-end', key: 0 },
      { type: 'text-delta', delta: 'Okay, let me check ' },
      { type: 'text-delta', delta: 'the weather in Paris — 巴黎 🌦️.' },
      { type: 'tool-call-end', key: 1 },
      { type: 'tool-call-start', key: 2, id: 'toolu_01T1x1fJ34qAmk2tNTrN7Up6', name: 'get_weather' },
      { type: 'tool-call-delta', key: 2, delta: '{"location": "Pa' },
      { type: 'tool-call-delta', key: 2, delta: 'ris, France"}' },
      { type: 'tool-call-end', key: 2 },
      { type: 'finish', reason: 'tool_calls' },
      { type: 'usage', usage: { completionTokens: 89 } },
      { type: 'done' },
    ],
  },
  {
    file: 'anthropic/overloaded-error.sse',
    contentType: 'text/event-stream',
    expected: [
      { type: 'metadata', metadata: { id: 'msg_01Xyz', model: 'claude-opus-4-1-20250805' } },
      { type: 'role', role: 'assistant' },
      { type: 'usage', usage: { promptTokens: 25, completionTokens: 1, totalTokens: 26 } },
      { type: 'text-delta', delta: 'Partial ans' },
      { type: 'error', message: 'Overloaded', code: 'overloaded_error', retryable: true },
    ],
  },
  {
    file: 'kit/every-event.sse',
    contentType: 'text/event-stream; charset=utf-8',
    expected: [
      { type: 'metadata', metadata: { streamId: '7f3c2a', messageId: 'msg_42', model: 'gpt-4o-mini' } },
      { type: 'metadata', metadata: { provider: 'openai', region: 'eu' } },
      { type: 'reasoning-delta', delta: 'Think first. ' },
      { type: 'text-delta', delta: 'Hel' },
      { type: 'text-delta', delta: 'lo, 世界 🌍!' },
      { type: 'tool-call-start', key: 'k1', id: 'call_1', name: 'search' },
      { type: 'tool-call-delta', key: 'k1', delta: '{"q":' },
      { type: 'tool-call-delta', key: 'k1', delta: '"cats"}' },
      { type: 'tool-call-end', key: 'k1' },
      { type: 'tool-call-start', key: 2, id: 'call_2', name: 'noop' },
      { type: 'tool-call-end', key: 2, args: '{}' },
      { type: 'usage', usage: { promptTokens: 12, completionTokens: 7, totalTokens: 19 } },
      { type: 'error', message: 'Tool quota almost exhausted', code: 'QUOTA', retryable: false },
      { type: 'finish', reason: 'tool_calls' },
      { type: 'finish', reason: 'tool_calls' },
      { type: 'done' },
    ],
  },
  {
    file: 'text/plain.txt',
    contentType: 'text/plain; charset=utf-8',
    expected: [
      { type: 'text-delta', delta: 'Plain text replies have no framing.\nA second line, with CJK 漢字 and an emoji 🧪.\n' },
      { type: 'done' },
    ],
  },
  {
    file: 'ollama/chat-thinking.ndjson',
    contentType: 'application/x-ndjson',
    expected: [
      { type: 'reasoning-delta', delta: 'The user says hi. ' },
      { type: 'reasoning-delta', delta: 'Reply briefly.' },
      { type: 'text-delta', delta: 'Hi' },
      { type: 'text-delta', delta: ' there! ☀️' },
      { type: 'finish', reason: 'stop' },
      { type: 'usage', usage: { promptTokens: 26, completionTokens: 282, totalTokens: 308 } },
      { type: 'done' },
    ],
  },
];

/** Text chunks follow the network chunks, so only the joined text is comparable across splits. */
function comparable(file: string, parts: StreamPart[]): StreamPart[] {
  return file.endsWith('.txt') ? mergeDeltas(parts) : parts;
}

const SEEDS = [1, 2, 3, 42, 1337];

describe.each(CASES)('fixture $file', ({ file, contentType, expected }) => {
  const data = fixtureBytes(file);

  it('decodes to the exact parts', async () => {
    const { parts } = await collect([data], { contentType });
    expect(parts).toEqual(expected);
  });

  it('decodes the same when fed one byte at a time', async () => {
    const { parts } = await collect(splitEvery(data, 1), { contentType });
    expect(comparable(file, parts)).toEqual(comparable(file, expected));
  });

  it.each(SEEDS)('decodes the same when split at random offsets (seed %i)', async (seed) => {
    const { parts, events } = await collect(splitRandomly(data, seed), { contentType });
    expect(comparable(file, parts)).toEqual(comparable(file, expected));
    const whole = await collect([data], { contentType });
    expect(events.map((event) => event.id)).toEqual(
      file.endsWith('.txt') ? events.map(() => undefined) : whole.events.map((event) => event.id),
    );
  });

  it('decodes the same without a Content-Type (sniffed), split at random', async () => {
    const { parts } = await collect(splitRandomly(data, 7, 5), { contentType: null });
    expect(comparable(file, parts)).toEqual(comparable(file, expected));
  });
});

describe('fixtures folded', () => {
  async function folded(file: string, contentType: string) {
    return fold((await collect(splitRandomly(fixtureBytes(file), 99), { contentType })).parts);
  }

  it('OpenAI chat: text, finish and usage-only final chunk', async () => {
    const result = await folded('openai-chat/text-with-usage.sse', 'text/event-stream');
    expect(result.text).toBe('Hello! 你好 👋🏽 How can I help?');
    expect(result.finish).toBe('stop');
    expect(result.usage).toEqual({ promptTokens: 19, completionTokens: 10, totalTokens: 29 });
    expect(result.done).toBe(true);
  });

  it('OpenAI chat: two parallel tool calls', async () => {
    const result = await folded('openai-chat/parallel-tool-calls.sse', 'text/event-stream');
    expect(result.toolCalls.map(({ id, name, args }) => ({ id, name, args: JSON.parse(args) }))).toEqual([
      { id: 'call_LmQ8d2hZ0C3a', name: 'get_weather', args: { location: 'Paris' } },
      { id: 'call_Xy7pQ1rT9bNv', name: 'get_time', args: { zone: 'Europe/Paris' } },
    ]);
    expect(result.finish).toBe('tool_calls');
  });

  it('OpenAI Responses: reasoning summary, text, function call and usage', async () => {
    const result = await folded('openai-responses/reasoning-text-function-call.sse', 'text/event-stream');
    expect(result.reasoning).toBe("**Checking the weather**\n\nThe user wants Paris — I'll call get_weather.");
    expect(result.text).toBe('Let me check the weather in Paris.');
    expect(result.toolCalls).toEqual([
      { id: 'call_x8Qw3ErT5yU7', name: 'get_weather', args: '{"location":"Paris, France"}', ended: true },
    ]);
    expect(result.usage).toEqual({ promptTokens: 81, completionTokens: 145, totalTokens: 226 });
    expect(result.finish).toBe('tool_calls');
  });

  it('Anthropic: thinking, text, tool_use and message_delta usage', async () => {
    const result = await folded('anthropic/thinking-text-tool-use.sse', 'text/event-stream');
    expect(result.reasoning).toBe('The user asks about Paris weather. I should use the tool.');
    expect(result.text).toBe('Okay, let me check the weather in Paris — 巴黎 🌦️.');
    expect(result.toolCalls).toEqual([
      { id: 'toolu_01T1x1fJ34qAmk2tNTrN7Up6', name: 'get_weather', args: '{"location": "Paris, France"}', ended: true },
    ]);
    expect(result.usage.promptTokens).toBe(582);
    expect(result.usage.completionTokens).toBe(89);
    expect(result.finish).toBe('tool_calls');
    expect(result.done).toBe(true);
  });

  it('Anthropic: a mid-stream overloaded_error is a retryable error and no done', async () => {
    const result = await folded('anthropic/overloaded-error.sse', 'text/event-stream');
    expect(result.text).toBe('Partial ans');
    expect(result.errors).toEqual([{ message: 'Overloaded', code: 'overloaded_error', retryable: true }]);
    expect(result.done).toBe(false);
  });

  it('Ollama NDJSON: thinking, text, finish and usage', async () => {
    const result = await folded('ollama/chat-thinking.ndjson', 'application/x-ndjson');
    expect(result.reasoning).toBe('The user says hi. Reply briefly.');
    expect(result.text).toBe('Hi there! ☀️');
    expect(result.finish).toBe('stop');
    expect(result.usage).toEqual({ promptTokens: 26, completionTokens: 282, totalTokens: 308 });
    expect(result.done).toBe(true);
  });
});

describe('kit fixture framing', () => {
  it('keeps every id, reports retry and yields nothing for the comment', async () => {
    const retries: number[] = [];
    const { events } = await collect(splitRandomly(fixtureBytes('kit/every-event.sse'), 5), {
      contentType: 'text/event-stream',
      onRetry: (ms) => retries.push(ms),
    });
    expect(events.map((event) => event.id)).toEqual(Array.from({ length: 15 }, (_, i) => `7f3c2a-${i + 1}`));
    expect(events.every((event) => typeof event.raw === 'object' && event.raw.event !== undefined)).toBe(true);
    expect(retries).toEqual([3000]);
  });
});
