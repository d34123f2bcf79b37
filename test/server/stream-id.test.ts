/** The stream-id rule on real node:http routes with the memory store (cases in support/stream-id-cases.ts). */
import { describe, expect, it } from 'vitest';
import { createMemoryResumeStore } from '../../src/server/index';
import { isStreamId, parseEventId } from '../../src/server/stream-id';
import { streamIdCases } from './support/stream-id-cases';

describe('isStreamId', () => {
  it('accepts 1 to 128 letters, digits and _ only', () => {
    for (const id of ['a', 'A_9', 'a'.repeat(128), '3f9a0c2e71b4d855']) expect(isStreamId(id), id).toBe(true);
    for (const id of ['', 'a'.repeat(129), 'a-b', 'a.b', 'a b', 'ä', undefined, null, 12]) expect(isStreamId(id), String(id)).toBe(false);
  });
  it("the server's parseEventId takes only ids whose stream id passes it", () => {
    expect(parseEventId(`${'a'.repeat(128)}-4`)).toEqual({ streamId: 'a'.repeat(128), seq: 4 });
    expect(parseEventId(`${'a'.repeat(129)}-4`)).toBeUndefined();
  });
});

streamIdCases('memory store', async () => createMemoryResumeStore());
