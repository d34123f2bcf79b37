/**
 * Issue 11: the client tool loop of AIStream against fake providers that validate every request
 * like the real APIs (a tool result without its call is a 400), for each wire format.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AIStream, type ClientTools } from '../../src/core';
import type { ToolCallPart } from '../../src/core/message-parts';
import { startStrictAnthropic } from '../server/fixtures/strict/strict-anthropic';
import { startStrictOpenAIChat } from '../server/fixtures/strict/strict-openai-chat';
import { startStrictResponses } from '../server/fixtures/strict/strict-responses';
import type { FakeProvider } from '../server/fixtures/strict/fake-provider';

const providers = [
  { protocol: 'openai-chat', start: startStrictOpenAIChat, path: '/chat/completions' },
  { protocol: 'openai-responses', start: startStrictResponses, path: '/responses' },
  { protocol: 'anthropic', start: startStrictAnthropic, path: '/v1/messages' },
] as const;

const object = (properties: Record<string, unknown> = {}) => ({ type: 'object', properties });

/** The app's tools; `calls` records every execute. */
function agentTools(calls: string[]): ClientTools {
  return {
    get_time: {
      description: "Time in the user's browser",
      parameters: object({ timeZone: { type: 'string' } }),
      execute: async (args: { timeZone: string }, { signal, toolCall }) => {
        calls.push(toolCall.id);
        expect(signal.aborted).toBe(false);
        return { time: `12:00 ${args.timeZone}` };
      },
    },
    get_weather: {
      description: 'Weather in a city',
      parameters: object({ city: { type: 'string' } }),
      execute: async ({ city }: { city: string }, { toolCall }) => {
        calls.push(toolCall.id);
        return { city, celsius: 21 };
      },
    },
    delete_note: {
      description: 'Deletes a note',
      parameters: object({ id: { type: 'number' } }),
      needsApproval: true,
      execute: async ({ id }: { id: number }, { toolCall }) => {
        calls.push(toolCall.id);
        return { deleted: id };
      },
    },
    flaky: {
      description: 'Always fails',
      parameters: object(),
      execute: async (_args, { toolCall }) => {
        calls.push(toolCall.id);
        throw new Error('disk on fire');
      },
    },
    pick_date: { description: 'Asks the user for a date', parameters: object() },
  };
}

/** Plays the user: approves note 1, denies note 2, picks a date — each once, as the UI would. */
function playUser(stream: AIStream): void {
  const handled = new Set<string>();
  stream.subscribe(() => {
    for (const message of stream.getSnapshot().messages) {
      for (const part of message.parts ?? []) {
        if (part.type !== 'tool-call' || handled.has(part.id)) continue;
        if (part.state === 'approval-requested') {
          handled.add(part.id);
          if ((part.args as { id: number }).id === 1) stream.approveToolCall(part.id);
          else stream.denyToolCall(part.id, 'Keep that note');
        } else if (part.name === 'pick_date' && part.state === 'input-available') {
          handled.add(part.id);
          stream.addToolResult(part.id, { date: '2026-12-24' });
        }
      }
    }
  });
}

