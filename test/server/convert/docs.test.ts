/** docs/messages.md: its example is the file it names, and it works against the strict Anthropic fake. */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { ConvertibleMessage } from 'ai-stream-kit/server';
import { startStrictAnthropic } from '../fixtures/strict/strict-anthropic';
import type { FakeProvider } from '../fixtures/strict/fake-provider';

let fake: FakeProvider;
beforeAll(async () => {
  fake = await startStrictAnthropic();
  process.env.ANTHROPIC_API_KEY = 'sk-ant-test';
  process.env.ANTHROPIC_BASE_URL = fake.url;
});
afterAll(() => fake.close());

it('docs/messages.md shows exactly the example file', () => {
  const doc = readFileSync(new URL('../../../docs/messages.md', import.meta.url), 'utf8');
  const included = [...doc.matchAll(/<!-- example: (\S+) -->\n```ts\n([\s\S]*?)```/g)];
  expect(included.map((match) => match[1])).toEqual(['test/server/convert/examples/anthropic-tools-route.ts']);
  const file = readFileSync(new URL('./examples/anthropic-tools-route.ts', import.meta.url), 'utf8');
  expect(included[0]![2]).toBe(file);
});

it('the route forwards a conversation with a tool result and streams the answer in the kit protocol', async () => {
  fake.script({ text: 'It is sunny in Oslo.' });
  const { POST } = await import('./examples/anthropic-tools-route');
  const messages: ConvertibleMessage[] = [
    { role: 'user', content: 'Weather in Oslo?' },
    {
      role: 'assistant',
      parts: [
        { type: 'step-start' },
        { type: 'tool-call', id: 'toolu_1', name: 'get_weather', argsText: '{"city":"Oslo"}', args: { city: 'Oslo' }, state: 'output-available', output: { sky: 'sunny' } },
      ],
    },
  ];
  const response = await POST(new Request('http://localhost/api/chat', { method: 'POST', body: JSON.stringify({ messages }) }));
  const tokens = [...(await response.text()).matchAll(/event: token\ndata: (.*)\n/g)].map((match) => (JSON.parse(match[1]!) as { token: string }).token);

  expect(fake.rejections).toEqual([]);
  expect(fake.requests.at(-1)!.messages).toEqual([
    { role: 'user', content: [{ type: 'text', text: 'Weather in Oslo?' }] },
    { role: 'assistant', content: [{ type: 'tool_use', id: 'toolu_1', name: 'get_weather', input: { city: 'Oslo' } }] },
    { role: 'user', content: [{ type: 'tool_result', tool_use_id: 'toolu_1', content: '{"sky":"sunny"}' }] },
  ]);
  expect(tokens.join('')).toBe('It is sunny in Oslo.');
});
