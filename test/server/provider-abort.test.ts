/**
 * Issue 10 §4: when the client leaves before the provider has answered, the provider request is
 * aborted at once — not when the provider finally sends its headers. The fake provider takes the
 * request and never answers, so the only thing that can close its request is our abort (event-
 * driven: no timer on our side; the wait below is only a generous upper bound).
 */
import Anthropic from '@anthropic-ai/sdk';
import OpenAI from 'openai';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AnthropicAdapter, OpenAIAdapter, createKitResponse, pipeToResponse } from '../../src/server/index';
import { startServer, type TestServer } from '../helpers/server';
import { serveFetch, type FetchServer } from './support/fetch-server';
import { serveNode, until, type NodeServer } from './support/node-server';
import { wireReader } from './support/sse';

/** Generous: the abort follows the disconnect event directly (a few ms on an idle machine). */
const ABORT_BOUND_MS = 1000;

let provider: TestServer;
let app: FetchServer | NodeServer | undefined;
/** When the provider saw its request close (undefined while it is open). */
let providerClosedAt: number | undefined;

beforeEach(async () => {
  providerClosedAt = undefined;
  provider = await startServer();
  // Headers never come: a provider still thinking (or a slow proxy in front of it).
  provider.reply((_req, res) => {
    res.on('close', () => (providerClosedAt = performance.now()));
  });
});
afterEach(async () => {
  await app?.close();
  await provider.close();
  app = undefined;
});

const openai = () => new OpenAI({ apiKey: 'sk-test', baseURL: provider.url('/v1'), maxRetries: 0 });
const anthropic = () => new Anthropic({ apiKey: 'sk-ant-test', baseURL: provider.url(), maxRetries: 0 });
const messages = [{ role: 'user' as const, content: 'Hi' }];

/** Connects, waits until the provider holds the request, leaves; resolves with how long the provider request stayed open. */
async function leaveBeforeTheProviderAnswers(url: string): Promise<number> {
  const client = new AbortController();
  const response = await fetch(url, { method: 'POST', signal: client.signal });
  const reader = wireReader(response.body!);
  expect((await reader.next())?.event).toBe('start');
  await provider.waitForRequests(1);
  const leftAt = performance.now();
  client.abort();
  await until(() => providerClosedAt !== undefined, 2000);
  return providerClosedAt! - leftAt;
}

describe('the client leaves before the provider has answered', () => {
  it('pipeToResponse, openai SDK called with the signal it is given', async () => {
    app = await serveNode((_req, res) =>
      pipeToResponse((signal) => openai().chat.completions.create({ model: 'gpt-4o', messages, stream: true }, { signal }), res),
    );
    expect(await leaveBeforeTheProviderAnswers(app.url())).toBeLessThan(ABORT_BOUND_MS);
  });

  it('pipeToResponse, anthropic SDK', async () => {
    app = await serveNode((_req, res) =>
      pipeToResponse(
        (signal) => anthropic().messages.create({ model: 'claude-sonnet-4-5', max_tokens: 64, messages, stream: true }, { signal }),
        res,
        { provider: 'anthropic' },
      ),
    );
    expect(await leaveBeforeTheProviderAnswers(app.url())).toBeLessThan(ABORT_BOUND_MS);
  });

  it('OpenAIAdapter in a fetch handler', async () => {
    app = await serveFetch(() =>
      createKitResponse(OpenAIAdapter((signal) => openai().chat.completions.create({ model: 'gpt-4o', messages, stream: true }, { signal }))),
    );
    expect(await leaveBeforeTheProviderAnswers(app.url())).toBeLessThan(ABORT_BOUND_MS);
  });

  it('AnthropicAdapter over a raw fetch of the Messages API', async () => {
    app = await serveFetch(() =>
      createKitResponse(AnthropicAdapter((signal) => fetch(provider.url('/v1/messages'), { method: 'POST', body: '{}', signal }))),
    );
    expect(await leaveBeforeTheProviderAnswers(app.url())).toBeLessThan(ABORT_BOUND_MS);
  });

  it('a client that left before the route got to the provider call: the provider is never called', async () => {
    let called = 0;
    let entered = false;
    let finished = false;
    app = await serveNode(async (_req, res) => {
      entered = true;
      // Slow work of the route (auth, loading history) while the client goes away.
      await new Promise((resolve) => res.once('close', resolve));
      await pipeToResponse((signal) => {
        called++;
        return openai().chat.completions.create({ model: 'gpt-4o', messages, stream: true }, { signal });
      }, res);
      finished = true;
    });
    const client = new AbortController();
    const request = fetch(app.url(), { method: 'POST', signal: client.signal }).catch(() => undefined);
    await until(() => entered);
    client.abort();
    await request;
    await until(() => finished);
    expect(called).toBe(0);
    expect(provider.requests).toHaveLength(0);
  });
});
