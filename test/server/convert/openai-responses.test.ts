/** toOpenAIResponsesInput / toOpenAIResponsesTools through the official `openai` client to a strict fake. */
import OpenAI from 'openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { toOpenAIResponsesInput, toOpenAIResponsesTools, type ConvertibleMessage } from 'ai-stream-kit/server';
import { startStrictResponses } from '../fixtures/strict/strict-responses';
import type { FakeProvider } from '../fixtures/strict/fake-provider';
import { firstUserMessage, PDF_DATA_URL, runTurn, scenarioSteps, settleScenario, tools, type CallModel, type ModelStep } from './tool-loop';

let fake: FakeProvider;
let client: OpenAI;

beforeAll(async () => {
  fake = await startStrictResponses();
  client = new OpenAI({ apiKey: 'test-key', baseURL: fake.url, maxRetries: 0 });
});
afterAll(() => fake.close());

const callModel: CallModel = async (messages) => {
  const stream = client.responses.stream({
    model: 'gpt-4.1',
    store: false,
    input: toOpenAIResponsesInput(messages, { system: 'You plan trips.' }),
    tools: toOpenAIResponsesTools(tools),
  });
  const response = await stream.finalResponse();
  const step: ModelStep = { text: response.output_text, toolCalls: [] };
  for (const item of response.output) {
    if (item.type === 'function_call') step.toolCalls.push({ id: item.call_id, name: item.name, args: JSON.parse(item.arguments) as Record<string, unknown> });
  }
  return step;
};

describe('OpenAI Responses', () => {
  it('runs a four-step turn with parallel calls, a denial, an error and files, then a follow-up turn', async () => {
    fake.script(...scenarioSteps, { text: 'You are welcome.' });
    const messages: ConvertibleMessage[] = [firstUserMessage()];

    await runTurn(messages, callModel, settleScenario);
    messages.push({ role: 'user', content: 'Thanks!' });
    await runTurn(messages, callModel, settleScenario);

    expect(fake.rejections).toEqual([]);
    expect(fake.requests).toHaveLength(5);
    expect(fake.requests[0]!.tools).toEqual([
      { type: 'function', name: 'get_weather', description: 'Weather in a city', parameters: tools.get_weather.parameters, strict: false },
      { type: 'function', name: 'delete_note', description: 'Deletes a note', parameters: tools.delete_note.parameters, strict: false },
      { type: 'function', name: 'flaky', description: 'Fails', parameters: tools.flaky.parameters, strict: false },
      { type: 'function', name: 'get_time', description: "The user's local time", parameters: { type: 'object', properties: {} }, strict: false },
    ]);
    expect(fake.requests[0]!.input).toEqual([
      { role: 'system', content: 'You plan trips.' },
      {
        role: 'user',
        content: [
          { type: 'input_text', text: 'Plan my trip from this itinerary and photo.' },
          { type: 'input_file', file_data: PDF_DATA_URL, filename: 'itinerary.pdf' },
          { type: 'input_image', image_url: expect.stringMatching(/^data:image\/png;base64,/), detail: 'auto' },
        ],
      },
    ]);
    expect((fake.requests[4]!.input as unknown[]).slice(2)).toEqual([
      { role: 'assistant', content: 'Checking both cities.' },
      { type: 'function_call', call_id: 'call_paris', name: 'get_weather', arguments: '{"city":"Paris"}' },
      { type: 'function_call', call_id: 'call_rome', name: 'get_weather', arguments: '{"city":"Rome"}' },
      { type: 'function_call_output', call_id: 'call_paris', output: '{"city":"Paris","celsius":18}' },
      { type: 'function_call_output', call_id: 'call_rome', output: '{"city":"Rome","celsius":24}' },
      { type: 'function_call', call_id: 'call_del', name: 'delete_note', arguments: '{"id":7}' },
      { type: 'function_call', call_id: 'call_flaky', name: 'flaky', arguments: '{}' },
      { type: 'function_call_output', call_id: 'call_del', output: 'The user denied this tool call: keep my notes' },
      { type: 'function_call_output', call_id: 'call_flaky', output: 'Error: flaky: service unavailable' },
      { role: 'assistant', content: 'One more thing.' },
      { type: 'function_call', call_id: 'call_time', name: 'get_time', arguments: '{}' },
      { type: 'function_call_output', call_id: 'call_time', output: '14:05' },
      { role: 'assistant', content: 'Paris 18°C, Rome 24°C; I kept your note.' },
      { role: 'user', content: 'Thanks!' },
    ]);
  });

  it('sends a PDF given by https URL as file_url', async () => {
    fake.script({ text: 'Read it.' });
    const before = fake.requests.length;
    const messages: ConvertibleMessage[] = [
      { role: 'user', parts: [{ type: 'file', mediaType: 'application/pdf', url: 'https://example.com/a.pdf' }, { type: 'text', text: 'Summarize.' }] },
    ];
    await expect(callModel(messages)).resolves.toMatchObject({ text: 'Read it.' });
    expect(fake.requests[before]!.input).toEqual([
      { role: 'system', content: 'You plan trips.' },
      { role: 'user', content: [{ type: 'input_file', file_url: 'https://example.com/a.pdf' }, { type: 'input_text', text: 'Summarize.' }] },
    ]);
  });
});