describe.each(providers)('tool loop over $protocol', ({ protocol, start, path }) => {
  let fake: FakeProvider;
  beforeAll(async () => {
    fake = await start();
  });
  afterAll(() => fake.close());
  const client = (tools: ClientTools, extra: Partial<ConstructorParameters<typeof AIStream>[0]> = {}) =>
    new AIStream({ endpoint: `${fake.url}${path}`, protocol, model: 'model-x', tools, retry: { maxRetries: 2, initialDelay: 1, maxDelay: 2 }, ...extra });

  it('runs a 4-step turn: parallel executes, approval, denial, a thrown execute, a result from the UI', async () => {
    fake.requests.length = 0;
    fake.script(
      { text: 'Checking.', toolCalls: [
        { id: 'call_t', name: 'get_time', args: { timeZone: 'UTC' } },
        { id: 'call_w', name: 'get_weather', args: { city: 'Oslo' } },
      ] },
      { toolCalls: [
        { id: 'call_d1', name: 'delete_note', args: { id: 1 } },
        { id: 'call_d2', name: 'delete_note', args: { id: 2 } },
        { id: 'call_f', name: 'flaky', args: {} },
      ] },
      { toolCalls: [{ id: 'call_p', name: 'pick_date', args: {} }] },
      { text: 'All done.' },
    );
    const executed: string[] = [];
    const stream = client(agentTools(executed));
    playUser(stream);
    await stream.send('Plan my day');

    expect(fake.rejections).toEqual([]);
    expect(fake.requests).toHaveLength(4);
    expect(executed.sort()).toEqual(['call_d1', 'call_f', 'call_t', 'call_w']); // each once; call_d2 denied
    const [, reply] = stream.getMessages();
    expect(stream.getMessages()).toHaveLength(2); // all steps in one assistant message
    expect(reply!.content).toBe('Checking.All done.');
    expect(reply!.status).toBe('complete');
    expect(reply!.parts!.filter((p) => p.type === 'step-start')).toHaveLength(3);
    const calls = Object.fromEntries(reply!.parts!.filter((p): p is ToolCallPart => p.type === 'tool-call').map((p) => [p.id, p]));
    expect(calls.call_t).toMatchObject({ state: 'output-available', output: { time: '12:00 UTC' } });
    expect(calls.call_w).toMatchObject({ state: 'output-available', output: { city: 'Oslo', celsius: 21 } });
    expect(calls.call_d1).toMatchObject({ state: 'output-available', output: { deleted: 1 } });
    expect(calls.call_d2).toMatchObject({ state: 'output-denied', denialReason: 'Keep that note' });
    expect(calls.call_f).toMatchObject({ state: 'output-error', errorText: 'disk on fire' });
    expect(calls.call_p).toMatchObject({ state: 'output-available', output: { date: '2026-12-24' } });
    // The requests carried the tools in the provider's shape and every result back.
    const [first, second, third, last] = fake.requests.map((body) => JSON.stringify(body));
    expect(first).toContain('get_time');
    expect(first).toContain(protocol === 'anthropic' ? '"input_schema"' : '"type":"function"');
    expect(second).toContain('12:00 UTC');
    expect(third).toContain('disk on fire');
    expect(third).toContain('Keep that note');
    expect(last).toContain('2026-12-24');
    // Usage sums over the 4 steps.
    const usage = reply!.usage!;
    expect(usage.totalTokens).toBeGreaterThan(0);
    expect(stream.getUsage()).toEqual(usage);
  });

  it('a retried step never runs a tool twice nor duplicates parts', async () => {
    fake.requests.length = 0;
    fake.script(
      { toolCalls: [{ id: 'call_1', name: 'get_time', args: { timeZone: 'CET' } }] },
      { fail: { status: 500, message: 'Internal error', type: 'api_error' } },
      { text: 'Noon.' },
    );
    const executed: string[] = [];
    const stream = client(agentTools(executed));
    await stream.send('Time?');
    expect(executed).toEqual(['call_1']);
    const reply = stream.getMessages()[1]!;
    expect(reply.parts!.map((p) => p.type)).toEqual(['tool-call', 'step-start', 'text']);
    expect(reply.content).toBe('Noon.');
    expect(fake.requests).toHaveLength(3);
    expect(fake.requests[2]).toEqual(fake.requests[1]); // the retry repeats the step's request
  });

  it('calls of tools the client does not know end the turn without waiting; onToolCall may answer', async () => {
    fake.script({ toolCalls: [{ id: 'call_x', name: 'server_only', args: {} }] });
    const stream = client(agentTools([]));
    await stream.send('Do the server thing');
    expect(stream.getMessages()[1]!.parts).toEqual([
      { type: 'tool-call', id: 'call_x', name: 'server_only', argsText: '{}', args: {}, state: 'input-available' },
    ]);

    fake.script({ toolCalls: [{ id: 'call_y', name: 'lookup', args: { q: 'kit' } }] }, { text: 'Found it.' });
    const answering = client({}, { onToolCall: (call) => (call.name === 'lookup' ? Promise.resolve({ hits: 3 }) : undefined) });
    await answering.send('Look it up');
    const reply = answering.getMessages()[1]!;
    expect(reply.parts![0]).toMatchObject({ id: 'call_y', state: 'output-available', output: { hits: 3 } });
    expect(reply.content).toBe('Found it.');
  });
});

describe('stop() during a tool run', () => {
  it('aborts the execute signal, ends the turn with nothing more sent, and send() resolves', async () => {
    const fake = await startStrictOpenAIChat();
    try {
      fake.script({ toolCalls: [{ id: 'call_slow', name: 'slow', args: {} }] });
      let seen: AbortSignal | undefined;
      const stream = new AIStream({
        endpoint: `${fake.url}/chat/completions`,
        protocol: 'openai-chat',
        model: 'm',
        tools: {
          slow: {
            execute: (_args, { signal }) => {
              seen = signal;
              queueMicrotask(() => stream.stop());
              return new Promise((_resolve, reject) => signal.addEventListener('abort', () => reject(new Error('aborted'))));
            },
          },
        },
      });
      await stream.send('Go');
      expect(seen?.aborted).toBe(true);
      expect(fake.requests).toHaveLength(1);
      const reply = stream.getMessages()[1]!;
      expect(reply.status).toBe('aborted');
      expect(reply.parts![0]).toMatchObject({ state: 'output-error', errorText: 'Stopped before the tool finished' });
      expect(stream.getIsStreaming()).toBe(false);
    } finally {
      await fake.close();
    }
  });
});

