/**
 * The client half of the cancel request: what `stop()` sends, with which headers, to where, and
 * how a failure is reported. A real HTTP server on 127.0.0.1 plays the kit endpoint.
 */
import type { ServerResponse } from 'node:http';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AIStream, AIStreamError, sendCancelRequest } from '../../src/core/index';
import { closedPortUrl, json, respond, sse, startServer, type Handler, type TestServer } from '../helpers/server';

let server: TestServer;
beforeEach(async () => {
  server = await startServer();
});
afterEach(() => server.close());

/** A kit reply with stream id `s1`, recorded by a resume store (`resumable`), that streams until it is stopped. */
const kitReply = respond([sse({ streamId: 's1', resumable: true }, { event: 'start', id: 's1-1' }), sse({ token: 'Hel' }, { event: 'token', id: 's1-2' })], { finish: 'hang' });
/** The same from a server without a resume store: closing the connection stops it. */
const plainKitReply = respond([sse({ streamId: 's1' }, { event: 'start', id: 's1-1' }), sse({ token: 'Hel' }, { event: 'token', id: 's1-2' })], { finish: 'hang' });
const noContent: Handler = (_req, res: ServerResponse) => void res.writeHead(204).end();

/** Sends a message, waits for its first token, stops it, and waits for the cancel request. */
async function stopAfterFirstToken(client: AIStream, requests = 2) {
  let tokens = 0;
  client.on('token', () => tokens++);
  const sent = client.send('Hi', { headers: { 'x-send': 'per-send' } });
  while (tokens === 0) await new Promise((resolve) => setTimeout(resolve, 2));
  client.stop();
  await sent;
  await server.waitForRequests(requests);
}

