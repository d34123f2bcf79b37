/**
 * Reasoning that must go back with tool results: Anthropic's signed thinking through a kit route
 * (the `reasoning-signature` event), and OpenAI Responses reasoning items (id, encrypted content)
 * before the `function_call` they led to — each checked by a strict fake provider.
 */
import Anthropic from '@anthropic-ai/sdk';
import { describe, expect, it } from 'vitest';
import { AIStream, type ClientTools } from '../../src/core';
import type { MessagePart } from '../../src/core/message-parts';
import { decodeKit } from '../../src/protocol/kit';
import { pipeToResponse, toAnthropicMessages, toAnthropicTools, toOpenAIResponsesInput, type ToolDefinitions } from '../../src/server/index';
import { startStrictAnthropic } from '../server/fixtures/strict/strict-anthropic';
import { startStrictResponses } from '../server/fixtures/strict/strict-responses';
import { serveNode } from '../server/support/node-server';

const tools: ClientTools = {
  get_time: {
    description: "Time in the user's browser",
    parameters: { type: 'object', properties: { timeZone: { type: 'string' } } },
    execute: ({ timeZone }: { timeZone: string }) => ({ time: `12:00 ${timeZone}` }),
  },
};

describe('Anthropic thinking through a kit endpoint', () => {
  it('carries the signature to the client, which sends it back first; the route forwards it with toAnthropicMessages', async () => {
    const anthropic = await startStrictAnthropic();
    anthropic.script(
      { reasoning: { text: 'Need the time.', signature: 'sig-kit-1' }, toolCalls: [{ id: 'toolu_1', name: 'get_time', args: { timeZone: 'UTC' } }] },
      { text: 'It is noon.' },
    );
    const client = new Anthropic({ apiKey: 'sk-ant-test', baseURL: anthropic.url, maxRetries: 0 });
    // The developer's route: kit messages in, the provider's stream out as kit events.
    const route = await serveNode(async (req, res) => {
      let text = '';
      for await (const chunk of req) text += chunk;
      const body = JSON.parse(text) as { messages: Parameters<typeof toAnthropicMessages>[0]; tools: ToolDefinitions };
      const { system, messages } = toAnthropicMessages(body.messages);
      const upstream = await client.messages.create({
        model: 'claude-x',
        max_tokens: 4096,
        thinking: { type: 'enabled', budget_tokens: 2048 },
        ...(system && { system }),
        messages: messages as Anthropic.MessageParam[],
        tools: toAnthropicTools(body.tools) as Anthropic.Tool[],
        stream: true,
      });
      await pipeToResponse(upstream, res, { provider: 'anthropic' });
    });
    try {
      const stream = new AIStream({ endpoint: route.url(), protocol: 'kit', tools, retry: { maxRetries: 0 } });
      await stream.send('Time?');
      // Without the signature the second request is a 400 (thinking-on loop must start with signed thinking).
      expect(anthropic.rejections).toEqual([]);
      expect(anthropic.requests).toHaveLength(2);
      const reply = stream.getMessages()[1]!;
      expect(reply.error).toBeUndefined();
      expect(reply.parts![0]).toEqual({ type: 'reasoning', text: 'Need the time.', signature: 'sig-kit-1' });
      expect(reply.content).toBe('It is noon.');
      const assistantTurn = (anthropic.requests[1]!.messages as { role: string; content: { type: string }[] }[])[1]!;
      expect(assistantTurn.content.map((block) => block.type)).toEqual(['thinking', 'tool_use']);
      expect(assistantTurn.content[0]).toEqual({ type: 'thinking', thinking: 'Need the time.', signature: 'sig-kit-1' });
    } finally {
      await route.close();
      await anthropic.close();
    }
  });
});

