/**
 * Issue 11, the demo's tools: the demo server (node:http on 127.0.0.1) and the kit's AIStream
 * with the page's tools drive whole turns — the embedded demo model reads the tool results and
 * goes on; with a real provider configured, the server forwards the conversation (tool calls and
 * results) and the tool definitions through the converters to strict fake providers that
 * validate every request.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AIStream, type ClientTools } from '../../src/core';
import type { ToolCallPart } from '../../src/core/message-parts';
import { startDemoServer, type DemoServer } from '../../demo/server/server';
import { startStrictAnthropic } from './fixtures/strict/strict-anthropic';
import { startStrictOpenAIChat } from './fixtures/strict/strict-openai-chat';
import type { FakeProvider } from './fixtures/strict/fake-provider';

let staticDir: string;
beforeAll(async () => {
  staticDir = await mkdtemp(join(tmpdir(), 'demo-tools-'));
  await writeFile(join(staticDir, 'index.html'), '<!doctype html><title>demo</title>');
});
afterAll(async () => {
  await rm(staticDir, { recursive: true, force: true });
});

/** The page's tools as the demo defines them, with a fixed clock; `ran` records every execute. */
function pageTools(ran: string[]): ClientTools {
  return {
    get_time_zone: {
      description: "The user's time zone",
      parameters: { type: 'object', properties: {} },
      execute: () => {
        ran.push('get_time_zone');
        return { timeZone: 'Pacific/Chatham', localTime: '09:45', utcOffsetMinutes: 825 };
      },
    },
    delete_note: {
      description: 'Deletes a note',
      parameters: { type: 'object', properties: { id: { type: 'number' }, title: { type: 'string' } } },
      needsApproval: true,
      execute: ({ id }: { id: number }) => {
        ran.push('delete_note');
        return { deleted: id };
      },
    },
    pick_date: { description: 'Asks the user for a day', parameters: { type: 'object', properties: { purpose: { type: 'string' } } } },
  };
}

/** Plays the user once per call: `decide` answers approvals, pick_date gets 2026-03-03. */
function playUser(stream: AIStream, decide: (call: ToolCallPart) => 'approve' | string = () => 'approve'): void {
  const handled = new Set<string>();
  stream.subscribe(() => {
    for (const part of stream.getMessages().at(-1)?.parts ?? []) {
      if (part.type !== 'tool-call' || handled.has(`${part.id} ${part.state}`)) continue;
      handled.add(`${part.id} ${part.state}`);
      if (part.state === 'approval-requested') {
        const decision = decide(part);
        if (decision === 'approve') stream.approveToolCall(part.id);
        else stream.denyToolCall(part.id, decision);
      } else if (part.name === 'pick_date' && part.state === 'input-available') stream.addToolResult(part.id, { date: '2026-03-03' });
    }
  });
}

const stepsOf = (stream: AIStream) => {
  const reply = stream.getMessages().at(-1)!;
  return { reply, types: reply.parts!.map((part) => (part.type === 'tool-call' ? `${part.name}:${part.state}` : part.type)) };
};

