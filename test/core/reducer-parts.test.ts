import { describe, expect, it } from 'vitest';
import { applyParts, reduceReply, startReply, type Message } from '../../src/core';
import { textOf, toolCallsOf, type MessagePart } from '../../src/core/message-parts';
import { decodeKit, type StreamPart } from '../../src/protocol';

const empty = (): Message => ({ id: 'a1', role: 'assistant', content: '', timestamp: 1, status: 'streaming' });

describe('reducer: message parts in stream order', () => {
  it('text, reasoning, tool calls and step boundaries become parts; content is the text parts joined', () => {
    const parts: StreamPart[] = [
      { type: 'reasoning-delta', delta: 'Need ' },
      { type: 'reasoning-delta', delta: 'the time.' },
      { type: 'text-delta', delta: 'Let me ' },
      { type: 'text-delta', delta: 'check.' },
      { type: 'tool-call-start', key: 0, id: 'call_1', name: 'get_time' },
      { type: 'tool-call-delta', key: 0, delta: '{"tz":' },
      { type: 'tool-call-start', key: 1, id: 'call_2', name: 'get_weather' },
      { type: 'tool-call-delta', key: 0, delta: '"UTC"}' },
      { type: 'tool-call-delta', key: 1, delta: '{"city":"Oslo"}' },
      { type: 'finish', reason: 'tool_calls' },
      { type: 'step-start' },
      // Keys start over in the next step: key 0 is a new call, not call_1.
      { type: 'tool-call-start', key: 0, id: 'call_3', name: 'get_time' },
      { type: 'tool-call-end', key: 0, args: '{}' },
      { type: 'step-start' },
      { type: 'text-delta', delta: 'It is noon.' },
      { type: 'finish', reason: 'stop' },
      { type: 'done' },
    ];
    const message = applyParts(empty(), parts);
    expect(message.parts).toEqual<MessagePart[]>([
      { type: 'reasoning', text: 'Need the time.' },
      { type: 'text', text: 'Let me check.' },
      { type: 'tool-call', id: 'call_1', name: 'get_time', argsText: '{"tz":"UTC"}', args: { tz: 'UTC' }, state: 'input-available' },
      { type: 'tool-call', id: 'call_2', name: 'get_weather', argsText: '{"city":"Oslo"}', args: { city: 'Oslo' }, state: 'input-available' },
      { type: 'step-start' },
      { type: 'tool-call', id: 'call_3', name: 'get_time', argsText: '{}', args: {}, state: 'input-available' },
      { type: 'step-start' },
      { type: 'text', text: 'It is noon.' },
    ]);
    expect(message.content).toBe(textOf(message.parts!));
    expect(message.content).toBe('Let me check.It is noon.');
    expect(message.reasoning).toBe('Need the time.');
    // toolCalls stays the old view of the same calls.
    expect(message.toolCalls).toEqual([
      { id: 'call_1', name: 'get_time', argsText: '{"tz":"UTC"}', args: { tz: 'UTC' }, state: 'complete' },
      { id: 'call_2', name: 'get_weather', argsText: '{"city":"Oslo"}', args: { city: 'Oslo' }, state: 'complete' },
      { id: 'call_3', name: 'get_time', argsText: '{}', args: {}, state: 'complete' },
    ]);
    expect(toolCallsOf(message.parts!).map((call) => call.id)).toEqual(message.toolCalls!.map((call) => call.id));
    expect(message).toMatchObject({ status: 'complete', finishReason: 'stop' });
  });

  it('arguments that are not JSON end the call in output-error (and invalid in toolCalls)', () => {
    const message = applyParts(empty(), [
      { type: 'tool-call-start', key: 'k', id: 'c', name: 'f' },
      { type: 'tool-call-delta', key: 'k', delta: '{"broken' },
      { type: 'done' },
    ]);
    expect(message.parts).toEqual([
      { type: 'tool-call', id: 'c', name: 'f', argsText: '{"broken', state: 'output-error', errorText: 'The arguments are not valid JSON' },
    ]);
    expect(message.toolCalls![0]!.state).toBe('invalid');
  });

  it('a step-start reopens the reply: finish reason cleared, status streaming, usage summed over steps', () => {
    let state = startReply(empty());
    for (const part of [
      { type: 'usage', usage: { promptTokens: 10, completionTokens: 2 } },
      { type: 'usage', usage: { completionTokens: 5 } },
      { type: 'finish', reason: 'tool_calls' },
      { type: 'done' },
    ] satisfies StreamPart[])
      state = reduceReply(state, part);
    expect(state.message.usage).toEqual({ promptTokens: 10, completionTokens: 5, totalTokens: 15 });
    state = reduceReply(state, { type: 'step-start' });
    expect(state.message.status).toBe('streaming');
    expect(state.message).not.toHaveProperty('finishReason');
    state = reduceReply(state, { type: 'usage', usage: { promptTokens: 30, completionTokens: 1 } });
    state = reduceReply(state, { type: 'usage', usage: { completionTokens: 7 } });
    expect(state.message.usage).toEqual({ promptTokens: 40, completionTokens: 12, totalTokens: 52 });
  });

  it('sources, data parts (same name + id replaces) and results of server-run tools', () => {
    const message = applyParts(empty(), [
      { type: 'tool-call-start', key: 0, id: 'srv_1', name: 'web_search', providerExecuted: true },
      { type: 'tool-call-end', key: 0, args: '{"query":"kit"}' },
      { type: 'tool-result', id: 'srv_1', output: [{ url: 'https://example.com' }] },
      { type: 'text-delta', delta: 'Per the docs' },
      { type: 'source', id: 's1', url: 'https://example.com/docs', title: 'Docs' },
      { type: 'data', name: 'weather', id: 'w', data: { temp: 1 } },
      { type: 'data', name: 'weather', id: 'w', data: { temp: 2 } },
      { type: 'data', name: 'weather', data: { temp: 3 } },
      { type: 'tool-call-start', key: 1, id: 'srv_2', name: 'code' },
      { type: 'tool-call-end', key: 1 },
      { type: 'tool-result', id: 'srv_2', errorText: 'Timed out' },
      { type: 'tool-result', id: 'nobody', output: 1 },
    ]);
    expect(message.parts).toEqual<MessagePart[]>([
      {
        type: 'tool-call', id: 'srv_1', name: 'web_search', argsText: '{"query":"kit"}', args: { query: 'kit' },
        state: 'output-available', output: [{ url: 'https://example.com' }], providerExecuted: true,
      },
      { type: 'text', text: 'Per the docs' },
      { type: 'source', id: 's1', url: 'https://example.com/docs', title: 'Docs' },
      { type: 'data', name: 'weather', id: 'w', data: { temp: 2 } },
      { type: 'data', name: 'weather', data: { temp: 3 } },
      { type: 'tool-call', id: 'srv_2', name: 'code', argsText: '', args: {}, state: 'output-error', errorText: 'Timed out' },
    ]);
  });

  it('a text delta copies no more than the part list (cost flat in the length of the text)', () => {
    let state = startReply(empty());
    for (let i = 0; i < 2000; i++) state = reduceReply(state, { type: 'text-delta', delta: 'x' });
    expect(state.message.parts).toEqual([{ type: 'text', text: 'x'.repeat(2000) }]);
    const before = state;
    const after = reduceReply(before, { type: 'text-delta', delta: 'y' });
    expect(before.message.parts![0]).toEqual({ type: 'text', text: 'x'.repeat(2000) }); // untouched
    expect(after.message.parts).toHaveLength(1);
    expect(after.keys).toBe(before.keys);
  });
});

