/**
 * Issue 10 §4: the memory resume store keeps to its documented bound — maxStreams ×
 * maxBytesPerStream of heap, per-event overhead included, and no event kept beyond the bound
 * whatever its size. Measured in a child `node --expose-gc` (heap after a full GC); the check is
 * against the bound itself, with 10% for GC noise, not against a time.
 */
import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { createMemoryResumeStore, type ResumableEvent } from '../../src/server/index';

const script = new URL('./support/measure-resume-store.ts', import.meta.url).pathname;

function measure(scenario: string): { held: number; bound: number; streams: number } {
  const output = execFileSync(process.execPath, ['--expose-gc', '--import', 'tsx', script, scenario], { encoding: 'utf8' });
  return JSON.parse(output.trim().split('\n').at(-1)!);
}

describe('createMemoryResumeStore memory', () => {
  it.each(['ascii', 'cjk', 'huge'])('%s events: the heap it holds stays within maxStreams × maxBytesPerStream', (scenario) => {
    const { held, bound, streams } = measure(scenario);
    expect(streams).toBe(40);
    expect(held).toBeLessThanOrEqual(bound * 1.1);
  }, 60_000);

  it('an event larger than maxBytesPerStream is not kept; a reader behind it ends instead of skipping it', async () => {
    const store = createMemoryResumeStore({ maxBytesPerStream: 4096 });
    const event = (seq: number, token: string): ResumableEvent => ({ seq, event: 'token', data: JSON.stringify({ token }) });
    store.append('s', event(1, 'a'));
    const reader = store.read('s', 1, new AbortController().signal)![Symbol.asyncIterator]();
    const next = reader.next();
    store.append('s', event(2, 'x'.repeat(10_000)));
    expect(await next).toEqual({ done: true, value: undefined });
    // Resumable only after the dropped event.
    expect(store.read('s', 1, new AbortController().signal)).toBeUndefined();
    store.append('s', event(3, 'b'));
    const after: number[] = [];
    for await (const e of store.read('s', 2, AbortSignal.timeout(1000)) ?? []) {
      after.push(e.seq);
      if (e.seq === 3) break;
    }
    expect(after).toEqual([3]);
  });
});