describe('stop() sends the cancel request', () => {
  it('DELETE <endpoint>?streamId=<id> with the stream request headers, configured and per send', async () => {
    server.reply(kitReply, noContent);
    const seen: RequestInit[] = [];
    const client = new AIStream({
      endpoint: server.url('/api/chat?v=2'),
      headers: async () => ({ authorization: 'Bearer fresh' }),
      credentials: 'include',
      fetch: (input, init) => (seen.push(init!), fetch(input, init)),
    });
    await stopAfterFirstToken(client);
    const cancel = server.requests[1]!;
    expect(cancel).toMatchObject({ method: 'DELETE', path: '/api/chat?v=2&streamId=s1', text: '' });
    expect(cancel.headers).toMatchObject({ authorization: 'Bearer fresh', 'x-send': 'per-send' });
    expect(seen[1]).toMatchObject({ method: 'DELETE', credentials: 'include' });
    expect(client.getMessages().at(-1)).toMatchObject({ status: 'aborted', content: 'Hel' });
  });

  it('cancel: { endpoint, method } overrides where it goes', async () => {
    server.reply(kitReply, noContent);
    const overridden = new AIStream({ endpoint: server.url('/api/chat'), cancel: { endpoint: server.url('/api/stop'), method: 'POST' } });
    await stopAfterFirstToken(overridden);
    expect(server.requests[1]).toMatchObject({ method: 'POST', path: '/api/stop?streamId=s1' });
  });

  // A cancel that should not be sent is checked against one that is: stopped after it, through the
  // same code path, the later client's cancel request arrives once the earlier one's would have.
  const byMethod = (post: Handler): Handler => (req, res, request) => (req.method === 'DELETE' ? noContent(req, res, request) : post(req, res, request));

  it('cancel: false sends nothing', async () => {
    server.reply(byMethod(kitReply));
    await stopAfterFirstToken(new AIStream({ endpoint: server.url('/disabled'), cancel: false }), 1);
    await stopAfterFirstToken(new AIStream({ endpoint: server.url('/enabled') }), 3);
    expect(server.requests.map((r) => `${r.method} ${r.path}`)).toEqual(['POST /disabled', 'POST /enabled', 'DELETE /enabled?streamId=s1']);
  });

  it('a reply without kit stream ids (OpenAI format) sends no cancel request', async () => {
    const chunk = (content: string) => sse({ choices: [{ index: 0, delta: { content }, finish_reason: null }] });
    const openai = respond([chunk('Hel')], { finish: 'hang' });
    server.reply(byMethod((req, res, request) => (req.url === '/openai' ? openai : kitReply)(req, res, request)));
    await stopAfterFirstToken(new AIStream({ endpoint: server.url('/openai') }), 1);
    await stopAfterFirstToken(new AIStream({ endpoint: server.url('/kit') }), 3);
    expect(server.requests.map((r) => `${r.method} ${r.path}`)).toEqual(['POST /openai', 'POST /kit', 'DELETE /kit?streamId=s1']);
  });

  it('a stream id no kit server could have chosen (over 128 characters) names no stream: no cancel request', async () => {
    const long = 'a'.repeat(129);
    const tooLong = respond([sse({ streamId: long, resumable: true }, { event: 'start', id: `${long}-1` }), sse({ token: 'Hel' }, { event: 'token', id: `${long}-2` })], { finish: 'hang' });
    server.reply(byMethod((req, res, request) => (req.url === '/long' ? tooLong : kitReply)(req, res, request)));
    await stopAfterFirstToken(new AIStream({ endpoint: server.url('/long') }), 1);
    await stopAfterFirstToken(new AIStream({ endpoint: server.url('/kit') }), 3);
    expect(server.requests.map((r) => `${r.method} ${r.path}`)).toEqual(['POST /long', 'POST /kit', 'DELETE /kit?streamId=s1']);
  });

  it('a kit reply not marked resumable (no resume store) sends none, unless cancel is configured', async () => {
    server.reply(byMethod((req, res, request) => (req.url === '/kit' ? kitReply : plainKitReply)(req, res, request)));
    await stopAfterFirstToken(new AIStream({ endpoint: server.url('/plain') }), 1);
    await stopAfterFirstToken(new AIStream({ endpoint: server.url('/plain'), cancel: {} }), 3);
    await stopAfterFirstToken(new AIStream({ endpoint: server.url('/kit') }), 5);
    expect(server.requests.map((r) => `${r.method} ${r.path}`)).toEqual([
      'POST /plain',
      'POST /plain',
      'DELETE /plain?streamId=s1',
      'POST /kit',
      'DELETE /kit?streamId=s1',
    ]);
  });

  it('a failing cancel is reported once through onError; the stopped reply stays as it was', async () => {
    server.reply(kitReply, json(500, { error: 'database down', code: 'db' }));
    const errors: AIStreamError[] = [];
    const client = new AIStream({ endpoint: server.url('/api/chat'), onError: (error) => errors.push(error) });
    await stopAfterFirstToken(client);
    while (errors.length === 0) await new Promise((resolve) => setTimeout(resolve, 2));
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatchObject({ code: 'http', status: 500, serverCode: 'db' });
    expect(errors[0]!.message).toMatch(/^The reply was stopped here, but stopping it on the server failed: Request failed with 500.*database down/);
    expect(client.getMessages().at(-1)).toMatchObject({ status: 'aborted', content: 'Hel' });
    expect(client.getStatus()).toBe('idle');
    expect(client.getError()).toBeUndefined();
  });
});

describe('sendCancelRequest', () => {
  it('true on 2xx; false on 404 / 405 (nothing to stop, or no cancel route); rejects on other failures', async () => {
    server.reply(noContent, json(404, { error: 'gone' }), json(405, 'Use POST'), json(403, { error: 'Not allowed to stop this stream', code: 'forbidden' }));
    const config = { endpoint: server.url('/api/chat') };
    expect(await sendCancelRequest(config, 'abc')).toBe(true);
    expect(await sendCancelRequest(config, 'abc')).toBe(false);
    expect(await sendCancelRequest(config, 'abc')).toBe(false);
    await expect(sendCancelRequest(config, 'abc')).rejects.toMatchObject({ code: 'http', status: 403, serverCode: 'forbidden' });
    await expect(sendCancelRequest({ endpoint: await closedPortUrl('/api/chat') }, 'abc')).rejects.toBeInstanceOf(AIStreamError);
    expect(await sendCancelRequest({ ...config, cancel: false }, 'abc')).toBe(false);
    expect(server.requests).toHaveLength(4);
  });
});
