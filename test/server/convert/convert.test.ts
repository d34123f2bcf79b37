/** Converter rules that need no provider round trip: steps, pending calls, files, reasoning, tools. */
import { describe, expect, expectTypeOf, it } from 'vitest';
import {
  ConversionError,
  toAnthropicMessages,
  toAnthropicTools,
  toOpenAIChatMessages,
  toOpenAIChatTools,
  toOpenAIResponsesInput,
  type ConvertibleMessage,
} from 'ai-stream-kit/server';
import { canTransition, splitSteps, textOf, TOOL_CALL_TRANSITIONS, toolCallsOf, type MessagePart, type ToolCallPart } from '../../../src/core/message-parts';

const done = (id: string, output: unknown = 'ok', extra: Partial<ToolCallPart> = {}): ToolCallPart => ({
  type: 'tool-call', id, name: 'get_weather', argsText: '{"city":"Oslo"}', args: { city: 'Oslo' }, state: 'output-available', output, ...extra,
});

describe('message parts', () => {
  it('joins text parts only, in order', () => {
    const parts: MessagePart[] = [{ type: 'text', text: 'A' }, { type: 'reasoning', text: 'why' }, done('c1'), { type: 'step-start' }, { type: 'text', text: 'B' }];
    expect(textOf(parts)).toBe('AB');
    expect(toolCallsOf(parts).map((part) => part.id)).toEqual(['c1']);
  });

  it('splits steps at step-start and where text follows a tool call', () => {
    const steps = splitSteps<MessagePart>([
      { type: 'step-start' }, { type: 'text', text: 'a' }, done('c1'), { type: 'text', text: 'b' }, { type: 'step-start' }, { type: 'step-start' }, { type: 'text', text: 'c' },
    ]);
    expect(steps.map((step) => step.map((part) => (part.type === 'text' ? part.text : part.type)))).toEqual([['a', 'tool-call'], ['b'], ['c']]);
  });

  it('types data parts per name', () => {
    type Part = MessagePart<{ weather: { city: string; celsius: number }; progress: number }>;
    const part: Part = { type: 'data', name: 'weather', data: { city: 'Oslo', celsius: 3 }, id: 'w1' };
    if (part.type === 'data' && part.name === 'weather') expectTypeOf(part.data).toEqualTypeOf<{ city: string; celsius: number }>();
    // @ts-expect-error: a progress part carries a number
    const wrong: Part = { type: 'data', name: 'progress', data: 'half' };
    expect([part, wrong].map((p) => p.type)).toEqual(['data', 'data']);
  });

  it('has a state machine whose end states lead nowhere and that cannot skip approval', () => {
    expect(TOOL_CALL_TRANSITIONS['output-available']).toEqual([]);
    expect(TOOL_CALL_TRANSITIONS['output-denied']).toEqual([]);
    expect(canTransition('approval-requested', 'output-available')).toBe(false);
    expect(canTransition('approval-requested', 'running')).toBe(true);
    expect(canTransition('input-streaming', 'running')).toBe(false);
  });
});

