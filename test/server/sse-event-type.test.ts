/** Issue 10 §5: `SSEEventType` as the reference's types section shows it, typed and at run time. */
import { describe, expect, expectTypeOf, it } from 'vitest';
import { KIT_EVENT_NAMES } from '../../src/protocol/kit';
import { SSEEventType, StreamingResponse, type KitEventName } from '../../src/server/index';
import { serveNode } from './support/node-server';
import { readWire } from './support/sse';

describe('SSEEventType', () => {
  it('has the reference members with their wire names (checked by tsc too)', () => {
    // The reference (seed 004, "Types") declares exactly these six.
    const reference: Record<'START' | 'TOKEN' | 'USAGE' | 'ERROR' | 'METADATA' | 'DONE', string> = {
      START: 'start',
      TOKEN: 'token',
      USAGE: 'usage',
      ERROR: 'error',
      METADATA: 'metadata',
      DONE: 'done',
    };
    for (const [member, name] of Object.entries(reference)) {
      expect(SSEEventType[member as keyof typeof reference]).toBe(name);
    }
    // An enum, as the reference declares it: members are types too, and assignable to the enum.
    expectTypeOf(SSEEventType.TOKEN).toExtend<SSEEventType>();
    expectTypeOf<SSEEventType.ERROR>().not.toEqualTypeOf<SSEEventType.TOKEN>();
    expectTypeOf<`${SSEEventType.DONE}`>().toEqualTypeOf<'done'>();
    expectTypeOf<KitEventName>().toEqualTypeOf<
      | 'start'
      | 'token'
      | 'reasoning'
      | 'reasoning-signature'
      | 'tool-call-start'
      | 'tool-call-delta'
      | 'tool-call-end'
      | 'tool-result'
      | 'source'
      | 'data'
      | 'step-start'
      | 'usage'
      | 'metadata'
      | 'finish'
      | 'error'
      | 'done'
    >();
  });

  it('names exactly the events the client decoder reads', () => {
    expect(new Set(Object.values(SSEEventType))).toEqual(new Set(KIT_EVENT_NAMES));
  });

  it('matches what StreamingResponse writes', async () => {
    const server = await serveNode((_req, res) => {
      new StreamingResponse(res).sendToken('hi').sendUsage({ promptTokens: 1, completionTokens: 1 }).sendMetadata({ a: 1 }).sendError('x').end();
    });
    try {
      const { events } = await readWire((await fetch(server.url())).body);
      expect(events.map((e) => e.event)).toEqual([
        SSEEventType.START,
        SSEEventType.TOKEN,
        SSEEventType.USAGE,
        SSEEventType.METADATA,
        SSEEventType.ERROR,
        SSEEventType.DONE,
      ]);
    } finally {
      await server.close();
    }
  });
});
