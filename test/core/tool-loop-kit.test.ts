/** Issue 11: the client tool loop against a kit endpoint; the request carries messages with parts and the tool definitions. */
import { describe, expect, it } from 'vitest';
import { AIStream } from '../../src/core';
import type { MessagePart } from '../../src/core/message-parts';
import { StreamingResponse } from '../../src/server/index';
import { serveNode } from '../server/support/node-server';

interface KitBody {
  messages: { role: string; content: string; parts?: MessagePart[] }[];
  tools?: Record<string, { description?: string; parameters?: unknown }>;
}

describe('tool loop over the kit protocol', () => {
  it('runs the browser tool, sends its result as parts, and the server finishes the turn', async () => {
    const bodies: KitBody[] = [];
    const server = await serveNode(async (req, res) => {
      let text = '';
      for await (const chunk of req) text += chunk;
      const body = JSON.parse(text) as KitBody;
      bodies.push(body);
      const stream = new StreamingResponse(res);
      if (bodies.length === 1) {
        stream.sendToken('Let me look.').sendToolCallStart(0, 'call_tz', 'get_time_zone').sendToolCallDelta(0, '{}').sendToolCallEnd(0);
        stream.sendUsage({ promptTokens: 5, completionTokens: 2 }).sendFinish('tool_calls').end();
        return;
      }
      const call = body.messages.at(-1)!.parts!.find((part) => part.type === 'tool-call');
      const zone = call?.type === 'tool-call' && call.state === 'output-available' ? (call.output as { zone: string }).zone : '?';
      stream.sendToken(`You are in ${zone}.`).sendUsage({ promptTokens: 9, completionTokens: 4 }).sendFinish('stop').end();
    });
    try {
      const stream = new AIStream({
        endpoint: server.url(),
        protocol: 'kit',
        tools: {
          get_time_zone: {
            description: "The browser's time zone",
            parameters: { type: 'object', properties: {} },
            execute: () => ({ zone: 'Europe/Oslo' }),
          },
        },
      });
      await stream.send('Where am I?');
      expect(bodies).toHaveLength(2);
      expect(bodies[0]!.tools).toEqual({ get_time_zone: { description: "The browser's time zone", parameters: { type: 'object', properties: {} } } });
      expect(bodies[1]!.messages.map((m) => m.role)).toEqual(['user', 'assistant']);
      expect(bodies[1]!.messages[1]!.parts).toEqual([
        { type: 'text', text: 'Let me look.' },
        { type: 'tool-call', id: 'call_tz', name: 'get_time_zone', argsText: '{}', args: {}, state: 'output-available', output: { zone: 'Europe/Oslo' } },
      ]);
      const reply = stream.getMessages()[1]!;
      expect(reply.content).toBe('Let me look.You are in Europe/Oslo.');
      expect(reply.usage).toEqual({ promptTokens: 14, completionTokens: 6, totalTokens: 20 });
      expect(reply.parts!.map((p) => p.type)).toEqual(['text', 'tool-call', 'step-start', 'text']);
    } finally {
      await server.close();
    }
  });
});
