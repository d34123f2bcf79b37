import { describe, expect, it } from 'vitest';
import { followsEventId, parseEventId } from '../../src/protocol/event-id';

describe('kit event ids (issue 10 §2)', () => {
  it('parses <streamId>-<seq> and nothing else', () => {
    expect(parseEventId('7f3c2a-4')).toEqual({ streamId: '7f3c2a', seq: 4 });
    expect(parseEventId(' a_b-12 ')).toEqual({ streamId: 'a_b', seq: 12 });
    for (const other of ['0', '12', 'chatcmpl-abc', 'a-b-c', 'a-', '-1', '', undefined, null]) expect(parseEventId(other)).toBeUndefined();
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