describe('OpenAI Responses reasoning items in a tool loop', () => {
  const send = async (body: Record<string, unknown>) => {
    const fake = await startStrictResponses();
    fake.script(
      { reasoning: { text: 'Need the time.' }, toolCalls: [{ id: 'call_1', name: 'get_time', args: { timeZone: 'UTC' } }] },
      { text: 'It is noon.' },
    );
    const stream = new AIStream({ endpoint: `${fake.url}/responses`, protocol: 'openai-responses', model: 'o4-mini', tools, retry: { maxRetries: 0 } });
    try {
      await stream.send('Time?', { body });
    } finally {
      await fake.close();
    }
    return { fake, reply: stream.getMessages()[1]! };
  };

  it('stateless (store: false): sends the reasoning item with its encrypted content before the function_call', async () => {
    const { fake, reply } = await send({ store: false, include: ['reasoning.encrypted_content'] });
    expect(fake.rejections).toEqual([]);
    expect(reply.content).toBe('It is noon.');
    const reasoning = reply.parts![0] as Extract<MessagePart, { type: 'reasoning' }>;
    expect(reasoning).toMatchObject({ type: 'reasoning', text: 'Need the time.', itemId: expect.stringMatching(/^rs_/), encryptedContent: expect.any(String) });
    const input = fake.requests[1]!.input as Record<string, unknown>[];
    expect(input.map((item) => item.type ?? item.role)).toEqual(['user', 'reasoning', 'function_call', 'function_call_output']);
    expect(input[1]).toEqual({
      type: 'reasoning',
      id: reasoning.itemId,
      summary: [{ type: 'summary_text', text: 'Need the time.' }],
      encrypted_content: reasoning.encryptedContent,
    });
  });

  it('stored (the default): sends the reasoning item by id', async () => {
    const { fake, reply } = await send({});
    expect(fake.rejections).toEqual([]);
    expect(reply.content).toBe('It is noon.');
    const input = fake.requests[1]!.input as Record<string, unknown>[];
    expect(input[1]).toEqual({ type: 'reasoning', id: expect.stringMatching(/^rs_/), summary: [{ type: 'summary_text', text: 'Need the time.' }] });
  });

  it('never sends a reasoning item with nothing after it, nor reasoning of another provider', () => {
    const reasoning: MessagePart = { type: 'reasoning', text: '', itemId: 'rs_1', encryptedContent: 'enc' };
    const pending: MessagePart = { type: 'tool-call', id: 'c1', name: 'get_time', argsText: '{}', args: {}, state: 'input-available' };
    expect(toOpenAIResponsesInput([{ role: 'user', content: 'Hi' }, { role: 'assistant', content: '', parts: [reasoning, pending] }])).toEqual([
      { role: 'user', content: 'Hi' },
    ]);
    const signed: MessagePart = { type: 'reasoning', text: 'Hm.', signature: 'sig' };
    expect(toOpenAIResponsesInput([{ role: 'assistant', content: 'Yes.', parts: [signed, { type: 'text', text: 'Yes.' }] }])).toEqual([
      { role: 'assistant', content: 'Yes.' },
    ]);
  });
});

describe('the strict Responses fake checks reasoning items like the API', () => {
  it('rejects one without its following item, a stateless one without encrypted content, and forged content', async () => {
    const fake = await startStrictResponses();
    try {
      fake.script({ reasoning: { text: 'Hm.' }, text: 'Hi.' }, { text: 'ok' });
      const post = (body: Record<string, unknown>) =>
        fetch(`${fake.url}/responses`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: 'Bearer sk-test' }, body: JSON.stringify({ model: 'o4-mini', stream: true, ...body }) });
      await (await post({ input: 'Hi', include: ['reasoning.encrypted_content'] })).text();
      const issued = fake.requests.length;
      const id = 'rs_fake_1';
      const user = { role: 'user', content: 'Hi' };
      const answer = { role: 'assistant', content: 'Hi.' };
      const cases: [Record<string, unknown>, RegExp][] = [
        [{ input: [user, { type: 'reasoning', id, summary: [] }] }, /without its required following item/],
        [{ store: false, input: [user, { type: 'reasoning', id, summary: [] }, answer] }, /not found. Items are not persisted/],
        [{ input: [user, { type: 'reasoning', id, summary: [], encrypted_content: 'forged' }, answer] }, /could not be verified/],
        [{ input: [user, { type: 'reasoning', id: 'rs_unknown', summary: [] }, answer] }, /Item with id 'rs_unknown' not found/],
      ];
      for (const [body, message] of cases) {
        const response = await post(body);
        expect(response.status).toBe(400);
        expect(((await response.json()) as { error: { message: string } }).error.message).toMatch(message);
      }
      expect(fake.requests).toHaveLength(issued + cases.length);
    } finally {
      await fake.close();
    }
  });
});

describe('the kit reasoning-signature event', () => {
  it('decodes the fields it carries and rejects a field that is not a string', () => {
    const event = (data: string) => ({ event: 'reasoning-signature', data });
    expect(decodeKit(event('{"signature":"sig"}'))).toEqual([{ type: 'reasoning-signature', signature: 'sig' }]);
    expect(decodeKit(event('{"itemId":"rs_1","encryptedContent":"enc"}'))).toEqual([{ type: 'reasoning-signature', itemId: 'rs_1', encryptedContent: 'enc' }]);
    expect(() => decodeKit(event('{"redactedData":42}'))).toThrow(/Malformed kit "reasoning-signature" event \("redactedData" is not a string\)/);
  });
});
