import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AIStream, AIStreamError, persistChat, type ChatStorage, type Message } from '../../src/core';
import { kitReply } from '../helpers/fixtures';
import { json, respond, startServer, type Handler, type TestServer } from '../helpers/server';

let server: TestServer;
beforeEach(async () => {
  server = await startServer();
});
afterEach(() => server.close());

let replies = 0;
/** ms the echo waits after its first token: a reply that is still streaming. */
let pause = 0;
/** Answers every request with "re: <last user message> #<n>", n counting replies across the test. */
const echo: Handler = (req, res, request) => {
  const { messages } = request.body as { messages: { role: string; content: string }[] };
  const last = messages.filter((m) => m.role === 'user').at(-1)!;
  const [start, token, ...end] = kitReply([`re: ${last.content} #${++replies}`]);
  return respond([start!, token!, pause, ...end])(req, res, request);
};
beforeEach(() => {
  replies = 0;
  pause = 0;
});

/** A chat with the test server, whose requests take `handlers` in turn (the last one repeats). */
function createStream(...handlers: Handler[]) {
  if (server.requests.length === 0 && handlers.length) server.reply(...handlers);
  else if (server.requests.length === 0 && !queued) server.reply(echo);
  queued = true;
  return new AIStream({ endpoint: server.url('/api/chat'), retry: { maxRetries: 0 } });
}
let queued = false;
beforeEach(() => {
  queued = false;
});
const texts = (stream: AIStream) => stream.getMessages().map((m) => m.content);
/** What the server saw in request `index`: role and text of each message. */
const sent = (index: number) => (server.requests[index]!.body as { messages: { role: string; content: string }[] }).messages.map((m) => `${m.role}: ${m.content}`);
const idOf = (stream: AIStream, content: string) => stream.getMessages().find((m) => m.content === content)!.id;

/** u: A → re: A #1 → u: B → re: B #2 */
async function twoTurns(stream: AIStream) {
  await stream.send('A');
  await stream.send('B');
  expect(texts(stream)).toEqual(['A', 're: A #1', 'B', 're: B #2']);
}

