import { describe, expect, it } from 'vitest';
import { decodeAnthropic, decodeAnthropicEvent } from '../../src/protocol/anthropic';

describe('decodeAnthropicEvent', () => {
  it('message_start without cache fields', () => {
    const event = { type: 'message_start', message: { id: 'msg_1', model: 'claude', usage: { input_tokens: 10, output_tokens: 1 } } };
    expect(decodeAnthropicEvent(event)).toEqual([
      { type: 'metadata', metadata: { id: 'msg_1', model: 'claude' } },
      { type: 'usage', usage: { promptTokens: 10, completionTokens: 1, totalTokens: 11 } },
    ]);
  });

  it('content blocks that start with content', () => {
    expect(decodeAnthropicEvent({ type: 'content_block_start', index: 0, content_block: { type: 'text', text: 'Hi' } })).toEqual([
      { type: 'text-delta', delta: 'Hi' },
    ]);
    expect(
      decodeAnthropicEvent({ type: 'content_block_start', index: 0, content_block: { type: 'thinking', thinking: 'Hm' } }),
    ).toEqual([{ type: 'reasoning-delta', delta: 'Hm' }]);
    expect(
      decodeAnthropicEvent({
        type: 'content_block_start',
        index: 3,
        content_block: { type: 'server_tool_use', id: 'srvtoolu_1', name: 'web_search', input: { query: 'cats' } },
      }),
    ).toEqual([
      { type: 'tool-call-start', key: 3, id: 'srvtoolu_1', name: 'web_search', providerExecuted: true },
      { type: 'tool-call-delta', key: 3, delta: '{"query":"cats"}' },
    ]);
  });

  it('a citation pointing nowhere decodes to nothing; signatures and redacted thinking are kept for the tool loop', () => {
    expect(decodeAnthropicEvent({ type: 'content_block_delta', index: 0, delta: { type: 'signature_delta', signature: 's' } })).toEqual([
      { type: 'reasoning-signature', signature: 's' },
    ]);
    expect(
      decodeAnthropicEvent({ type: 'content_block_delta', index: 0, delta: { type: 'citations_delta', citation: {} } }),
    ).toEqual([]);
    expect(
      decodeAnthropicEvent({ type: 'content_block_start', index: 0, content_block: { type: 'redacted_thinking', data: 'x' } }),
    ).toEqual([{ type: 'reasoning-signature', redactedData: 'x' }]);
  });

  it.each([
    ['end_turn', 'stop'],
    ['stop_sequence', 'stop'],
    ['pause_turn', 'stop'],
    ['max_tokens', 'length'],
    ['tool_use', 'tool_calls'],
    ['refusal', 'content_filter'],
    ['something_new', 'something_new'],
  ])('stop_reason %s → %s', (stopReason, reason) => {
    expect(decodeAnthropicEvent({ type: 'message_delta', delta: { stop_reason: stopReason }, usage: { output_tokens: 5 } })).toEqual([
      { type: 'finish', reason },
      { type: 'usage', usage: { completionTokens: 5 } },
    ]);
  });

  it('message_delta usage with input counts (newer API) gives the prompt and total', () => {
    const event = {
      type: 'message_delta',
      delta: { stop_reason: 'end_turn', stop_sequence: null },
      usage: { input_tokens: 10, cache_creation_input_tokens: null, cache_read_input_tokens: 5, output_tokens: 20 },
    };
    expect(decodeAnthropicEvent(event)).toEqual([
      { type: 'finish', reason: 'stop' },
      { type: 'usage', usage: { promptTokens: 15, completionTokens: 20, totalTokens: 35 } },
    ]);
  });

  it.each([
    ['overloaded_error', true],
    ['api_error', true],
    ['rate_limit_error', true],
    ['invalid_request_error', false],
  ])('error %s (retryable: %s)', (type, retryable) => {
    expect(decodeAnthropicEvent({ type: 'error', error: { type, message: 'm' } })).toEqual([
      { type: 'error', message: 'm', code: type, retryable },
    ]);
  });

  it('message_stop is done, ping is nothing', () => {
    expect(decodeAnthropicEvent({ type: 'message_stop' })).toEqual([{ type: 'done' }]);
    expect(decodeAnthropicEvent({ type: 'ping' })).toEqual([]);
  });
});

describe('decodeAnthropic', () => {
  it('falls back to the SSE event name', () => {
    expect(decodeAnthropic({ event: 'message_stop', data: '{}' })).toEqual([{ type: 'done' }]);
  });

  it('bad JSON is a protocol error', () => {
    expect(() => decodeAnthropic({ event: 'message_stop', data: 'nope' })).toThrow('Could not parse Anthropic event as JSON: nope');
  });
});
