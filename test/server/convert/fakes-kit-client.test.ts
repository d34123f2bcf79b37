/**
 * The strict fakes' streams decode with the kit's own client (the wire formats are the real ones),
 * and the kit's default request bodies pass their checks: the fakes are ready for the client tool loop.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AIStream } from 'ai-stream-kit';
import { startStrictAnthropic } from '../fixtures/strict/strict-anthropic';
import { startStrictOpenAIChat } from '../fixtures/strict/strict-openai-chat';
import { startStrictResponses } from '../fixtures/strict/strict-responses';
import type { FakeProvider, ScriptedReply } from '../fixtures/strict/fake-provider';

const reply: ScriptedReply = {
  text: 'Checking both.',
  toolCalls: [
    { id: 'call_a', name: 'get_weather', args: { city: 'Paris' } },
    { id: 'call_b', name: 'get_weather', args: { city: 'Rome' } },
  ],
};

const providers = [
  { protocol: 'openai-chat', start: startStrictOpenAIChat, path: '/chat/completions' },
  { protocol: 'openai-responses', start: startStrictResponses, path: '/responses' },
  { protocol: 'anthropic', start: startStrictAnthropic, path: '/v1/messages' },
] as const;

describe.each(providers)('$protocol fake', ({ protocol, start, path }) => {
  let fake: FakeProvider;
  beforeAll(async () => {
    fake = await start();
  });
  afterAll(() => fake.close());

  it('streams text and parallel calls with streamed arguments that AIStream decodes', async () => {
    fake.script(reply);
    const stream = new AIStream({ endpoint: `${fake.url}${path}`, protocol, model: 'model-x', systemPrompt: 'Be brief.', retry: { maxRetries: 0 } });
    await stream.send('Weather in Paris and Rome?');
    const message = stream.getMessages().at(-1)!;

    expect(fake.rejections).toEqual([]);
    expect(message.content).toBe('Checking both.');
    expect(message.toolCalls?.map(({ id, name, args }) => ({ id, name, args }))).toEqual(
      reply.toolCalls!.map(({ id, name, args }) => ({ id, name, args })),
    );
  });
});
