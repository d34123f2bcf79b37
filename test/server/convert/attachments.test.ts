/**
 * The server converters turn a kit user message with files (as a browser posts it) into each
 * provider's request; the official clients send it to the strict fakes, which accept it.
 */
import Anthropic from '@anthropic-ai/sdk';
import OpenAI from 'openai';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { toAnthropicMessages, toOpenAIChatMessages, toOpenAIResponsesInput, type ConvertibleMessage } from 'ai-stream-kit/server';
import { filesToParts } from '../../../src/core/files';
import { startStrictAnthropic } from '../fixtures/strict/strict-anthropic';
import { startStrictOpenAIChat } from '../fixtures/strict/strict-openai-chat';
import { startStrictResponses } from '../fixtures/strict/strict-responses';
import type { FakeProvider } from '../fixtures/strict/fake-provider';
import { gifHeader, pdf, png, webpHeader } from '../../helpers/images';

let fakes: FakeProvider[];
beforeAll(async () => {
  fakes = await Promise.all([startStrictOpenAIChat(), startStrictResponses(), startStrictAnthropic()]);
});
afterAll(() => Promise.all(fakes.map((fake) => fake.close())));

async function conversation(): Promise<ConvertibleMessage[]> {
  const parts = await filesToParts([
    new File([png(8, 8)], 'a.png', { type: 'image/png' }),
    new File([gifHeader(2, 2)], 'b.gif', { type: 'image/gif' }),
    new File([webpHeader(5, 5)], 'c.webp', { type: 'image/webp' }),
    new File([pdf()], 'd.pdf', { type: 'application/pdf' }),
    { url: 'https://example.com/e.png', mediaType: 'image/png' },
  ]);
  return [
    { role: 'user', parts: [...parts, { type: 'text', text: 'Compare these.' }] },
    { role: 'assistant', content: 'They differ.' },
    { role: 'user', content: 'How?' },
  ];
}

it('OpenAI Chat Completions accepts the converted files', async () => {
  const [chat] = fakes;
  chat!.script({ text: 'ok' });
  const client = new OpenAI({ apiKey: 'k', baseURL: chat!.url, maxRetries: 0 });
  const stream = await client.chat.completions.create({ model: 'gpt-4o', stream: true, messages: toOpenAIChatMessages(await conversation()) as never });
  for await (const _chunk of stream) void _chunk;
  expect(chat!.rejections).toEqual([]);
  expect((chat!.requests[0]!.messages as { content: { type: string }[] }[])[0]!.content.map((p) => p.type)).toEqual(['image_url', 'image_url', 'image_url', 'file', 'image_url', 'text']);
});

it('OpenAI Responses accepts the converted files', async () => {
  const [, responses] = fakes;
  responses!.script({ text: 'ok' });
  const client = new OpenAI({ apiKey: 'k', baseURL: responses!.url, maxRetries: 0 });
  const stream = await client.responses.create({ model: 'gpt-4.1', stream: true, input: toOpenAIResponsesInput(await conversation()) as never });
  for await (const _event of stream) void _event;
  expect(responses!.rejections).toEqual([]);
  expect((responses!.requests[0]!.input as { content: { type: string }[] }[])[0]!.content.map((p) => p.type)).toEqual(['input_image', 'input_image', 'input_image', 'input_file', 'input_image', 'input_text']);
});

it('Anthropic accepts the converted files', async () => {
  const [, , anthropic] = fakes;
  anthropic!.script({ text: 'ok' });
  const client = new Anthropic({ apiKey: 'k', baseURL: anthropic!.url, maxRetries: 0 });
  const { system, messages } = toAnthropicMessages(await conversation());
  const message = await client.messages.stream({ model: 'claude-haiku-4-5', max_tokens: 100, system, messages: messages as never }).finalMessage();
  expect(anthropic!.rejections).toEqual([]);
  expect(message.content).toMatchObject([{ type: 'text', text: 'ok' }]);
  expect((anthropic!.requests[0]!.messages as { content: { type: string }[] }[])[0]!.content.map((p) => p.type)).toEqual(['image', 'image', 'image', 'document', 'image', 'text']);
});
