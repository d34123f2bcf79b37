import { describe, expect, it } from 'vitest';
import { AIStreamError } from '../../src/core';
import { openReply, type ReplyFolder } from '../../src/core/reply-reader';
import type { StreamPart } from '../../src/protocol';

/** A body that delivers each string as one network chunk, then closes (or stays open). */
function body(chunks: string[], { close = true } = {}): { stream: ReadableStream<Uint8Array>; cancelled: () => boolean } {
  let cancelled = false;
  let i = 0;
  const stream = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (i < chunks.length) controller.enqueue(new TextEncoder().encode(chunks[i++]));
      else if (close) controller.close();
    },
    cancel() {
      cancelled = true;
    },
  });
  return { stream, cancelled: () => cancelled };
}

const kit = (event: string, data: unknown, id?: string) => `${id ? `id: ${id}\n` : ''}event: ${event}\ndata: ${JSON.stringify(data)}\n\n`;

/** A folder that records every call and hands out each event's part types. */
function recorder(finished = false) {
  const calls: string[] = [];
  const folder: ReplyFolder<string> = {
    begin: (event) => void calls.push(`begin ${event.id ?? '-'}`),
    part: (part: StreamPart) => (calls.push(part.type), part.type === 'done'),
    event: (event) => event.parts.map((p) => p.type).join('+'),
    finished: () => finished,
  };
  return { calls, folder };
}

async function read(stream: ReadableStream<Uint8Array>, folder: ReplyFolder<string>) {
  const batches: string[][] = [];
  let error: unknown;
  const reply = openReply(stream, { protocol: 'kit' }, folder);
  try {
    for (let batch; (batch = await reply.next()); ) batches.push(batch);
  } catch (caught) {
    error = caught;
  } finally {
    reply.cancel(); // what its callers do however they stop
  }
  return { batches, error };
}

describe('openReply: the loop AIStream and streamChunks share', () => {
  it('yields one batch per network chunk and stops at done, cancelling the rest of the body', async () => {
    const { stream, cancelled } = body(
      [kit('token', { token: 'Hel' }, 's-1') + kit('token', { token: 'lo' }, 's-2'), kit('done', {}, 's-3'), kit('token', { token: 'late' }, 's-4')],
      { close: false },
    );
    const { calls, folder } = recorder();
    const { batches, error } = await read(stream, folder);
    expect(error).toBeUndefined();
    expect(batches).toEqual([['text-delta', 'text-delta'], ['done']]);
    expect(calls).toEqual(['begin s-1', 'text-delta', 'begin s-2', 'text-delta', 'begin s-3', 'done']);
    expect(cancelled()).toBe(true);
  });

  it('hands out the events before an error event, then throws it as a server error', async () => {
    const { stream } = body([kit('token', { token: 'a' }) + kit('error', { error: 'overloaded', code: 'busy' }) + kit('token', { token: 'b' })]);
    const { calls, folder } = recorder();
    const { batches, error } = await read(stream, folder);
    expect(batches).toEqual([['text-delta']]);
    expect(calls).toEqual(['begin -', 'text-delta', 'begin -']);
    expect(error).toBeInstanceOf(AIStreamError);
    expect(error).toMatchObject({ code: 'server', message: 'overloaded', serverCode: 'busy' });
  });

  it('a body that ends before the reply finished is a dropped connection; after a finish it is complete', async () => {
    const cut = await read(body([kit('token', { token: 'a' })]).stream, recorder(false).folder);
    expect(cut.error).toMatchObject({ code: 'network', retryable: true });
    const finished = await read(body([kit('token', { token: 'a' })]).stream, recorder(true).folder);
    expect(finished.error).toBeUndefined();
    expect(finished.batches).toEqual([['text-delta']]);
  });

  it('passes errors of the body itself through untouched (the caller maps them)', async () => {
    const broken = new Error('socket hang up');
    const stream = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(new TextEncoder().encode(kit('token', { token: 'a' })));
        controller.error(broken);
      },
    });
    const { error } = await read(stream, recorder().folder);
    expect(error).toBe(broken);
  });
});