describe('kit events for parts', () => {
  const decode = (event: string, data: unknown) => decodeKit({ event, data: JSON.stringify(data) });

  it('decodes tool-result, source, data, step-start and providerExecuted', () => {
    expect(decode('tool-call-start', { key: 0, id: 'c', name: 'web', providerExecuted: true })).toEqual([
      { type: 'tool-call-start', key: 0, id: 'c', name: 'web', providerExecuted: true },
    ]);
    expect(decode('tool-result', { id: 'c', output: { hits: 2 } })).toEqual([{ type: 'tool-result', id: 'c', output: { hits: 2 } }]);
    expect(decode('tool-result', { id: 'c', errorText: 'no' })).toEqual([{ type: 'tool-result', id: 'c', output: undefined, errorText: 'no' }]);
    expect(decode('source', { id: 's', url: 'https://a.example', title: 'A', documentIndex: 0, extra: 1 })).toEqual([
      { type: 'source', id: 's', url: 'https://a.example', title: 'A', documentIndex: 0 },
    ]);
    expect(decode('data', { name: 'card', data: [1], id: 'x' })).toEqual([{ type: 'data', name: 'card', data: [1], id: 'x' }]);
    expect(decode('step-start', {})).toEqual([{ type: 'step-start' }]);
  });

  it('rejects malformed payloads with a protocol error', () => {
    expect(() => decode('tool-result', { output: 1 })).toThrow(/Malformed kit "tool-result"/);
    expect(() => decode('source', { id: 's', url: 5 })).toThrow(/"url" is not a string/);
    expect(() => decode('data', { data: 1 })).toThrow(/"name" is not a string/);
  });
});

