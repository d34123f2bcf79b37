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

it('the README for-await example runs as written', async () => {
  server.reply(respond(kitReply(['Once ', 'upon ', 'a time'], { reason: 'stop' })));
  const written: string[] = [];
  vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => {
    written.push(String(chunk));
    return true;
  });
  const logs: unknown[][] = [];
  vi.spyOn(console, 'log').mockImplementation((...args) => void logs.push(args));
  await import(/* @vite-ignore */ writeExample('stream-chunks', server.url('').replace(/\/$/, '')));
  expect(written.join('')).toBe('Once upon a time');
  expect(logs.flat().join(' ')).toContain('[stop]');
  expect(server.requests[0]!.body).toEqual({ messages: [{ role: 'user', content: 'Tell me a story' }] });
});
