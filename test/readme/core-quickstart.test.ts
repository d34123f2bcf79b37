import { afterEach, beforeEach, expect, it, vi } from 'vitest';
import { respond, startServer, type TestServer } from '../helpers/server';
import { kitReply } from '../helpers/fixtures';
import { writeExample } from './examples';

let server: TestServer;
beforeEach(async () => {
  server = await startServer();
});
afterEach(async () => {
  await server.close();
  vi.restoreAllMocks();
});

it('the README core quickstart runs as written', async () => {
  server.reply(respond(kitReply(['Streams ', 'flow ', 'on'], { usage: { promptTokens: 5, completionTokens: 3, totalTokens: 8 } })));
  const written: string[] = [];
  vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => {
    written.push(String(chunk));
    return true;
  });
  const logs: unknown[][] = [];
  vi.spyOn(console, 'log').mockImplementation((...args) => void logs.push(args));
  await import(/* @vite-ignore */ writeExample('core-quickstart', server.url('').replace(/\/$/, '')));
  expect(written.join('')).toBe('Streams flow on');
  expect(server.requests[0]!.body).toMatchObject({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'Write a haiku about rivers' }] });
  expect(logs.flat().join(' ')).toContain('8 tokens');
});
