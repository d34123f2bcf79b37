/**
 * Run by resume-store-memory.test.ts as `node --expose-gc --import tsx <this> <scenario>`: fills
 * a memory resume store far past its bounds and prints the heap it holds after a full GC.
 */
import { createMemoryResumeStore, type ResumableEvent } from '../../../src/server/index';

const gc = (globalThis as { gc?: () => void }).gc;
if (!gc) throw new Error('run with --expose-gc');

const scenario = process.argv[2] ?? 'ascii';
const maxStreams = 40;
const maxBytesPerStream = 256 * 1024;

/** Token texts as models send them: short ASCII words, CJK / emoji (two-byte strings in V8), or one huge event. */
const tokenFor: Record<string, (i: number) => string> = {
  ascii: (i) => ` w${i % 100}`,
  cjk: (i) => `字${i % 10}👋`,
  huge: (i) => (i === 0 ? 'x'.repeat(4 * maxBytesPerStream) : ` w${i % 100}`),
};
const token = tokenFor[scenario];
if (!token) throw new Error(`unknown scenario ${scenario}`);

function heapAfterGc(): number {
  gc!();
  gc!();
  return process.memoryUsage().heapUsed;
}

const before = heapAfterGc();
const store = createMemoryResumeStore({ maxStreams, maxBytesPerStream, maxEventsPerStream: 1e9, ttlMs: 3_600_000 });
const eventsPerStream = scenario === 'huge' ? 1 : 20_000;
for (let s = 0; s < maxStreams; s++) {
  const streamId = `s${s}`;
  for (let seq = 1; seq <= eventsPerStream; seq++) {
    // Built as the writer builds it: the name is a shared constant, the data a fresh string.
    const event: ResumableEvent = { seq, event: 'token', data: JSON.stringify({ token: token(seq - 1) }) };
    store.append(streamId, event);
  }
}
const held = heapAfterGc() - before;
// Keep the store alive until after the measurement.
console.log(JSON.stringify({ scenario, held, bound: maxStreams * maxBytesPerStream, streams: store.size }));
