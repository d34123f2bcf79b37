import { describe, expect, it } from 'vitest';
import { AIStreamError } from '../../src/core/errors';
import { decodeOpenAIChat, decodeOpenAIChatChunk } from '../../src/protocol/openai-chat';

function chunk(delta: object, finishReason: string | null = null, extra: object = {}) {
  return { id: 'c1', object: 'chat.completion.chunk', model: 'm', choices: [{ index: 0, delta, finish_reason: finishReason }], ...extra };
}

describe('decodeOpenAIChatChunk', () => {
  it('reports id and model on the chunk that carries the role, and skips empty content', () => {
    expect(decodeOpenAIChatChunk(chunk({ role: 'assistant', content: '', refusal: null }))).toEqual([
      { type: 'metadata', metadata: { id: 'c1', model: 'm' } },
      { type: 'role', role: 'assistant' },
    ]);
  });

  it('reads reasoning_content (DeepSeek) and reasoning (OpenRouter, Ollama), preferring reasoning_content', () => {
    expect(decodeOpenAIChatChunk(chunk({ reasoning_content: 'a' }))).toEqual([{ type: 'reasoning-delta', delta: 'a' }]);
    expect(decodeOpenAIChatChunk(chunk({ reasoning: 'b', content: null }))).toEqual([
      { type: 'reasoning-delta', delta: 'b' },
    ]);
    expect(decodeOpenAIChatChunk(chunk({ reasoning_content: 'c', reasoning: 'c' }))).toEqual([
      { type: 'reasoning-delta', delta: 'c' },
    ]);
  });

  it('turns a refusal into text', () => {
    expect(decodeOpenAIChatChunk(chunk({ refusal: "I can't help with that." }))).toEqual([
      { type: 'text-delta', delta: "I can't help with that." },
    ]);
  });

  it('decodes several tool calls in one delta', () => {
    const delta = {
      tool_calls: [
        { index: 0, id: 'call_a', type: 'function', function: { name: 'f', arguments: '{"x":1}' } },
        { index: 1, id: 'call_b', type: 'function', function: { name: 'g', arguments: '' } },
      ],
    };
    expect(decodeOpenAIChatChunk(chunk(delta))).toEqual([
      { type: 'tool-call-start', key: 0, id: 'call_a', name: 'f' },
      { type: 'tool-call-delta', key: 0, delta: '{"x":1}' },
      { type: 'tool-call-start', key: 1, id: 'call_b', name: 'g' },
    ]);
  });

  it('decodes legacy function_call with key 0 and maps its finish reason', () => {
    expect(decodeOpenAIChatChunk(chunk({ function_call: { name: 'f', arguments: '' } }))).toEqual([
      { type: 'tool-call-start', key: 0, id: '', name: 'f' },
    ]);
    expect(decodeOpenAIChatChunk(chunk({ function_call: { arguments: '{}' } }, 'function_call'))).toEqual([
      { type: 'tool-call-delta', key: 0, delta: '{}' },
      { type: 'finish', reason: 'tool_calls' },
    ]);
  });

  it('passes other finish reasons through', () => {
    expect(decodeOpenAIChatChunk(chunk({}, 'length'))).toEqual([{ type: 'finish', reason: 'length' }]);
    expect(decodeOpenAIChatChunk(chunk({}, 'content_filter'))).toEqual([{ type: 'finish', reason: 'content_filter' }]);
    expect(decodeOpenAIChatChunk(chunk({}, 'eos'))).toEqual([{ type: 'finish', reason: 'eos' }]);
  });

  it('reads usage on the last choice chunk too (some servers send it there)', () => {
    const last = chunk({}, 'stop', { usage: { prompt_tokens: 3, completion_tokens: 4, total_tokens: 7 } });
    expect(decodeOpenAIChatChunk(last)).toEqual([
      { type: 'finish', reason: 'stop' },
      { type: 'usage', usage: { promptTokens: 3, completionTokens: 4, totalTokens: 7 } },
    ]);
  });

  it('computes the total when a server leaves it out, and keeps only given counts', () => {
    expect(decodeOpenAIChatChunk({ choices: [], usage: { prompt_tokens: 3, completion_tokens: 4 } })).toEqual([
      { type: 'usage', usage: { promptTokens: 3, completionTokens: 4, totalTokens: 7 } },
    ]);
    expect(decodeOpenAIChatChunk({ choices: [], usage: { completion_tokens: 4 } })).toEqual([
      { type: 'usage', usage: { completionTokens: 4 } },
    ]);
  });

  it('reads only choices[0]', () => {
    const twoChoices = { choices: [{ index: 0, delta: { content: 'a' } }, { index: 1, delta: { content: 'b' } }] };
    expect(decodeOpenAIChatChunk(twoChoices)).toEqual([{ type: 'text-delta', delta: 'a' }]);
  });

  it.each([
    [{ message: 'Rate limit reached', type: 'requests', code: 'rate_limit_exceeded' }, 'rate_limit_exceeded', true],
    [{ message: 'The server had an error', type: 'server_error', code: null }, 'server_error', true],
    [{ message: 'Overloaded', code: 502 }, '502', true],
    [{ message: 'Bad request', type: 'invalid_request_error', code: 'invalid_value' }, 'invalid_value', false],
  ])('an error chunk %j is an error part', (error, code, retryable) => {
    expect(decodeOpenAIChatChunk({ error })).toEqual([{ type: 'error', message: error.message, code, retryable }]);
  });

  it('decodes nothing from values that are not objects', () => {
    expect(decodeOpenAIChatChunk(null)).toEqual([]);
    expect(decodeOpenAIChatChunk('x')).toEqual([]);
  });
});

describe('decodeOpenAIChat', () => {
  it('[DONE] is done', () => {
    expect(decodeOpenAIChat({ data: '[DONE]' })).toEqual([{ type: 'done' }]);
  });

  it('parses the data and decodes the chunk', () => {
    expect(decodeOpenAIChat({ data: JSON.stringify(chunk({ content: 'hi' })) })).toEqual([
      { type: 'text-delta', delta: 'hi' },
    ]);
  });

  it('bad JSON is a protocol error', () => {
    expect(() => decodeOpenAIChat({ data: '{"choices":' })).toThrow(AIStreamError);
    expect(() => decodeOpenAIChat({ data: '{"choices":' })).toThrow('Could not parse OpenAI chat event as JSON: {"choices":');
  });
});