describe('converters', () => {
  const conversation = (assistant: MessagePart[]): ConvertibleMessage[] => [{ role: 'user', content: 'hi' }, { role: 'assistant', parts: assistant }];

  it('treats text after a call without a recorded step boundary as the next step', () => {
    expect(toOpenAIChatMessages(conversation([done('c1'), { type: 'text', text: 'Done.' }])).slice(1)).toEqual([
      { role: 'assistant', content: null, tool_calls: [{ id: 'c1', type: 'function', function: { name: 'get_weather', arguments: '{"city":"Oslo"}' } }] },
      { role: 'tool', tool_call_id: 'c1', content: 'ok' },
      { role: 'assistant', content: 'Done.' },
    ]);
  });

  it('drops pending calls by default and throws a ConversionError on request', () => {
    const pending: ToolCallPart = { type: 'tool-call', id: 'c2', name: 'pick_date', argsText: '{"mo', state: 'input-streaming' };
    const messages = conversation([{ type: 'text', text: 'Let me see.' }, done('c1'), pending]);
    expect(toOpenAIResponsesInput(messages).filter((item) => 'call_id' in item && item.call_id === 'c2')).toEqual([]);
    expect(() => toAnthropicMessages(messages, { pendingToolCalls: 'error' })).toThrow(ConversionError);
    let caught: unknown;
    try {
      toOpenAIChatMessages(messages, { pendingToolCalls: 'error' });
    } catch (error) {
      caught = error;
    }
    expect(caught).toMatchObject({ name: 'ConversionError', messageIndex: 1, message: expect.stringContaining('c2 (pick_date)') });
  });

  it('leaves provider-executed calls out (the provider holds their results)', () => {
    const messages = conversation([done('srv_1', 'results', { providerExecuted: true, name: 'web_search' }), { type: 'text', text: 'Found it.' }]);
    expect(toAnthropicMessages(messages).messages).toEqual([
      { role: 'user', content: [{ type: 'text', text: 'hi' }] },
      { role: 'assistant', content: [{ type: 'text', text: 'Found it.' }] },
    ]);
  });

  it('sends arguments that never parsed as an empty object', () => {
    const broken: ToolCallPart = { type: 'tool-call', id: 'c1', name: 'x', argsText: '{"a":', state: 'output-error', errorText: 'Arguments are not valid JSON.' };
    expect(toAnthropicMessages(conversation([broken])).messages[1]).toEqual({ role: 'assistant', content: [{ type: 'tool_use', id: 'c1', name: 'x', input: {} }] });
  });

  it('sends back Anthropic thinking only when it is signed or redacted', () => {
    const messages = conversation([
      { type: 'reasoning', text: 'unsigned' },
      { type: 'reasoning', text: 'signed', signature: 'sig' },
      { type: 'reasoning', text: '', redactedData: 'opaque' },
      { type: 'text', text: 'Hi.' },
    ]);
    expect(toAnthropicMessages(messages).messages[1]!.content).toEqual([
      { type: 'thinking', thinking: 'signed', signature: 'sig' },
      { type: 'redacted_thinking', data: 'opaque' },
      { type: 'text', text: 'Hi.' },
    ]);
    expect(toOpenAIChatMessages(messages)[1]).toEqual({ role: 'assistant', content: 'Hi.' });
  });

  it('maps files per provider and refuses what a provider cannot take', () => {
    const text = `data:text/plain;base64,${Buffer.from('Grüße').toString('base64')}`;
    const user = (parts: MessagePart[]): ConvertibleMessage[] => [{ role: 'user', parts }];
    expect(toAnthropicMessages(user([{ type: 'file', mediaType: 'image/jpeg', url: 'https://example.com/a.jpg' }, { type: 'file', mediaType: 'text/plain', url: text, name: 'notes.txt' }])).messages[0]!.content).toEqual([
      { type: 'image', source: { type: 'url', url: 'https://example.com/a.jpg' } },
      { type: 'document', source: { type: 'text', media_type: 'text/plain', data: 'Grüße' }, title: 'notes.txt' },
    ]);
    expect(() => toOpenAIChatMessages(user([{ type: 'file', mediaType: 'application/pdf', url: 'https://example.com/a.pdf' }]))).toThrow(/only inline/);
    // Chat Completions takes no text files: their text goes as a text part, named.
    expect(toOpenAIChatMessages(user([{ type: 'file', mediaType: 'text/plain', url: text, name: 'notes.txt' }]))[0]).toEqual({ role: 'user', content: [{ type: 'text', text: 'notes.txt:\nGrüße' }] });
    expect(() => toOpenAIChatMessages(user([{ type: 'file', mediaType: 'text/plain', url: 'https://example.com/a.txt' }]))).toThrow(/does not accept text\/plain/);
    expect(() => toOpenAIChatMessages(user([{ type: 'file', mediaType: 'image/bmp', url: 'https://example.com/a.bmp' }]))).toThrow(/PNG, JPEG, WebP and GIF/);
    expect(() => toAnthropicMessages(user([{ type: 'file', mediaType: 'image/svg+xml', url: 'https://example.com/a.svg' }]))).toThrow(/does not accept image\/svg\+xml/);
    expect(() => toOpenAIResponsesInput(user([{ type: 'file', mediaType: 'audio/mpeg', url: 'https://example.com/a.mp3' }]))).toThrow(/does not accept audio\/mpeg/);
    expect(() => toAnthropicMessages(user([{ type: 'file', mediaType: 'image/png', url: 'javascript:alert(1)' }]))).toThrow(ConversionError);
  });

  it('ignores sources, data parts and files in assistant messages; content stands in for missing parts', () => {
    const messages: ConvertibleMessage[] = [
      { role: 'user', content: 'hi' },
      { role: 'assistant', content: 'ignored', parts: [{ type: 'source', id: 's1', url: 'https://a.example' }, { type: 'data', name: 'card', data: { x: 1 } }, { type: 'text', text: 'Yes [1].' }] },
      { role: 'assistant', content: 'Also this.' },
    ];
    expect(toAnthropicMessages(messages).messages).toEqual([
      { role: 'user', content: [{ type: 'text', text: 'hi' }] },
      { role: 'assistant', content: [{ type: 'text', text: 'Yes [1].' }, { type: 'text', text: 'Also this.' }] },
    ]);
  });

  it('builds tool definitions with a default empty-object schema', () => {
    const tools = { now: {}, add: { description: 'Adds', parameters: { type: 'object', properties: { a: { type: 'number' } } }, strict: true, execute: () => 1 } };
    expect(toOpenAIChatTools(tools)).toEqual([
      { type: 'function', function: { name: 'now', parameters: { type: 'object', properties: {} } } },
      { type: 'function', function: { name: 'add', description: 'Adds', parameters: tools.add.parameters, strict: true } },
    ]);
    expect(toAnthropicTools(tools)[0]).toEqual({ name: 'now', input_schema: { type: 'object', properties: {} } });
  });
});