describe('demo server + the embedded model with the page tools', () => {
  let demo: DemoServer;
  beforeAll(async () => {
    demo = await startDemoServer({ port: 0, staticDir, tokensPerSecond: 5000, env: {}, log: () => {} });
  });
  afterAll(async () => {
    await demo?.close();
  });

  const chat = (ran: string[]) =>
    new AIStream({ endpoint: `${demo.url}api/chat`, model: 'demo', tools: pageTools(ran), maxSteps: 5, retry: { maxRetries: 0 } });

  it('/plan: three steps — the browser tool runs, the date picker answers, the model uses both', async () => {
    const ran: string[] = [];
    const stream = chat(ran);
    playUser(stream);
    await stream.send('/plan');
    const { reply, types } = stepsOf(stream);
    expect(reply.status).toBe('complete');
    expect(types).toEqual(['text', 'get_time_zone:output-available', 'step-start', 'text', 'pick_date:output-available', 'step-start', 'text']);
    expect(ran).toEqual(['get_time_zone']);
    expect(reply.content).toContain('You are in **Pacific/Chatham**, where it is 09:45.');
    expect(reply.content).toContain('The plan: a 30-minute call on **Tuesday, 3 March 2026** at 10:00 **Pacific/Chatham** time.');
    expect(reply.finishReason).toBe('stop');
    // Usage adds up over the three steps.
    expect(reply.usage!.completionTokens).toBeGreaterThan(20);
  });

  it('/delete: approved runs the tool; denied, the model says so with the reason', async () => {
    const ran: string[] = [];
    const approved = chat(ran);
    playUser(approved);
    await approved.send('/delete');
    expect(stepsOf(approved).types).toEqual(['text', 'delete_note:output-available', 'step-start', 'text']);
    expect(stepsOf(approved).reply.content).toContain('Done: the note **Groceries** is deleted.');
    expect(ran).toEqual(['delete_note']);

    const denied = chat(ran);
    playUser(denied, () => 'keep it');
    await denied.send('/delete');
    expect(stepsOf(denied).types).toEqual(['text', 'delete_note:output-denied', 'step-start', 'text']);
    expect(stepsOf(denied).reply.content).toContain('Understood: the note **Groceries** stays (you said: "keep it"). Nothing was deleted.');
    expect(ran).toEqual(['delete_note']);
  });

  it('a second /time in the same chat starts a new turn with a fresh call id; a failing tool is reported', async () => {
    const ran: string[] = [];
    const stream = chat(ran);
    await stream.send('/time');
    await stream.send('/time');
    const ids = stream.getMessages().flatMap((m) => (m.parts ?? []).filter((p): p is ToolCallPart => p.type === 'tool-call').map((p) => p.id));
    expect(ids).toHaveLength(2);
    expect(new Set(ids).size).toBe(2);
    expect(stream.getMessages().at(-1)!.content).toContain('Your browser is in **Pacific/Chatham**');

    const failing = new AIStream({
      endpoint: `${demo.url}api/chat`,
      model: 'demo',
      tools: { get_time_zone: { description: 'Time zone', execute: () => Promise.reject(new Error('Intl is not available')) } },
    });
    await failing.send('/time');
    expect(failing.getMessages().at(-1)!.content).toContain('I could not read your time zone: the tool failed (Intl is not available).');
  });

  it('without the page tools (a plain client) the scenario says what it needs; bad parts are a 400', async () => {
    const plain = new AIStream({ endpoint: `${demo.url}api/chat`, model: 'demo' });
    await plain.send('/date');
    expect(plain.getMessages().at(-1)!.content).toContain("This scenario needs the page's `pick_date` tool");

    const response = await fetch(`${demo.url}api/chat`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ messages: [{ role: 'user', content: '/time', parts: [{ type: 'tool-call', id: 1 }] }] }),
    });
    expect(response.status).toBe(400);
    expect(await response.json()).toEqual({ error: { message: 'messages[0].parts: a tool-call part needs a string id', code: 'invalid_request' } });
  });
});

