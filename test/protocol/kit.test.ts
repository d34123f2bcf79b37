import { describe, expect, it } from 'vitest';
import { decodeKit } from '../../src/protocol/kit';

describe('decodeKit', () => {
  it('start becomes metadata with the stream, message and model ids', () => {
    expect(decodeKit({ event: 'start', data: '{"streamId":"s1"}' })).toEqual([
      { type: 'metadata', metadata: { streamId: 's1' } },
    ]);
    // `resumable`: the server records the reply, so Stop sends the cancel request.
    expect(decodeKit({ event: 'start', data: '{"streamId":"s1","resumable":true,"other":1}' })).toEqual([
      { type: 'metadata', metadata: { streamId: 's1', resumable: true } },
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

  it('unknown event names decode to nothing; unnamed events are generic JSON (issue 10 §1)', () => {
    expect(decodeKit({ event: 'future-thing', data: '{}' })).toEqual([]);
    expect(decodeKit({ data: '{"token":"x"}' })).toEqual([{ type: 'text-delta', delta: 'x' }]);
    expect(decodeKit({ event: 'message', data: '{"content":"y"}' })).toEqual([{ type: 'text-delta', delta: 'y' }]);
    expect(decodeKit({ data: '[DONE]' })).toEqual([{ type: 'done' }]);
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