describe('provider sources and server tools', () => {
  it('Anthropic: citations_delta becomes source parts; server_tool_use is provider-executed and its result block a tool-result', async () => {
    const { decodeAnthropicEvent } = await import('../../src/protocol/anthropic');
    const events = [
      { type: 'content_block_start', index: 0, content_block: { type: 'server_tool_use', id: 'srvtoolu_1', name: 'web_search', input: {} } },
      { type: 'content_block_delta', index: 0, delta: { type: 'input_json_delta', partial_json: '{"query":"kit"}' } },
      { type: 'content_block_stop', index: 0 },
      { type: 'content_block_start', index: 1, content_block: { type: 'web_search_tool_result', tool_use_id: 'srvtoolu_1', content: [{ type: 'web_search_result', url: 'https://a.example', title: 'A' }] } },
      { type: 'content_block_stop', index: 1 },
      { type: 'content_block_start', index: 2, content_block: { type: 'text', text: '' } },
      { type: 'content_block_delta', index: 2, delta: { type: 'text_delta', text: 'Kits stream.' } },
      { type: 'content_block_delta', index: 2, delta: { type: 'citations_delta', citation: { type: 'web_search_result_location', url: 'https://a.example', title: 'A', cited_text: 'streams', encrypted_index: 'x' } } },
      { type: 'content_block_delta', index: 2, delta: { type: 'citations_delta', citation: { type: 'char_location', document_index: 1, document_title: 'Guide', cited_text: 'kit', start_char_index: 0, end_char_index: 3 } } },
      { type: 'content_block_stop', index: 2 },
      { type: 'content_block_start', index: 3, content_block: { type: 'server_tool_use', id: 'srvtoolu_2', name: 'web_search', input: { query: 'x' } } },
      { type: 'content_block_stop', index: 3 },
      { type: 'content_block_start', index: 4, content_block: { type: 'web_search_tool_result', tool_use_id: 'srvtoolu_2', content: { type: 'web_search_tool_result_error', error_code: 'max_uses_exceeded' } } },
    ];
    const message = applyParts(empty(), events.flatMap((event) => decodeAnthropicEvent(event)));
    expect(message.parts).toEqual<MessagePart[]>([
      {
        type: 'tool-call', id: 'srvtoolu_1', name: 'web_search', argsText: '{"query":"kit"}', args: { query: 'kit' }, providerExecuted: true,
        state: 'output-available', output: [{ type: 'web_search_result', url: 'https://a.example', title: 'A' }],
      },
      { type: 'text', text: 'Kits stream.' },
      { type: 'source', id: 'https://a.example', url: 'https://a.example', title: 'A', citedText: 'streams' },
      { type: 'source', id: 'document-1', title: 'Guide', citedText: 'kit', documentIndex: 1 },
      {
        type: 'tool-call', id: 'srvtoolu_2', name: 'web_search', argsText: '{"query":"x"}', args: { query: 'x' }, providerExecuted: true,
        state: 'output-error', errorText: 'max_uses_exceeded',
      },
    ]);
  });

  it('OpenAI Responses: url_citation and file_citation annotations become source parts (streamed and whole)', async () => {
    const { decodeOpenAIResponsesEvent, decodeOpenAIResponseObject } = await import('../../src/protocol/openai-responses');
    const streamed = [
      { type: 'response.output_text.delta', item_id: 'm', delta: 'See docs.' },
      { type: 'response.output_text.annotation.added', item_id: 'm', annotation_index: 0, annotation: { type: 'url_citation', url: 'https://b.example/x', title: 'B', start_index: 0, end_index: 9 } },
      { type: 'response.output_text.annotation.added', item_id: 'm', annotation_index: 1, annotation: { type: 'file_citation', file_id: 'file_1', filename: 'notes.pdf', index: 3 } },
    ].flatMap((event) => decodeOpenAIResponsesEvent(event));
    const expected: MessagePart[] = [
      { type: 'text', text: 'See docs.' },
      { type: 'source', id: 'https://b.example/x', url: 'https://b.example/x', title: 'B' },
      { type: 'source', id: 'file_1', fileId: 'file_1', title: 'notes.pdf' },
    ];
    expect(applyParts(empty(), streamed).parts).toEqual(expected);
    const whole = decodeOpenAIResponseObject({
      object: 'response', status: 'completed',
      output: [{ type: 'message', content: [{ type: 'output_text', text: 'See docs.', annotations: [
        { type: 'url_citation', url: 'https://b.example/x', title: 'B' }, { type: 'file_citation', file_id: 'file_1', filename: 'notes.pdf' },
      ] }] }],
    });
    expect(applyParts(empty(), whole).parts).toEqual(expected);
  });
});