describe('demo server with real providers configured (strict fakes)', () => {
  let openai: FakeProvider;
  let anthropic: FakeProvider;
  let demo: DemoServer;
  beforeAll(async () => {
    [openai, anthropic] = await Promise.all([startStrictOpenAIChat(), startStrictAnthropic()]);
    demo = await startDemoServer({
      port: 0,
      staticDir,
      log: () => {},
      env: { OPENAI_API_KEY: 'sk-test', OPENAI_BASE_URL: openai.url, ANTHROPIC_API_KEY: 'sk-ant-test', ANTHROPIC_BASE_URL: anthropic.url },
    });
  });
  afterAll(async () => {
    await demo?.close();
    await openai?.close();
    await anthropic?.close();
  });

  const turn = async (model: string, fake: FakeProvider) => {
    fake.script(
      { text: 'Checking.', toolCalls: [{ id: 'call_tz', name: 'get_time_zone', args: {} }, { id: 'call_del', name: 'delete_note', args: { id: 7 } }] },
      { toolCalls: [{ id: 'call_day', name: 'pick_date', args: { purpose: 'call' } }] },
      { text: 'All set for 3 March in Pacific/Chatham.' },
    );
    const ran: string[] = [];
    const stream = new AIStream({ endpoint: `${demo.url}api/chat`, model, tools: pageTools(ran), retry: { maxRetries: 0 } });
    playUser(stream, () => 'not that one');
    await stream.send('Plan a call');
    expect(fake.rejections).toEqual([]);
    expect(fake.requests).toHaveLength(3);
    const { reply, types } = stepsOf(stream);
    expect(reply.error).toBeUndefined();
    expect(types).toEqual([
      'text',
      'get_time_zone:output-available',
      'delete_note:output-denied',
      'step-start',
      'pick_date:output-available',
      'step-start',
      'text',
    ]);
    expect(ran).toEqual(['get_time_zone']);
    return fake.requests;
  };

  it('OpenAI: tool definitions, assistant tool_calls and one tool message per result', async () => {
    const requests = await turn('openai:gpt-4o-mini', openai);
    expect((requests[0]!.tools as { function: { name: string } }[]).map((t) => t.function.name)).toEqual(['get_time_zone', 'delete_note', 'pick_date']);
    const last = requests[2]!.messages as { role: string; tool_call_id?: string; content?: unknown }[];
    expect(last.map((m) => m.role)).toEqual(['user', 'assistant', 'tool', 'tool', 'assistant', 'tool']);
    expect(last[2]).toMatchObject({ tool_call_id: 'call_tz', content: JSON.stringify({ timeZone: 'Pacific/Chatham', localTime: '09:45', utcOffsetMinutes: 825 }) });
    expect(String(last[3]!.content)).toContain('not that one');
    expect(last[5]).toMatchObject({ tool_call_id: 'call_day', content: JSON.stringify({ date: '2026-03-03' }) });
  });

  it('DEMO_PROVIDER_TOOLS=0: a model without tool support gets no tool definitions', async () => {
    const plain = await startDemoServer({ port: 0, staticDir, log: () => {}, env: { OPENAI_API_KEY: 'sk-test', OPENAI_BASE_URL: openai.url, DEMO_PROVIDER_TOOLS: '0' } });
    try {
      openai.script({ text: 'Hello.' });
      const before = openai.requests.length;
      const stream = new AIStream({ endpoint: `${plain.url}api/chat`, model: 'openai:gpt-4o-mini', tools: pageTools([]) });
      await stream.send('Hi');
      expect(stream.getMessages().at(-1)!.content).toBe('Hello.');
      expect(openai.requests[before]!.tools).toBeUndefined();
    } finally {
      await plain.close();
    }
  });

  it('Anthropic: input_schema tools, tool_use blocks, tool_result turns (is_error for the denial)', async () => {
    const requests = await turn('anthropic:claude-haiku-4-5', anthropic);
    expect((requests[0]!.tools as { name: string; input_schema: unknown }[]).map((t) => t.name)).toEqual(['get_time_zone', 'delete_note', 'pick_date']);
    const last = requests[2]!.messages as { role: string; content: { type: string; tool_use_id?: string; is_error?: boolean }[] }[];
    expect(last.map((m) => m.role)).toEqual(['user', 'assistant', 'user', 'assistant', 'user']);
    expect(last[2]!.content.map((b) => [b.type, b.tool_use_id, b.is_error ?? false])).toEqual([
      ['tool_result', 'call_tz', false],
      ['tool_result', 'call_del', true],
    ]);
  });
});
