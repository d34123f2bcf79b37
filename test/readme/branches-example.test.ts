import { afterEach, beforeEach, expect, it, vi } from 'vitest';
import { respond, startServer, type Handler, type TestServer } from '../helpers/server';
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

it('the README branches example runs as written', async () => {
  let n = 0;
  const answer: Handler = (req, res, request) => {
    const { messages } = request.body as { messages: { content: string }[] };
    return respond(kitReply([`${messages.at(-1)!.content}? Answer ${++n}`]))(req, res, request);
  };
  server.reply(answer);
  const logs: unknown[][] = [];
  vi.spyOn(console, 'log').mockImplementation((...args) => void logs.push(args));
  await import(/* @vite-ignore */ writeExample('branches', server.url('').replace(/\/$/, '')));
  expect(logs[0]).toEqual([{ index: 1, count: 2 }]);
  expect(logs[1]).toEqual([['Name a fruit', 'Name a fruit? Answer 3']]);
  // The regenerate and the edit each sent the active path only.
  expect(server.requests.map((r) => (r.body as { messages: { content: string }[] }).messages.map((m) => m.content))).toEqual([
    ['Name a colour'],
    ['Name a colour'],
    ['Name a fruit'],
  ]);
});
