import { describe, expect, it } from 'vitest';
import type { DecodeOptions } from '../../src/protocol/decode-body';
import { collect } from './support/collect';
import { fold } from './support/fold';
import { bytes, splitEvery } from './support/streams';

const JSON_TYPE = { contentType: 'application/json' };

async function reply(body: unknown, options: DecodeOptions = JSON_TYPE) {
  const data = bytes(typeof body === 'string' ? body : JSON.stringify(body));
  return collect(splitEvery(data, 7), options);
}

async function failure(body: string, options: DecodeOptions = JSON_TYPE) {
  return reply(body, options).then(
    () => {
      throw new Error('expected a rejection');
    },
    (error: unknown) => error as { code: string; message: string; retryable: boolean },
  );
}

const chatCompletion = {
  id: 'chatcmpl-1',
  object: 'chat.completion',
  created: 1_700_000_000,
  model: 'gpt-4o',
  choices: [
    {
      index: 0,
      message: {
        role: 'assistant',
        content: 'Checking.',
        refusal: null,
        tool_calls: [{ id: 'call_1', type: 'function', function: { name: 'get_weather', arguments: '{"city":"Paris"}' } }],
      },
      finish_reason: 'tool_calls',
    },
  ],
  usage: { prompt_tokens: 9, completion_tokens: 12, total_tokens: 21 },
};

