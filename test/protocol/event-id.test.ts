import { describe, expect, it } from 'vitest';
import { followsEventId, isStreamId, parseEventId } from '../../src/protocol/event-id';

describe('kit event ids (issue 10 §2)', () => {
  it('parses <streamId>-<seq> and nothing else', () => {
    expect(parseEventId('7f3c2a-4')).toEqual({ streamId: '7f3c2a', seq: 4 });
    expect(parseEventId(' a_b-12 ')).toEqual({ streamId: 'a_b', seq: 12 });
    for (const other of ['0', '12', 'chatcmpl-abc', 'a-b-c', 'a-', '-1', '', undefined, null]) expect(parseEventId(other)).toBeUndefined();
  });

  it('takes stream ids of 1 to 128 characters only, the rule every server path checks', () => {
    const longest = 'a'.repeat(128);
    expect(parseEventId(`${longest}-7`)).toEqual({ streamId: longest, seq: 7 });
    expect(parseEventId(`${longest}a-7`)).toBeUndefined(); // no kit server chose it: it names no stream
    expect(followsEventId(`${longest}a-1`, `${longest}a-2`)).toBe(false);
    expect(isStreamId(longest)).toBe(true);
    for (const other of [`${longest}a`, '', 'a-b', 'a b', 'ü', 7, undefined]) expect(isStreamId(other)).toBe(false);
  });

  it('only the next seq of the same stream follows', () => {
    expect(followsEventId('s1-3', 's1-4')).toBe(true);
    expect(followsEventId('s1-3', 's1-3')).toBe(false); // a replay of the same event
    expect(followsEventId('s1-3', 's1-5')).toBe(false); // a gap: events were lost
    expect(followsEventId('s1-3', 's2-4')).toBe(false); // another stream
    expect(followsEventId('s1-3', 's2-1')).toBe(false); // a fresh reply's start
    expect(followsEventId('3', '4')).toBe(false); // a provider's own numbering proves nothing
    expect(followsEventId(undefined, 's1-1')).toBe(false);
    expect(followsEventId('s1-3', undefined)).toBe(false);
  });
});
