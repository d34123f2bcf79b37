/** Issue 11: the kit events for server-run tools, sources, data parts and step boundaries, from writer to AIStream. */
import { describe, expect, it } from 'vitest';
import { AIStream } from '../../src/core';
import type { MessagePart } from '../../src/core/message-parts';
import { SSEEventType, StreamingResponse } from '../../src/server/index';
import { serveNode } from './support/node-server';
import { assertKitFraming, readWire } from './support/sse';

/** A server-side agent step: it runs a search, cites it, shows a card, then goes on in a second step. */
function writeAgentReply(stream: StreamingResponse): void {
  stream
    .sendToolCallStart(0, 'call_s', 'search', { providerExecuted: true })
    .sendToolCallDelta(0, '{"q":"kits"}')
    .sendToolCallEnd(0)
    .sendToolResult('call_s', { hits: 2 })
    .sendUsage({ promptTokens: 10, completionTokens: 3 })
    .sendStepStart()
    .sendToken('Kits stream')
    .sendSource({ id: 'src_1', url: 'https://example.com/kits', title: 'Kits' })
    .sendData('weather', { temp: 20 }, 'w1')
    .sendData('weather', { temp: 21 }, 'w1')
    .sendToolCallStart(0, 'call_f', 'fetch', { providerExecuted: true })
    .sendToolCallEnd(0, '{}')
    .sendToolResult('call_f', undefined, 'Timed out')
    .sendUsage({ promptTokens: 20, completionTokens: 4 })
    .sendFinish('stop')
    .end();
}

describe('kit events for parts', () => {
  it('StreamingResponse writes them with the documented names and framing', async () => {
    const server = await serveNode((_req, res) => writeAgentReply(new StreamingResponse(res)));
    try {
      const { events } = await readWire((await fetch(server.url())).body);
      assertKitFraming(events);
      const names = events.map((e) => e.event);
      for (const name of [SSEEventType.TOOL_RESULT, SSEEventType.SOURCE, SSEEventType.DATA, SSEEventType.STEP_START]) expect(names).toContain(name);
      const data = (name: string) => events.filter((e) => e.event === name).map((e) => JSON.parse(e.data) as unknown);
      expect(data('tool-result')).toEqual([{ id: 'call_s', output: { hits: 2 } }, { id: 'call_f', errorText: 'Timed out' }]);
      expect(data('source')).toEqual([{ id: 'src_1', url: 'https://example.com/kits', title: 'Kits' }]);
      expect(data('data')).toEqual([{ name: 'weather', data: { temp: 20 }, id: 'w1' }, { name: 'weather', data: { temp: 21 }, id: 'w1' }]);
      expect(data('step-start')).toEqual([{}]);
      expect(data('tool-call-start')[0]).toEqual({ key: 0, id: 'call_s', name: 'search', providerExecuted: true });
      // Usage after the boundary is the new step's own (no carry-over of step 1's counts).
      expect(data('usage')).toEqual([
        { promptTokens: 10, completionTokens: 3, totalTokens: 13 },
        { promptTokens: 20, completionTokens: 4, totalTokens: 24 },
      ]);
    } finally {
      await server.close();
    }
  });

  it('AIStream folds them into parts in stream order, usage summed over the steps', async () => {
    const server = await serveNode((_req, res) => writeAgentReply(new StreamingResponse(res)));
    try {
      const stream = new AIStream({ endpoint: server.url(), protocol: 'kit' });
      await stream.send('Tell me about kits');
      const [, reply] = stream.getMessages();
      expect(reply!.parts).toEqual<MessagePart[]>([
        { type: 'tool-call', id: 'call_s', name: 'search', argsText: '{"q":"kits"}', args: { q: 'kits' }, state: 'output-available', output: { hits: 2 }, providerExecuted: true },
        { type: 'step-start' },
        { type: 'text', text: 'Kits stream' },
        { type: 'source', id: 'src_1', url: 'https://example.com/kits', title: 'Kits' },
        { type: 'data', name: 'weather', id: 'w1', data: { temp: 21 } },
        { type: 'tool-call', id: 'call_f', name: 'fetch', argsText: '{}', args: {}, state: 'output-error', errorText: 'Timed out', providerExecuted: true },
      ]);
      expect(reply).toMatchObject({ content: 'Kits stream', status: 'complete', finishReason: 'stop' });
      expect(reply!.usage).toEqual({ promptTokens: 30, completionTokens: 7, totalTokens: 37 });
      expect(stream.getUsage()).toEqual({ promptTokens: 30, completionTokens: 7, totalTokens: 37 });
    } finally {
      await server.close();
    }
  });
});
