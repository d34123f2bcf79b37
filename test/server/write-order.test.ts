/**
 * WriteOrder: the least-recently-written order the memory store (maxStreams, ttlMs) and the
 * Redis store (forgetting abandoned producers) rely on, checked against a plain re-inserted Map.
 */
import { describe, expect, it } from 'vitest';
import { createMemoryResumeStore, type ResumableEvent } from '../../src/server/index';
import { WriteOrder } from '../../src/server/write-order';

const keysOf = (order: WriteOrder<number>): string[] => {
  const copy = new WriteOrder<number>();
  const keys: string[] = [];
  // Drain a copy rebuilt through the public API: oldest() then delete() must walk the order.
  for (let oldest = order.oldest(); oldest; oldest = order.oldest()) {
    keys.push(oldest.key);
    copy.write(oldest.key, oldest.value);
    order.delete(oldest.key);
  }
  for (const key of keys) order.write(key, copy.get(key)!);
  return keys;
};

describe('WriteOrder', () => {
  it('keeps entries least recently written first, like a Map re-inserted on every write', () => {
    const order = new WriteOrder<number>();
    const reference = new Map<string, number>();
    let seed = 7;
    const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    for (let step = 0; step < 5000; step++) {
      const key = `k${Math.floor(random() * 40)}`;
      if (random() < 0.15) {
        order.delete(key);
        reference.delete(key);
      } else {
        order.write(key, step);
        reference.delete(key);
        reference.set(key, step);
      }
      expect(order.size).toBe(reference.size);
      expect(order.oldest()?.key).toBe(reference.keys().next().value);
    }
    expect(keysOf(order)).toEqual([...reference.keys()]);
    for (const [key, value] of reference) expect(order.get(key)).toBe(value);
  });

  it('writing the newest entry again keeps the order; deleting the only entry empties it', () => {
    const order = new WriteOrder<number>();
    order.write('a', 1);
    order.write('b', 2);
    order.write('b', 3);
    expect(keysOf(order)).toEqual(['a', 'b']);
    expect(order.get('b')).toBe(3);
    order.delete('a');
    order.delete('b');
    order.delete('missing');
    expect(order.size).toBe(0);
    expect(order.oldest()).toBeUndefined();
    order.write('c', 4);
    expect(keysOf(order)).toEqual(['c']);
  });
});

describe('memory store: expiry and eviction follow the write order across many interleaved streams', () => {
  const token = (seq: number): ResumableEvent => ({ seq, event: 'token', data: '{"token":"x"}' });

  it('streams written in turn expire exactly ttlMs after their own last event, oldest first', () => {
    let now = 0;
    const store = createMemoryResumeStore({ ttlMs: 1000, maxStreams: 1000, now: () => now });
    const signal = new AbortController().signal;
    // 300 streams written round-robin (each write re-orders them), then stream i stops at time i.
    for (let round = 1; round <= 5; round++) for (let i = 0; i < 300; i++) store.append(`s${i}`, token(round));
    for (let i = 0; i < 300; i++) {
      now = i;
      store.append(`s${i}`, token(6));
    }
    now = 1000 + 149; // s0 … s149 expired (last event at 0 … 149), s150 … s299 not yet
    expect(store.size).toBe(150);
    expect(store.read('s149', 0, signal)).toBeUndefined();
    expect(store.read('s150', 0, signal)).toBeDefined();
    // Eviction takes the least recently written: fill up to maxStreams and one more.
    for (let i = 0; i < 851; i++) store.append(`new${i}`, token(1));
    expect(store.size).toBe(1000);
    expect(store.read('s150', 0, signal)).toBeUndefined();
    expect(store.read('s151', 0, signal)).toBeDefined();
  });
});
