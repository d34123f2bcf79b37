import { describe, expect, it } from 'vitest';
import { decodeOpenAIResponses, decodeOpenAIResponsesEvent } from '../../src/protocol/openai-responses';

describe('decodeOpenAIResponsesEvent', () => {
  it('text, refusal and reasoning deltas', () => {
    expect(decodeOpenAIResponsesEvent({ type: 'response.output_text.delta', delta: 'a' })).toEqual([
      { type: 'text-delta', delta: 'a' },
    ]);
    expect(decodeOpenAIResponsesEvent({ type: 'response.refusal.delta', delta: 'no' })).toEqual([
      { type: 'text-delta', delta: 'no' },
    ]);
    expect(decodeOpenAIResponsesEvent({ type: 'response.reasoning_text.delta', delta: 'r' })).toEqual([
      { type: 'reasoning-delta', delta: 'r' },
    ]);
    expect(decodeOpenAIResponsesEvent({ type: 'response.reasoning_summary_text.delta', delta: 's' })).toEqual([
      { type: 'reasoning-delta', delta: 's' },
    ]);
  });

  it('separates reasoning summary parts after the first', () => {
    expect(decodeOpenAIResponsesEvent({ type: 'response.reasoning_summary_part.added', summary_index: 0 })).toEqual([]);
    expect(decodeOpenAIResponsesEvent({ type: 'response.reasoning_summary_part.added', summary_index: 2 })).toEqual([
      { type: 'reasoning-delta', delta: '\n\n' },
    ]);
  });

  it('only function_call output items start tool calls', () => {
    expect(
      decodeOpenAIResponsesEvent({ type: 'response.output_item.added', item: { id: 'msg_1', type: 'message' } }),
    ).toEqual([]);
    expect(
      decodeOpenAIResponsesEvent({
        type: 'response.output_item.added',
        item: { id: 'fc_1', type: 'function_call', call_id: 'call_1', name: 'f', arguments: '' },
      }),
    ).toEqual([{ type: 'tool-call-start', key: 'fc_1', id: 'call_1', name: 'f' }]);
  });

  it('response.completed without a function call finishes with stop', () => {
    const event = {
      type: 'response.completed',
      response: { output: [{ type: 'message' }], usage: { input_tokens: 5, output_tokens: 6, total_tokens: 11 } },
    };
    expect(decodeOpenAIResponsesEvent(event)).toEqual([
      { type: 'usage', usage: { promptTokens: 5, completionTokens: 6, totalTokens: 11 } },
      { type: 'finish', reason: 'stop' },
      { type: 'done' },
    ]);
  });

  it.each([
    ['max_output_tokens', 'length'],
    ['content_filter', 'content_filter'],
    ['something_new', 'something_new'],
  ])('response.incomplete (%s) finishes with %s', (reason, finish) => {
    const event = {
      type: 'response.incomplete',
      response: { incomplete_details: { reason }, output: [], usage: { input_tokens: 1, output_tokens: 2 } },
    };
    expect(decodeOpenAIResponsesEvent(event)).toEqual([
      { type: 'usage', usage: { promptTokens: 1, completionTokens: 2, totalTokens: 3 } },
      { type: 'finish', reason: finish },
      { type: 'done' },
    ]);
  });

  it('response.failed is an error, and the end of the reply', () => {
    const event = { type: 'response.failed', response: { error: { code: 'server_error', message: 'Something broke' } } };
    expect(decodeOpenAIResponsesEvent(event)).toEqual([
      { type: 'error', message: 'Something broke', code: 'server_error', retryable: true },
      { type: 'done' },
    ]);
  });

  it('an error event is an error part', () => {
    const event = { type: 'error', code: 'invalid_prompt', message: 'Bad prompt', param: null, sequence_number: 1 };
    expect(decodeOpenAIResponsesEvent(event)).toEqual([
      { type: 'error', message: 'Bad prompt', code: 'invalid_prompt', retryable: false },
    ]);
  });

  it('everything else decodes to nothing', () => {
    for (const type of ['response.in_progress', 'response.output_text.done', 'response.web_search_call.searching']) {
      expect(decodeOpenAIResponsesEvent({ type })).toEqual([]);
    }
  });
});

describe('decodeOpenAIResponses', () => {
  it('falls back to the SSE event name when the data has no type', () => {
    expect(decodeOpenAIResponses({ event: 'response.output_text.delta', data: '{"delta":"x"}' })).toEqual([
      { type: 'text-delta', delta: 'x' },
    ]);
  });

  it('bad JSON is a protocol error', () => {
    expect(() => decodeOpenAIResponses({ event: 'response.created', data: '{' })).toThrow(
      expect.objectContaining({ code: 'protocol' }),
    );
  });
});