describe('AIStream branches: editMessage', () => {
  it('keeps the old version as a sibling and sends only the active path', async () => {
    const stream = createStream();
    await twoTurns(stream);
    const b = idOf(stream, 'B');

    await stream.editMessage(b, 'B edited');

    expect(texts(stream)).toEqual(['A', 're: A #1', 'B edited', 're: B edited #3']);
    expect(sent(2)).toEqual(['user: A', 'assistant: re: A #1', 'user: B edited']);
    const edited = idOf(stream, 'B edited');
    expect(edited).not.toBe(b);
    expect(stream.getBranches(edited)).toEqual({ index: 1, count: 2 });
    expect(stream.getBranches(idOf(stream, 'A'))).toEqual({ index: 0, count: 1 });
    // messages, getMessages() and the snapshot all show the active path
    expect(stream.getSnapshot().messages.map((m) => m.content)).toEqual(texts(stream));

    stream.switchBranch(edited, 0);
    expect(texts(stream)).toEqual(['A', 're: A #1', 'B', 're: B #2']);
    expect(stream.getBranches(b)).toEqual({ index: 0, count: 2 });

    // The next message continues the branch on screen, and only it is sent.
    await stream.send('C');
    expect(sent(3)).toEqual(['user: A', 'assistant: re: A #1', 'user: B', 'assistant: re: B #2', 'user: C']);
    stream.switchBranch(b, 1);
    expect(texts(stream)).toEqual(['A', 're: A #1', 'B edited', 're: B edited #3']);
    stream.switchBranch(idOf(stream, 'B edited'), 0);
    expect(texts(stream)).toEqual(['A', 're: A #1', 'B', 're: B #2', 'C', 're: C #4']);
  });

  it('editing the first message branches at the start of the conversation', async () => {
    const stream = createStream();
    await twoTurns(stream);
    await stream.editMessage(idOf(stream, 'A'), 'A2');
    expect(texts(stream)).toEqual(['A2', 're: A2 #3']);
    expect(sent(2)).toEqual(['user: A2']);
    stream.switchBranch(idOf(stream, 'A2'), 0);
    expect(texts(stream)).toEqual(['A', 're: A #1', 'B', 're: B #2']);
  });

  it('passes the options on like send() does', async () => {
    const stream = createStream();
    await stream.send('A');
    await stream.editMessage(idOf(stream, 'A'), 'A2', { headers: { 'X-Trace': 'edit' }, body: { temperature: 0 } });
    expect(server.requests[1]!.headers['x-trace']).toBe('edit');
    expect(server.requests[1]!.body).toMatchObject({ temperature: 0 });
  });

  it('takes files like send(): the new version carries them as file parts', async () => {
    const stream = createStream();
    await stream.send('A');
    const dot = { url: 'data:image/png;base64,iVBORw0KGgo=', mediaType: 'image/png', name: 'dot.png' };
    await stream.editMessage(idOf(stream, 'A'), 'A with a picture', { files: [dot] });
    const edited = stream.getMessages()[0]!;
    expect(edited.parts).toContainEqual(expect.objectContaining({ type: 'file', mediaType: 'image/png', url: dot.url }));
    expect(stream.getBranches(edited.id)).toEqual({ index: 1, count: 2 });
    expect(JSON.stringify(server.requests[1]!.body)).toContain('iVBORw0KGgo=');
  });

  it('a file that cannot be read leaves the conversation as it was', async () => {
    const stream = createStream();
    await stream.send('A');
    await expect(stream.editMessage(idOf(stream, 'A'), 'x', { files: [{ url: 'javascript:alert(1)', mediaType: 'image/png' }] })).rejects.toMatchObject({ code: 'invalid' });
    expect(texts(stream)).toEqual(['A', 're: A #1']);
    expect(stream.getBranches(idOf(stream, 'A'))).toEqual({ index: 0, count: 1 });
  });

  it('refuses an assistant message, an unknown id and empty text', async () => {
    const stream = createStream();
    await stream.send('A');
    const reply = stream.getMessages()[1]!.id;
    await expect(stream.editMessage(reply, 'x')).rejects.toMatchObject({ code: 'invalid' });
    await expect(stream.editMessage('nope', 'x')).rejects.toMatchObject({ code: 'invalid' });
    await expect(stream.editMessage(idOf(stream, 'A'), '  ')).rejects.toMatchObject({ code: 'invalid' });
    expect(server.requests).toHaveLength(1);
  });
});

