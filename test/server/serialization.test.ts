/** Issue 10 §4: a write whose data JSON cannot hold must not use up a sequence number. */
import { afterEach, describe, expect, it } from 'vitest';
import { StreamingResponse, createMemoryResumeStore, type ResumableEvent } from '../../src/server/index';
import { serveNode, type NodeServer } from './support/node-server';
import { assertKitFraming, readWire } from './support/sse';

let server: NodeServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function collect(events: AsyncIterable<ResumableEvent> | undefined): Promise<ResumableEvent[]> {
  const all: ResumableEvent[] = [];
  for await (const event of events ?? []) all.push(event);
  return all;
}

describe('a send whose data cannot be serialised', () => {
  it('throws a clear error, sends nothing, and leaves no gap in ids or in the resume store', async () => {
    const store = createMemoryResumeStore();
    const thrown: unknown[] = [];
    let streamId = '';
    server = await serveNode((_req, res) => {
      const stream = new StreamingResponse(res, { resumeStore: store });
      streamId = stream.streamId;
      stream.sendToken('a');
      const cyclic: Record<string, unknown> = {};
      cyclic.self = cyclic;
      for (const bad of [{ tokens: 1n }, cyclic]) {
        try {
          stream.sendMetadata(bad);
        } catch (error) {
          thrown.push(error);
        }
      }
      stream.sendToken('b');
      stream.end();
    });
    const { events } = await readWire((await fetch(server.url())).body);

    expect(thrown).toHaveLength(2);
    for (const error of thrown) {
      expect(error).toBeInstanceOf(TypeError);
      expect((error as Error).message).toMatch(/Cannot send the "metadata" event: its data is not JSON-serialisable/);
    }
    expect(events.map((e) => e.event)).toEqual(['start', 'token', 'token', 'done']);
    assertKitFraming(events); // ids 1, 2, 3, 4: no gap

    // A client that saw only `start` resumes from the store and reaches `done`.
    const resumed = await collect(store.read(streamId, 1, new AbortController().signal));
    expect(resumed.map((e) => [e.seq, e.event])).toEqual([
      [2, 'token'],
      [3, 'token'],
      [4, 'done'],
    ]);
  });

  it('does not open the response when the very first send fails', async () => {
    server = await serveNode((_req, res) => {
      const stream = new StreamingResponse(res);
      expect(() => stream.sendMetadata({ big: 2n })).toThrow(TypeError);
      expect(stream.getMessageCount()).toBe(0);
      expect(stream.lastEventId).toBeUndefined();
      stream.sendToken('ok').end();
    });
    const { events } = await readWire((await fetch(server.url())).body);
    expect(events.map((e) => [e.id?.replace(/^\w+-/, ''), e.event])).toEqual([
      ['1', 'start'],
      ['2', 'token'],
      ['3', 'done'],
    ]);
  });
});
