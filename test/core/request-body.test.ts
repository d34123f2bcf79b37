import { describe, expect, it } from 'vitest';
import { buildRequestBody, type Message, type RequestContext } from '../../src/core';

const messages: Message[] = [
  { id: '1', role: 'user', content: 'Hi', timestamp: 1 },
  { id: '2', role: 'assistant', content: 'Hello', timestamp: 2, status: 'complete' },
  { id: '3', role: 'assistant', content: '', timestamp: 3, status: 'error' }, // failed: not sent
  { id: '4', role: 'user', content: 'Again', timestamp: 4 },
];
const context = (protocol: RequestContext['protocol'], body?: Record<string, unknown>): RequestContext => ({
  messages,
  model: 'm',
  systemPrompt: 'Be kind.',
  protocol,
  body,
});
const turns = [
  { role: 'user', content: 'Hi' },
  { role: 'assistant', content: 'Hello' },
  { role: 'user', content: 'Again' },
];

describe('buildRequestBody', () => {
  it.each(['kit', 'auto', 'ndjson', 'text'] as const)('%s: chat messages with the system prompt first', (protocol) => {
    expect(buildRequestBody(context(protocol, { temperature: 0 }))).toEqual({
      model: 'm',
      messages: [{ role: 'system', content: 'Be kind.' }, ...turns],
      stream: true,
      temperature: 0,
    });
  });

  it('openai-chat asks for usage', () => {
    expect(buildRequestBody(context('openai-chat'))).toEqual({
      model: 'm',
      messages: [{ role: 'system', content: 'Be kind.' }, ...turns],
      stream: true,
      stream_options: { include_usage: true },
    });
  });

  it('anthropic: top-level system, no system role, max_tokens', () => {
    const withSystem = { ...context('anthropic'), messages: [{ id: '0', role: 'system' as const, content: 'Extra.', timestamp: 0 }, ...messages] };
    expect(buildRequestBody(withSystem)).toEqual({
      model: 'm',
      system: 'Be kind.\n\nExtra.',
      messages: turns,
      max_tokens: 4096,
      stream: true,
    });
  });

  it('openai-responses: instructions and input', () => {
    expect(buildRequestBody(context('openai-responses', { store: false }))).toEqual({
      model: 'm',
      instructions: 'Be kind.',
      input: turns,
      stream: true,
      store: false,
    });
  });

  it('leaves out an absent system prompt', () => {
    const body = buildRequestBody({ ...context('kit'), systemPrompt: undefined }) as { messages: unknown[] };
    expect(body.messages).toEqual(turns);
  });
});
