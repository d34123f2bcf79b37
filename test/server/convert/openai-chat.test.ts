/** toOpenAIChatMessages / toOpenAIChatTools through the official `openai` client to a strict fake. */
import OpenAI from 'openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { toOpenAIChatMessages, toOpenAIChatTools, type ConvertibleMessage } from 'ai-stream-kit/server';
import { startStrictOpenAIChat } from '../fixtures/strict/strict-openai-chat';
import type { FakeProvider } from '../fixtures/strict/fake-provider';
import { firstUserMessage, PDF_DATA_URL, runTurn, scenarioSteps, settleScenario, tools, type CallModel } from './tool-loop';

let fake: FakeProvider;
let client: OpenAI;

beforeAll(async () => {
  fake = await startStrictOpenAIChat();
  client = new OpenAI({ apiKey: 'test-key', baseURL: fake.url, maxRetries: 0 });
});
afterAll(() => fake.close());

const callModel: CallModel = async (messages) => {
  const stream = client.chat.completions.stream({
    model: 'gpt-4o',
    messages: toOpenAIChatMessages(messages, { system: 'You plan trips.' }),
    tools: toOpenAIChatTools(tools),
    stream_options: { include_usage: true },
  });
  const message = (await stream.finalChatCompletion()).choices[0]!.message;
  return {
    text: message.content ?? '',
    toolCalls: (message.tool_calls ?? []).map((call) => {
      if (call.type !== 'function') throw new Error('unexpected custom tool call');
      return { id: call.id, name: call.function.name, args: JSON.parse(call.function.arguments) as Record<string, unknown> };
    }),
  };
};

describe('OpenAI Chat Completions', () => {
  it('runs a four-step turn with parallel calls, a denial, an error and files, then a follow-up turn', async () => {
    fake.script(...scenarioSteps, { text: 'You are welcome.' });
    const messages: ConvertibleMessage[] = [firstUserMessage()];

    const assistant = await runTurn(messages, callModel, settleScenario);
    messages.push({ role: 'user', content: 'Thanks!' });
    await runTurn(messages, callModel, settleScenario);

    expect(fake.rejections).toEqual([]);
    expect(fake.requests).toHaveLength(5);
    expect(assistant.parts?.filter((part) => part.type === 'step-start')).toHaveLength(4);

    const first = fake.requests[0]!.messages as Record<string, unknown>[];
    expect(first[0]).toEqual({ role: 'system', content: 'You plan trips.' });
    expect(first[1]).toEqual({
      role: 'user',
      content: [
        { type: 'text', text: 'Plan my trip from this itinerary and photo.' },
        { type: 'file', file: { file_data: PDF_DATA_URL, filename: 'itinerary.pdf' } },
        { type: 'image_url', image_url: { url: expect.stringMatching(/^data:image\/png;base64,/) } },
      ],
    });
    expect(fake.requests[0]!.tools).toEqual([
      { type: 'function', function: { name: 'get_weather', description: 'Weather in a city', parameters: tools.get_weather.parameters } },
      { type: 'function', function: { name: 'delete_note', description: 'Deletes a note', parameters: tools.delete_note.parameters } },
      { type: 'function', function: { name: 'flaky', description: 'Fails', parameters: tools.flaky.parameters } },
      { type: 'function', function: { name: 'get_time', description: "The user's local time", parameters: { type: 'object', properties: {} } } },
    ]);

    const last = (fake.requests[4]!.messages as Record<string, unknown>[]).slice(2);
    expect(last).toEqual([
      {
        role: 'assistant',
        content: 'Checking both cities.',
        tool_calls: [
          { id: 'call_paris', type: 'function', function: { name: 'get_weather', arguments: '{"city":"Paris"}' } },
          { id: 'call_rome', type: 'function', function: { name: 'get_weather', arguments: '{"city":"Rome"}' } },
        ],
      },
      { role: 'tool', tool_call_id: 'call_paris', content: '{"city":"Paris","celsius":18}' },
      { role: 'tool', tool_call_id: 'call_rome', content: '{"city":"Rome","celsius":24}' },
      {
        role: 'assistant',
        content: null,
        tool_calls: [
          { id: 'call_del', type: 'function', function: { name: 'delete_note', arguments: '{"id":7}' } },
          { id: 'call_flaky', type: 'function', function: { name: 'flaky', arguments: '{}' } },
        ],
      },
      { role: 'tool', tool_call_id: 'call_del', content: 'The user denied this tool call: keep my notes' },
      { role: 'tool', tool_call_id: 'call_flaky', content: 'Error: flaky: service unavailable' },
      { role: 'assistant', content: 'One more thing.', tool_calls: [{ id: 'call_time', type: 'function', function: { name: 'get_time', arguments: '{}' } }] },
      { role: 'tool', tool_call_id: 'call_time', content: '14:05' },
      { role: 'assistant', content: 'Paris 18°C, Rome 24°C; I kept your note.' },
      { role: 'user', content: 'Thanks!' },
    ]);
  });

  it('leaves out a call the user never answered, so the next request stays valid', async () => {
    fake.script({ text: 'Sure.' });
    const before = fake.requests.length;
    const messages: ConvertibleMessage[] = [
      { role: 'user', content: 'Pick a date with me' },
      {
        role: 'assistant',
        parts: [
          { type: 'text', text: 'Which date?' },
          { type: 'tool-call', id: 'call_pick', name: 'pick_date', argsText: '{}', args: {}, state: 'input-available' },
        ],
      },
      { role: 'user', content: 'Never mind, just say hi.' },
    ];
    await expect(callModel(messages)).resolves.toMatchObject({ text: 'Sure.' });
    expect(fake.requests[before]!.messages).toEqual([
      { role: 'system', content: 'You plan trips.' },
      { role: 'user', content: 'Pick a date with me' },
      { role: 'assistant', content: 'Which date?' },
      { role: 'user', content: 'Never mind, just say hi.' },
    ]);
  });
});
