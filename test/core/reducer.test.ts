import { describe, expect, it } from 'vitest';
import { applyPart, applyParts, reduceReply, startReply, type Message, type ReplyState } from '../../src/core';
import type { StreamPart } from '../../src/protocol';
import { decodeAnthropicEvent } from '../../src/protocol/anthropic';

const empty = (): Message => ({ id: 'a1', role: 'assistant', content: '', timestamp: 1, status: 'streaming' });

describe('applyPart', () => {
  it('appends text and reasoning, returning a new message without touching the old one', () => {
    const start = empty();
    const one = applyPart(start, { type: 'text-delta', delta: 'Hel' });
    const two = applyPart(one, { type: 'text-delta', delta: 'lo' });
    const three = applyPart(two, { type: 'reasoning-delta', delta: 'think' });
    expect(three).toMatchObject({ content: 'Hello', reasoning: 'think' });
    expect(start.content).toBe('');
    expect(one.content).toBe('Hel');
    expect(two).not.toHaveProperty('reasoning');
  });

  it('returns the same object when nothing changes', () => {
    const start = empty();
    expect(applyPart(start, { type: 'text-delta', delta: '' })).toBe(start);
    expect(applyPart(start, { type: 'error', message: 'x' })).toBe(start);
    expect(applyPart(start, { type: 'tool-call-delta', key: 9, delta: '{}' })).toBe(start); // never started
  });

  it('builds parallel tool calls by key and parses their arguments on end', () => {
    const parts: StreamPart[] = [
      { type: 'tool-call-start', key: 'item_a', id: 'call_a', name: 'search' },
      { type: 'tool-call-start', key: 'item_b', id: 'call_b', name: 'fetch' },
      { type: 'tool-call-delta', key: 'item_b', delta: '{"url":' },
      { type: 'tool-call-delta', key: 'item_a', delta: '{"q":"x"}' },
      { type: 'tool-call-delta', key: 'item_b', delta: '"u"}' },
      { type: 'tool-call-end', key: 'item_a' },
    ];
    const state = parts.reduce(reduceReply, startReply(empty()));
    const { message } = state;
    expect(message.toolCalls).toEqual([
      { id: 'call_a', name: 'search', argsText: '{"q":"x"}', args: { q: 'x' }, state: 'complete' },
      { id: 'call_b', name: 'fetch', argsText: '{"url":"u"}', state: 'streaming' },
    ]);
    const finished = reduceReply(state, { type: 'finish', reason: 'tool_calls' }).message;
    expect(finished.toolCalls![1]).toMatchObject({ args: { url: 'u' }, state: 'complete' });
    expect(finished.toolCalls![0]).toBe(message.toolCalls![0]); // untouched calls are shared
    expect(finished.finishReason).toBe('tool_calls');
  });

  it('is pure: the key map travels in the returned state, earlier states stay as they were', () => {
    const start = startReply(empty());
    const started = reduceReply(start, { type: 'tool-call-start', key: 0, id: 'c', name: 'f' });
    const half = reduceReply(started, { type: 'tool-call-delta', key: 0, delta: '{"a":' });
    const whole = reduceReply(reduceReply(half, { type: 'tool-call-delta', key: 0, delta: '2}' }), { type: 'tool-call-end', key: 0 });
    expect(whole.message.toolCalls).toEqual([{ id: 'c', name: 'f', argsText: '{"a":2}', args: { a: 2 }, state: 'complete' }]);
    expect(start.keys.size).toBe(0);
    expect(start.message).toEqual(empty());
    expect(half.message.toolCalls).toEqual([{ id: 'c', name: 'f', argsText: '{"a":', state: 'streaming' }]);
    // Folding the same state twice gives the same result (no hidden state between calls).
    const again = reduceReply(half, { type: 'tool-call-delta', key: 0, delta: '2}' });
    expect(again.message.toolCalls![0]!.argsText).toBe('{"a":2}');
    expect(reduceReply(half, { type: 'tool-call-delta', key: 0, delta: '2}' }).message).toEqual(again.message);
  });

  it('uses the full args of tool-call-end, empty args as {}, and marks non-JSON invalid', () => {
    const message = applyParts(empty(), [
      { type: 'tool-call-start', key: 0, id: 'c0', name: 'a' },
      { type: 'tool-call-delta', key: 0, delta: '{"partial' },
      { type: 'tool-call-end', key: 0, args: '{"full":true}' },
      { type: 'tool-call-start', key: 1, id: 'c1', name: 'b' },
      { type: 'tool-call-end', key: 1 },
      { type: 'tool-call-start', key: 2, id: 'c2', name: 'c' },
      { type: 'tool-call-delta', key: 2, delta: '{"broken"' },
      { type: 'done' },
    ]);
    expect(message.toolCalls!.map(({ args, state }) => ({ args, state }))).toEqual([
      { args: { full: true }, state: 'complete' },
      { args: {}, state: 'complete' },
      { args: undefined, state: 'invalid' },
    ]);
    expect(message.toolCalls![2]!.argsText).toBe('{"broken"');
    expect(message.status).toBe('complete');
  });

  it('merges usage as absolute values and computes a missing total', () => {
    let message = applyPart(empty(), { type: 'usage', usage: { promptTokens: 10 } });
    expect(message.usage).toEqual({ promptTokens: 10, completionTokens: 0, totalTokens: 10 });
    message = applyPart(message, { type: 'usage', usage: { completionTokens: 4 } });
    expect(message.usage).toEqual({ promptTokens: 10, completionTokens: 4, totalTokens: 14 });
    message = applyPart(message, { type: 'usage', usage: { completionTokens: 6, totalTokens: 20 } });
    expect(message.usage).toEqual({ promptTokens: 10, completionTokens: 6, totalTokens: 20 });
  });

  it('recomputes a missing total from the merged counts, so a total from an earlier part does not go stale', () => {
    let message = applyPart(empty(), { type: 'usage', usage: { promptTokens: 10, completionTokens: 1, totalTokens: 11 } });
    message = applyPart(message, { type: 'usage', usage: { completionTokens: 25 } });
    expect(message.usage).toEqual({ promptTokens: 10, completionTokens: 25, totalTokens: 35 });
  });

  it("Anthropic: message_delta's output count updates the total set by message_start", () => {
    const parts = [
      ...decodeAnthropicEvent({ type: 'message_start', message: { id: 'msg_1', usage: { input_tokens: 12, output_tokens: 1 } } }),
      ...decodeAnthropicEvent({ type: 'message_delta', delta: { stop_reason: 'end_turn' }, usage: { output_tokens: 30 } }),
    ];
    expect(applyParts(empty(), parts).usage).toEqual({ promptTokens: 12, completionTokens: 30, totalTokens: 42 });
  });

  it('ignores a repeated tool-call-start for a key already started (servers that repeat the id on every chunk)', () => {
    const state = (
      [
        { type: 'tool-call-start', key: 0, id: 'call_1', name: 'lookup' },
        { type: 'tool-call-delta', key: 0, delta: '{"q":' },
        { type: 'tool-call-start', key: 0, id: 'call_1', name: 'lookup' },
        { type: 'tool-call-delta', key: 0, delta: '"x"}' },
        { type: 'tool-call-end', key: 0 },
      ] satisfies StreamPart[]
    ).reduce<ReplyState>(reduceReply, startReply(empty()));
    const { message } = state;
    expect(message.toolCalls).toEqual([{ id: 'call_1', name: 'lookup', argsText: '{"q":"x"}', args: { q: 'x' }, state: 'complete' }]);
    const again = reduceReply(state, { type: 'tool-call-start', key: 0, id: 'call_1', name: 'lookup' });
    expect(again).toBe(state); // nothing changed, not even a new object
  });

  it('merges metadata and records the finish reason', () => {
    const message = applyParts(empty(), [
      { type: 'metadata', metadata: { model: 'a', id: 1 } },
      { type: 'metadata', metadata: { model: 'b' } },
      { type: 'finish', reason: 'length' },
    ]);
    expect(message.metadata).toEqual({ model: 'b', id: 1 });
    expect(message.finishReason).toBe('length');
  });
});