describe('AIStream branches: regenerate and retry', () => {
  it('regenerates a reply in the middle; switching back restores the whole continuation', async () => {
    const stream = createStream();
    await twoTurns(stream);
    const first = idOf(stream, 're: A #1');

    await stream.regenerate(first);

    expect(texts(stream)).toEqual(['A', 're: A #3']);
    expect(sent(2)).toEqual(['user: A']);
    const second = idOf(stream, 're: A #3');
    expect(stream.getBranches(second)).toEqual({ index: 1, count: 2 });

    stream.switchBranch(second, 0);
    expect(texts(stream)).toEqual(['A', 're: A #1', 'B', 're: B #2']);
    expect(stream.getMessages()[1]!.id).toBe(first);
    expect(stream.getBranches(first)).toEqual({ index: 0, count: 2 });
  });

  it('retry() keeps the last reply as a branch', async () => {
    const stream = createStream();
    await stream.send('A');
    await stream.retry();
    expect(texts(stream)).toEqual(['A', 're: A #2']);
    expect(sent(1)).toEqual(['user: A']);
    expect(stream.getBranches(stream.getMessages()[1]!.id)).toEqual({ index: 1, count: 2 });
    await stream.retry();
    expect(stream.getBranches(stream.getMessages()[1]!.id)).toEqual({ index: 2, count: 3 });
    stream.switchBranch(stream.getMessages()[1]!.id, 0);
    expect(texts(stream)).toEqual(['A', 're: A #1']);
  });

  it('a reply that failed with no text is replaced, not kept as a branch', async () => {
    const stream = createStream(echo, json(500, { error: 'down' }), echo);
    await stream.send('A');
    await expect(stream.regenerate(stream.getMessages()[1]!.id)).rejects.toMatchObject({ code: 'http' });
    expect(texts(stream)).toEqual(['A']); // the request failed before a reply began
    await stream.retry();
    expect(texts(stream)).toEqual(['A', 're: A #2']);
    expect(stream.getBranches(stream.getMessages()[1]!.id)).toEqual({ index: 1, count: 2 });
  });

  it('a failed reply in the tree is dropped when retried', async () => {
    const failing = respond([kitReply(['x'])[0]!, 'event: error\ndata: {"message":"boom"}\n\n']);
    const stream = createStream(echo, failing, echo);
    await stream.send('A');
    await expect(stream.retry()).rejects.toMatchObject({ code: 'server' });
    expect(stream.getMessages()[1]).toMatchObject({ status: 'error', content: '' });
    expect(stream.getBranches(stream.getMessages()[1]!.id)).toEqual({ index: 1, count: 2 });
    await stream.retry();
    expect(texts(stream)).toEqual(['A', 're: A #2']);
    expect(stream.getBranches(stream.getMessages()[1]!.id)).toEqual({ index: 1, count: 2 });
  });

  it('refuses a user message or unknown id', async () => {
    const stream = createStream();
    await stream.send('A');
    await expect(stream.regenerate(idOf(stream, 'A'))).rejects.toMatchObject({ code: 'invalid' });
    await expect(stream.regenerate('nope')).rejects.toMatchObject({ code: 'invalid' });
  });
});

describe('AIStream branches: rules', () => {
  it('edit, regenerate, switch and setConversation are refused while a reply streams', async () => {
    const stream = createStream();
    await twoTurns(stream);
    await stream.regenerate(idOf(stream, 're: B #2'));
    pause = 200;
    const pending = stream.send('C');
    const [a, reply] = [idOf(stream, 'A'), stream.getMessages()[3]!.id];
    const busy = expect.objectContaining({ code: 'busy' });
    await expect(stream.editMessage(a, 'x')).rejects.toEqual(busy);
    await expect(stream.regenerate(reply)).rejects.toEqual(busy);
    expect(() => stream.switchBranch(reply, 0)).toThrow(busy);
    await expect(stream.setConversation(stream.getConversation())).rejects.toEqual(busy);
    await pending;
    expect(server.requests).toHaveLength(4);
    expect(stream.getBranches(reply)).toEqual({ index: 1, count: 2 }); // readable while streaming, and after
  });

  it('a conversation without branches answers "1 of 1" and switches only to index 0', async () => {
    const stream = createStream();
    await stream.send('A');
    const [a] = stream.getMessages();
    expect(stream.getBranches(a!.id)).toEqual({ index: 0, count: 1 });
    stream.switchBranch(a!.id, 0);
    expect(texts(stream)).toEqual(['A', 're: A #1']);
    expect(() => stream.switchBranch(a!.id, 1)).toThrow(AIStreamError);
  });

  it('setMessages() replaces the tree with one path; reset() clears it', async () => {
    const stream = createStream();
    await stream.send('A');
    await stream.retry();
    const restored: Message[] = [{ id: 'u1', role: 'user', content: 'saved', timestamp: 1 }];
    stream.setMessages(restored);
    expect(stream.getBranches('u1')).toEqual({ index: 0, count: 1 });
    expect(Object.keys(stream.getConversation().nodes)).toEqual(['u1']);
    await stream.retry();
    expect(stream.getBranches(stream.getMessages()[1]!.id)).toEqual({ index: 0, count: 1 });
    await stream.regenerate(stream.getMessages()[1]!.id);
    stream.reset();
    expect(stream.getConversation()).toEqual({ version: 1, nodes: {}, children: {}, active: {} });
    expect(stream.getMessages()).toEqual([]);
  });
});

