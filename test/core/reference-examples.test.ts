/**
 * The AIStream examples of the API reference (shared/seeds/004), run against a local server:
 * what users copy from the docs must work as written.
 */
import { afterEach, beforeEach, expect, it } from 'vitest';
import { AIStream, type Message, type Usage } from '../../src/core';
import { kitReply } from '../helpers/fixtures';
import { json, respond, startServer, type TestServer } from '../helpers/server';

let server: TestServer;
beforeEach(async () => {
  server = await startServer();
});
afterEach(() => server.close());

it('the constructor example: config with callbacks and retry settings', async () => {
  server.reply(respond(kitReply(['Fine', ', thanks!'], { usage: { promptTokens: 12, completionTokens: 4, totalTokens: 16 } })));
  const tokens: string[] = [];
  const usages: Usage[] = [];
  const stream = new AIStream({
    endpoint: server.url('/api/chat'),
    model: 'gpt-4',
    systemPrompt: 'You are a helpful assistant.',
    onToken: (token) => tokens.push(token),
    onCost: (usage) => usages.push(usage),
    retry: {
      maxRetries: 3,
      backoff: 'exponential',
      initialDelay: 1000,
      maxDelay: 10000,
    },
  });

  await stream.send('Hello, how are you?');

  expect(tokens).toEqual(['Fine', ', thanks!']);
  expect(usages).toEqual([{ promptTokens: 12, completionTokens: 4, totalTokens: 16 }]);
  expect(server.requests[0]!.body).toMatchObject({
    model: 'gpt-4',
    messages: [
      { role: 'system', content: 'You are a helpful assistant.' },
      { role: 'user', content: 'Hello, how are you?' },
    ],
  });
});

it('the complete example: events, send, getMessages, getUsage, getIsStreaming, reset', async () => {
  server.reply(
    respond(kitReply(['function factorial(n) {', ' return n <= 1 ? 1 : n * factorial(n - 1); }'], { usage: { totalTokens: 42 } })),
  );
  const stream = new AIStream({
    endpoint: server.url('/api/chat'),
    model: 'gpt-4',
    systemPrompt: 'You are a helpful coding assistant.',
    retry: {
      maxRetries: 3,
      backoff: 'exponential',
    },
  });

  let written = '';
  const log: string[] = [];
  stream.on('message', (message: Message) => log.push(`message:${message.role}`));
  stream.on('streaming-start', () => log.push('Streaming started'));
  stream.on('token', (token) => {
    written += token;
  });
  stream.on('usage', (usage) => log.push(`Tokens used: ${usage.totalTokens}`));
  stream.on('streaming-end', () => log.push('Streaming ended'));
  stream.on('error', (error) => log.push(`Stream error: ${error.message}`));
  stream.on('reset', () => log.push('Conversation reset'));

  const pending = stream.send('Write a function to calculate factorial');
  expect(stream.getIsStreaming()).toBe(true);
  await pending;
  expect(stream.getIsStreaming()).toBe(false);

  expect(written).toBe('function factorial(n) { return n <= 1 ? 1 : n * factorial(n - 1); }');
  const messages = stream.getMessages();
  expect(messages.map(({ role, content }) => ({ role, content }))).toEqual([
    { role: 'user', content: 'Write a function to calculate factorial' },
    { role: 'assistant', content: written },
  ]);
  for (const message of messages) {
    expect(typeof message.id).toBe('string');
    expect(typeof message.timestamp).toBe('number');
  }
  expect(stream.getUsage().totalTokens).toBe(42);

  stream.reset();
  expect(stream.getMessages()).toEqual([]);
  expect(log).toEqual([
    'message:user',
    'message:assistant',
    'Streaming started',
    'Tokens used: 42',
    'Streaming ended',
    'Conversation reset',
  ]);
});

it('the retry strategy example: retry events with attempt and delay, errors whose message names the status', async () => {
  server.reply(json(503, { error: { message: 'Service overloaded' } }), json(401, { error: { message: 'Invalid API key' } }));
  const stream = new AIStream({
    endpoint: server.url('/api/chat'),
    model: 'gpt-4',
    retry: {
      maxRetries: 5,
      backoff: 'exponential',
      initialDelay: 20,
      maxDelay: 30000,
    },
  });
  const retries: string[] = [];
  const errors: string[] = [];
  stream.on('retry', ({ attempt, delay }) => retries.push(`Retry ${attempt} in ${delay}ms`));
  stream.on('error', (error) => {
    if (error.message.includes('401')) errors.push('Invalid API key');
  });

  await expect(stream.send('Hi')).rejects.toThrow('401');

  expect(retries).toHaveLength(1);
  expect(retries[0]).toMatch(/^Retry 1 in \d+ms$/);
  expect(errors).toEqual(['Invalid API key']);
});

it('stop() from a usage budget check, as in the best-practices example', async () => {
  const events = kitReply(['a', 'b', 'c'], { usage: { promptTokens: 900, completionTokens: 200, totalTokens: 1100 } });
  server.reply(respond([...events.slice(0, 3), events[4]!, 50, events[3]!, ...events.slice(5)]));
  const BUDGET_LIMIT = 1000;
  const stream = new AIStream({ endpoint: server.url('/api/chat'), model: 'gpt-4' });
  stream.on('usage', (usage) => {
    if (usage.totalTokens > BUDGET_LIMIT) stream.stop();
  });
  await stream.send('Hi');
  expect(stream.getMessages()[1]).toMatchObject({ content: 'ab', status: 'aborted' });
});