describe('maxSteps and approved tools without execute', () => {
  it('stops asking after maxSteps requests; an approved tool without execute runs in the UI (addToolResult)', async () => {
    const fake = await startStrictOpenAIChat();
    try {
      const again = { toolCalls: [{ id: 'call_again', name: 'get_time', args: { timeZone: 'UTC' } }] };
      fake.script({ ...again }, { toolCalls: [{ id: 'call_again2', name: 'get_time', args: { timeZone: 'UTC' } }] });
      const executed: string[] = [];
      const limited = new AIStream({ endpoint: `${fake.url}/chat/completions`, protocol: 'openai-chat', model: 'm', tools: agentTools(executed), maxSteps: 2 });
      await limited.send('Loop forever');
      expect(fake.requests).toHaveLength(2); // a third request would hit an empty script (500)
      expect(executed).toEqual(['call_again', 'call_again2']);
      expect(limited.getMessages()[1]!.parts!.map((p) => p.type)).toEqual(['tool-call', 'step-start', 'tool-call']);

      fake.script({ toolCalls: [{ id: 'call_form', name: 'confirm_form', args: {} }] }, { text: 'Sent.' });
      const states: string[] = [];
      const stream = new AIStream({
        endpoint: `${fake.url}/chat/completions`,
        protocol: 'openai-chat',
        model: 'm',
        tools: { confirm_form: { needsApproval: true } },
      });
      stream.subscribe(() => {
        const part = stream.getSnapshot().messages[1]?.parts?.[0];
        if (part?.type !== 'tool-call' || states.at(-1) === part.state) return;
        states.push(part.state);
        if (part.state === 'approval-requested') stream.approveToolCall(part.id);
        if (part.state === 'running') stream.addToolResult(part.id, { sent: true });
      });
      await stream.send('Send the form');
      // (input-streaming may not be seen: subscribers hear once per network chunk.)
      expect(states.slice(states.indexOf('input-available'))).toEqual(['input-available', 'approval-requested', 'running', 'output-available']);
      expect(stream.getMessages()[1]!.content).toBe('Sent.');
      expect(fake.rejections).toEqual([]);
    } finally {
      await fake.close();
    }
  });
});

describe('reset() mid-turn', () => {
  it('while a call waits for approval: the turn ends, nothing more is sent, the chat is empty', async () => {
    const fake = await startStrictOpenAIChat();
    try {
      fake.script({ toolCalls: [{ id: 'call_del', name: 'delete_note', args: { id: 3 } }] });
      const executed: string[] = [];
      const stream = new AIStream({ endpoint: `${fake.url}/chat/completions`, protocol: 'openai-chat', model: 'm', tools: agentTools(executed) });
      stream.subscribe(() => {
        const part = stream.getSnapshot().messages[1]?.parts?.[0];
        if (part?.type === 'tool-call' && part.state === 'approval-requested') queueMicrotask(() => stream.reset());
      });
      await stream.send('Delete note 3');
      expect(stream.getMessages()).toEqual([]);
      expect(stream.getIsStreaming()).toBe(false);
      stream.approveToolCall('call_del'); // too late: no turn, nothing runs
      expect(executed).toEqual([]);
      expect(fake.requests).toHaveLength(1);
    } finally {
      await fake.close();
    }
  });
});

describe('Anthropic with extended thinking', () => {
  it('keeps the signed thinking block and sends it back first, as the API requires in a tool loop', async () => {
    const fake = await startStrictAnthropic();
    try {
      fake.script(
        { reasoning: { text: 'Need the time.', signature: 'sig-1' }, toolCalls: [{ id: 'toolu_1', name: 'get_time', args: { timeZone: 'UTC' } }] },
        { text: 'It is noon.' },
      );
      const stream = new AIStream({
        endpoint: `${fake.url}/v1/messages`,
        protocol: 'anthropic',
        model: 'claude-x',
        tools: agentTools([]),
        retry: { maxRetries: 0 },
      });
      await stream.send('Time?', { body: { max_tokens: 4096, thinking: { type: 'enabled', budget_tokens: 2048 } } });
      expect(fake.rejections).toEqual([]);
      const reply = stream.getMessages()[1]!;
      expect(reply.parts![0]).toEqual({ type: 'reasoning', text: 'Need the time.', signature: 'sig-1' });
      expect(reply.content).toBe('It is noon.');
      const assistantTurn = (fake.requests[1]!.messages as { role: string; content: { type: string; signature?: string }[] }[])[1]!;
      expect(assistantTurn.content[0]).toMatchObject({ type: 'thinking', signature: 'sig-1' });
    } finally {
      await fake.close();
    }
  });
});
