import { describe, expect, it } from 'vitest';
import { decodeKit } from '../../src/protocol/kit';

describe('decodeKit', () => {
  it('start becomes metadata with the stream, message and model ids', () => {
    expect(decodeKit({ event: 'start', data: '{"streamId":"s1"}' })).toEqual([
      { type: 'metadata', metadata: { streamId: 's1' } },
    ]);
  });

  it('done with and without a finish reason, and with an empty payload', () => {
    expect(decodeKit({ event: 'done', data: '{"finishReason":"length"}' })).toEqual([
      { type: 'finish', reason: 'length' },
      { type: 'done' },
    ]);
    expect(decodeKit({ event: 'done', data: '{}' })).toEqual([{ type: 'done' }]);
    expect(decodeKit({ event: 'done', data: '' })).toEqual([{ type: 'done' }]);
  });

  it('usage keeps only the counts given', () => {
    expect(decodeKit({ event: 'usage', data: '{"completionTokens":3}' })).toEqual([
      { type: 'usage', usage: { completionTokens: 3 } },
    ]);
  });

  it('an error without code or retryable', () => {
    expect(decodeKit({ event: 'error', data: '{"error":"Boom"}' })).toEqual([{ type: 'error', message: 'Boom' }]);
  });

  it('unknown and missing event names decode to nothing', () => {
    expect(decodeKit({ event: 'future-thing', data: '{}' })).toEqual([]);
    expect(decodeKit({ data: '{"token":"x"}' })).toEqual([]);
  });

  it.each([
    ['token', '{"token":"x"'],
    ['token', '{"token":5}'],
    ['token', '"x"'],
    ['tool-call-delta', '{"delta":"x"}'],
    ['finish', '{}'],
  ])('a malformed %s event (%s) is a protocol error', (event, data) => {
    expect(() => decodeKit({ event, data })).toThrow(expect.objectContaining({ code: 'protocol' }));
  });
});
