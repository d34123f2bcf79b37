/** toAnthropicMessages / toAnthropicTools through the official `@anthropic-ai/sdk` client to a strict fake. */
import Anthropic from '@anthropic-ai/sdk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { toAnthropicMessages, toAnthropicTools, type ConvertibleMessage } from 'ai-stream-kit/server';
import { startStrictAnthropic } from '../fixtures/strict/strict-anthropic';
import type { FakeProvider } from '../fixtures/strict/fake-provider';
import { firstUserMessage, runTurn, scenarioSteps, settleScenario, tools, type CallModel, type ModelStep } from './tool-loop';

let fake: FakeProvider;
let client: Anthropic;

beforeAll(async () => {
  fake = await startStrictAnthropic();
  client = new Anthropic({ apiKey: 'test-key', baseURL: fake.url, maxRetries: 0 });
});
afterAll(() => fake.close());

const callModel =
  (thinking: boolean): CallModel =>
  async (messages) => {
    const { system, messages: converted } = toAnthropicMessages(messages, { system: 'You plan trips.' });
    const stream = client.messages.stream({
      model: 'claude-haiku-4-5',
      max_tokens: 2048,
      ...(system ? { system } : {}),
      messages: converted,
      tools: toAnthropicTools(tools),
      ...(thinking ? { thinking: { type: 'enabled' as const, budget_tokens: 1024 } } : {}),
    });
    const message = await stream.finalMessage();
    const step: ModelStep = { text: '', toolCalls: [] };
    for (const block of message.content) {
      if (block.type === 'thinking') step.reasoning = { text: block.thinking, signature: block.signature };
      if (block.type === 'text') step.text += block.text;
      if (block.type === 'tool_use') step.toolCalls.push({ id: block.id, name: block.name, args: block.input as Record<string, unknown> });
    }
    return step;
  };

describe('Anthropic Messages', () => {
  it('runs a four-step turn with thinking, parallel calls, a denial, an error and files, then a follow-up turn', async () => {
    const thought = (i: number) => ({ text: `Thinking ${i}.`, signature: `sig-${i}` });
    fake.script(...scenarioSteps.map((step, i) => ({ ...step, reasoning: thought(i) })), { text: 'You are welcome.', reasoning: thought(9) });
    const messages: ConvertibleMessage[] = [firstUserMessage()];

    await runTurn(messages, callModel(true), settleScenario);
    messages.push({ role: 'user', content: 'Thanks!' });
    await runTurn(messages, callModel(true), settleScenario);

    expect(fake.rejections).toEqual([]);
    expect(fake.requests).toHaveLength(5);
    const first = fake.requests[0]!;
    expect(first.system).toBe('You plan trips.');
    expect(first.tools).toEqual([
      { name: 'get_weather', description: 'Weather in a city', input_schema: tools.get_weather.parameters },
      { name: 'delete_note', description: 'Deletes a note', input_schema: tools.delete_note.parameters },
      { name: 'flaky', description: 'Fails', input_schema: tools.flaky.parameters },
      { name: 'get_time', description: "The user's local time", input_schema: { type: 'object', properties: {} } },
    ]);
    expect(first.messages).toEqual([
      {
        role: 'user',
        content: [
          { type: 'text', text: 'Plan my trip from this itinerary and photo.' },
          { type: 'document', source: { type: 'base64', media_type: 'application/pdf', data: expect.any(String) }, title: 'itinerary.pdf' },
          { type: 'image', source: { type: 'base64', media_type: 'image/png', data: expect.any(String) } },
        ],
      },
    ]);

    const last = (fake.requests[4]!.messages as unknown[]).slice(1);
    expect(last).toEqual([
      {
        role: 'assistant',
        content: [
          { type: 'thinking', thinking: 'Thinking 0.', signature: 'sig-0' },
          { type: 'text', text: 'Checking both cities.' },
          { type: 'tool_use', id: 'call_paris', name: 'get_weather', input: { city: 'Paris' } },
          { type: 'tool_use', id: 'call_rome', name: 'get_weather', input: { city: 'Rome' } },
        ],
      },
      {
        role: 'user',
        content: [
          { type: 'tool_result', tool_use_id: 'call_paris', content: '{"city":"Paris","celsius":18}' },
          { type: 'tool_result', tool_use_id: 'call_rome', content: '{"city":"Rome","celsius":24}' },
        ],
      },
      {
        role: 'assistant',
        content: [
          { type: 'thinking', thinking: 'Thinking 1.', signature: 'sig-1' },
          { type: 'tool_use', id: 'call_del', name: 'delete_note', input: { id: 7 } },
          { type: 'tool_use', id: 'call_flaky', name: 'flaky', input: {} },
        ],
      },
      {
        role: 'user',
        content: [
          { type: 'tool_result', tool_use_id: 'call_del', content: 'The user denied this tool call: keep my notes', is_error: true },
          { type: 'tool_result', tool_use_id: 'call_flaky', content: 'flaky: service unavailable', is_error: true },
        ],
      },
      {
        role: 'assistant',
        content: [
          { type: 'thinking', thinking: 'Thinking 2.', signature: 'sig-2' },
          { type: 'text', text: 'One more thing.' },
          { type: 'tool_use', id: 'call_time', name: 'get_time', input: {} },
        ],
      },
      { role: 'user', content: [{ type: 'tool_result', tool_use_id: 'call_time', content: '14:05' }] },
      {
        role: 'assistant',
        content: [
          { type: 'thinking', thinking: 'Thinking 3.', signature: 'sig-3' },
          { type: 'text', text: 'Paris 18°C, Rome 24°C; I kept your note.' },
        ],
      },
      { role: 'user', content: [{ type: 'text', text: 'Thanks!' }] },
    ]);
  });

  it('puts the next user words after the tool results of a dropped-out loop, in one turn', async () => {
    fake.script({ text: 'Fine.' });
    const before = fake.requests.length;
    const messages: ConvertibleMessage[] = [
      { role: 'system', content: 'Be brief.' },
      { role: 'user', content: 'Weather?' },
      {
        role: 'assistant',
        parts: [
          { type: 'step-start' },
          { type: 'tool-call', id: 'call_a', name: 'get_weather', argsText: '{"city":"Oslo"}', args: { city: 'Oslo' }, state: 'output-available', output: 'cold' },
          { type: 'tool-call', id: 'call_b', name: 'pick_date', argsText: '{}', state: 'approval-requested' },
        ],
      },
      { role: 'user', content: 'Stop there.' },
    ];
    await expect(callModel(false)(messages)).resolves.toMatchObject({ text: 'Fine.' });
    const request = fake.requests[before]!;
    expect(request.system).toBe('You plan trips.\n\nBe brief.');
    expect(request.messages).toEqual([
      { role: 'user', content: [{ type: 'text', text: 'Weather?' }] },
      { role: 'assistant', content: [{ type: 'tool_use', id: 'call_a', name: 'get_weather', input: { city: 'Oslo' } }] },
      {
        role: 'user',
        content: [
          { type: 'tool_result', tool_use_id: 'call_a', content: 'cold' },
          { type: 'text', text: 'Stop there.' },
        ],
      },
    ]);
  });
});