describe('AIStream branches: getConversation / setConversation', () => {
  it('round-trips the whole tree, active choices included, through JSON', async () => {
    const stream = createStream();
    await twoTurns(stream);
    await stream.editMessage(idOf(stream, 'B'), 'B2');
    await stream.regenerate(idOf(stream, 're: A #1')); // the edited branch sits under the old reply now
    stream.switchBranch(idOf(stream, 're: A #4'), 0); // back to the first reply, whose path shows B2

    const saved = JSON.stringify(stream.getConversation());
    const restored = createStream();
    await restored.setConversation(JSON.parse(saved));

    expect(texts(restored)).toEqual(['A', 're: A #1', 'B2', 're: B2 #3']);
    expect(restored.getBranches(idOf(restored, 'B2'))).toEqual({ index: 1, count: 2 });
    restored.switchBranch(idOf(restored, 'B2'), 0);
    expect(texts(restored)).toEqual(['A', 're: A #1', 'B', 're: B #2']);
    restored.switchBranch(idOf(restored, 're: A #1'), 1);
    expect(texts(restored)).toEqual(['A', 're: A #4']);
    // and it goes on from there, sending only its active path
    await restored.send('C');
    expect(sent(server.requests.length - 1)).toEqual(['user: A', 'assistant: re: A #4', 'user: C']);
  });

  it('a chat without branches saves and restores its one path', async () => {
    const stream = createStream();
    await stream.send('A');
    const saved = JSON.parse(JSON.stringify(stream.getConversation()));
    expect(saved.version).toBe(1);
    const restored = createStream();
    await restored.setConversation(saved);
    expect(restored.getMessages()).toEqual(stream.getMessages());
  });

  it('refuses anything else with an invalid error and keeps the conversation', async () => {
    const stream = createStream();
    await stream.send('A');
    await expect(stream.setConversation({ version: 2 } as never)).rejects.toMatchObject({ name: 'AIStreamError', code: 'invalid' });
    await expect(stream.setConversation(stream.getMessages() as never)).rejects.toMatchObject({ code: 'invalid' });
    expect(texts(stream)).toEqual(['A', 're: A #1']);
  });

  it('getConversation() is a copy', async () => {
    const stream = createStream();
    await stream.send('A');
    const saved = stream.getConversation();
    saved.nodes[stream.getMessages()[0]!.id]!.message.content = 'changed';
    expect(texts(stream)).toEqual(['A', 're: A #1']);
  });
});

describe('AIStream branches: persistence (persistChat)', () => {
  it('a saved chat comes back with its branches and the version that was on screen', async () => {
    const map = new Map<string, unknown>();
    // JSON in and out, like localStorage: nothing shared by reference survives.
    const storage: ChatStorage = {
      get: async (key) => (map.has(key) ? JSON.parse(map.get(key) as string) : undefined),
      set: async (key, value) => void map.set(key, JSON.stringify(value)),
      delete: async (key) => void map.delete(key),
    };
    const stream = createStream();
    const saving = persistChat(stream, { storage, id: 'c1' });
    await saving.restored;
    await twoTurns(stream);
    await stream.editMessage(idOf(stream, 'B'), 'B2');
    stream.switchBranch(idOf(stream, 'B2'), 0);
    await saving.flush();

    const reloaded = createStream();
    await persistChat(reloaded, { storage, id: 'c1' }).restored;
    expect(texts(reloaded)).toEqual(['A', 're: A #1', 'B', 're: B #2']);
    expect(reloaded.getBranches(idOf(reloaded, 'B'))).toEqual({ index: 0, count: 2 });
    reloaded.switchBranch(idOf(reloaded, 'B'), 1);
    expect(texts(reloaded)).toEqual(['A', 're: A #1', 'B2', 're: B2 #3']);
  });
});