describe('a JSON body is one complete, non-streaming reply', () => {
  it('OpenAI chat completion', async () => {
    const { events, parts } = await reply(chatCompletion);
    expect(parts).toEqual([
      { type: 'metadata', metadata: { id: 'chatcmpl-1', model: 'gpt-4o' } },
      { type: 'role', role: 'assistant' },
      { type: 'text-delta', delta: 'Checking.' },
      { type: 'tool-call-start', key: 0, id: 'call_1', name: 'get_weather' },
      { type: 'tool-call-delta', key: 0, delta: '{"city":"Paris"}' },
      { type: 'finish', reason: 'tool_calls' },
      { type: 'usage', usage: { promptTokens: 9, completionTokens: 12, totalTokens: 21 } },
      { type: 'done' },
    ]);
    expect(events[0]!.raw).toBe(JSON.stringify(chatCompletion));
  });

  it('Anthropic message with thinking, text and a tool call', async () => {
    const message = {
      id: 'msg_1',
      type: 'message',
      role: 'assistant',
      model: 'claude-sonnet-4-5',
      content: [
        { type: 'thinking', thinking: 'Weather needs a tool.', signature: 'sig' },
        { type: 'text', text: 'Let me check.' },
        { type: 'tool_use', id: 'toolu_1', name: 'get_weather', input: { city: 'Paris' } },
      ],
      stop_reason: 'tool_use',
      stop_sequence: null,
      usage: { input_tokens: 20, output_tokens: 15, cache_read_input_tokens: 5 },
    };
    const folded = fold((await reply(message)).parts);
    expect(folded).toMatchObject({
      text: 'Let me check.',
      reasoning: 'Weather needs a tool.',
      toolCalls: [{ id: 'toolu_1', name: 'get_weather', args: '{"city":"Paris"}', ended: true }],
      finish: 'tool_calls',
      usage: { promptTokens: 25, completionTokens: 15, totalTokens: 40 },
      metadata: { id: 'msg_1', model: 'claude-sonnet-4-5' },
      errors: [],
      done: true,
    });
  });

  it('Responses API object: reasoning summary parts, text, function call, usage', async () => {
    const response = {
      id: 'resp_1',
      object: 'response',
      status: 'completed',
      model: 'o4-mini',
      output: [
        { type: 'reasoning', id: 'rs_1', summary: [{ type: 'summary_text', text: 'First.' }, { type: 'summary_text', text: 'Second.' }] },
        { type: 'message', id: 'msg_1', role: 'assistant', content: [{ type: 'output_text', text: 'Hi there', annotations: [] }] },
        { type: 'function_call', id: 'fc_1', call_id: 'call_1', name: 'f', arguments: '{"a":1}', status: 'completed' },
      ],
      usage: { input_tokens: 5, output_tokens: 7, total_tokens: 12 },
    };
    const folded = fold((await reply(response)).parts);
    expect(folded).toMatchObject({
      text: 'Hi there',
      reasoning: 'First.\n\nSecond.',
      toolCalls: [{ id: 'call_1', name: 'f', args: '{"a":1}', ended: true }],
      finish: 'tool_calls',
      usage: { promptTokens: 5, completionTokens: 7, totalTokens: 12 },
      metadata: { id: 'resp_1', model: 'o4-mini' },
      done: true,
    });
    const cut = fold((await reply({ ...response, status: 'incomplete', incomplete_details: { reason: 'max_output_tokens' }, output: [] })).parts);
    expect(cut).toMatchObject({ finish: 'length', done: true });
  });

  it('Ollama reply (done: true)', async () => {
    const body = { model: 'llama3.2', message: { role: 'assistant', content: 'Hi' }, done: true, done_reason: 'stop', prompt_eval_count: 3, eval_count: 2 };
    expect((await reply(body)).parts).toEqual([
      { type: 'text-delta', delta: 'Hi' },
      { type: 'finish', reason: 'stop' },
      { type: 'usage', usage: { promptTokens: 3, completionTokens: 2, totalTokens: 5 } },
      { type: 'done' },
    ]);
  });

  it("a provider's error object is the server's error", async () => {
    const openai = await reply({ error: { message: 'The server is overloaded', type: 'server_error' } });
    expect(openai.parts[0]).toEqual({ type: 'error', message: 'The server is overloaded', code: 'server_error', retryable: true });
    const anthropic = await reply({ type: 'error', error: { type: 'overloaded_error', message: 'Overloaded' } });
    expect(anthropic.parts[0]).toMatchObject({ type: 'error', message: 'Overloaded', code: 'overloaded_error', retryable: true });
  });

  it('also for …+json types and an explicit SSE protocol', async () => {
    expect(fold((await reply(chatCompletion, { contentType: 'application/vnd.api+json; charset=utf-8' })).parts).text).toBe('Checking.');
    expect(fold((await reply(chatCompletion, { ...JSON_TYPE, protocol: 'openai-chat' })).parts).text).toBe('Checking.');
  });

  it('SSE mislabelled as application/json still reads as SSE', async () => {
    const { parts } = await reply('data: {"choices":[{"delta":{"content":"x"}}]}\n\ndata: [DONE]\n\n');
    expect(parts).toEqual([{ type: 'text-delta', delta: 'x' }, { type: 'done' }]);
  });
});

describe('a JSON body that is not a reply', () => {
  it.each([
    ['an unknown object', '{"ok":true,"message":"queued"}'],
    ['an array', '[1,2,3]'],
    ['broken JSON', '{"choices":['],
    ['an empty body', ''],
  ])('%s is a protocol error that says a stream was expected', async (_name, body) => {
    const error = await failure(body);
    expect(error).toMatchObject({ code: 'protocol', retryable: false });
    expect(error.message).toBe(`Expected a streaming response but got application/json: ${body}`);
  });

  it('quotes at most 100 characters', async () => {
    const body = JSON.stringify({ note: 'x'.repeat(500) });
    expect((await failure(body)).message).toBe(`Expected a streaming response but got application/json: ${body.slice(0, 100)}`);
  });

  it('a reply larger than maxBufferSize is refused', async () => {
    const error = await failure(JSON.stringify({ ...chatCompletion, pad: 'p'.repeat(3000) }), { ...JSON_TYPE, maxBufferSize: 2000 });
    expect(error).toMatchObject({ code: 'protocol', message: 'An event exceeded maxBufferSize (2000 characters)' });
  });
});
