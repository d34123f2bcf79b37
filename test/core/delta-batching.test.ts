import { describe, expect, it } from 'vitest';
import { AIStream, applyParts, type Message } from '../../src/core';
import { createAssistantMessage } from '../../src/core/message';
import { decodeAnthropic, type StreamPart } from '../../src/protocol';

// AIStream folds the text/reasoning deltas of one network chunk in one reducer step when no
// token/reasoning listener could see them one by one (Reply.held in src/core/ai-stream.ts). These tests pin
// what must not change: the message, the events, and stop() from a token listener.

const sse = (data: Record<string, unknown>) => `event: ${data.type as string}\ndata: ${JSON.stringify(data)}\n\n`;
const delta = (index: number, d: Record<string, unknown>) => sse({ type: 'content_block_delta', index, delta: d });

/** An Anthropic reply with thinking, text, a tool call and usage. */
const EVENTS = [
  sse({ type: 'message_start', message: { id: 'msg_1', model: 'claude', role: 'assistant', usage: { input_tokens: 7, output_tokens: 1 } } }),
  sse({ type: 'content_block_start', index: 0, content_block: { type: 'thinking', thinking: '' } }),
  delta(0, { type: 'thinking_delta', thinking: 'Let me ' }),
  delta(0, { type: 'thinking_delta', thinking: 'think.' }),
  delta(0, { type: 'signature_delta', signature: 'sig' }),
  sse({ type: 'content_block_stop', index: 0 }),
  sse({ type: 'content_block_start', index: 1, content_block: { type: 'text', text: '' } }),
  delta(1, { type: 'text_delta', text: 'Hel' }),
  delta(1, { type: 'text_delta', text: 'lo' }),
  delta(1, { type: 'text_delta', text: '' }),
  delta(1, { type: 'text_delta', text: ' there' }),
  sse({ type: 'content_block_stop', index: 1 }),
  sse({ type: 'content_block_start', index: 2, content_block: { type: 'tool_use', id: 'toolu_1', name: 'weather', input: {} } }),
  delta(2, { type: 'input_json_delta', partial_json: '{"city":' }),
  delta(2, { type: 'input_json_delta', partial_json: '"Oslo"}' }),
  sse({ type: 'content_block_stop', index: 2 }),
  sse({ type: 'message_delta', delta: { stop_reason: 'tool_use' }, usage: { output_tokens: 12 } }),
  sse({ type: 'message_stop' }),
];

/** A stream whose fetch answers with `chunks`, each one network chunk. */
function streamOver(chunks: string[], config: Partial<ConstructorParameters<typeof AIStream>[0]> = {}) {
  const fetch = async () => {
    let i = 0;
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (i < chunks.length) controller.enqueue(new TextEncoder().encode(chunks[i++]));
        else controller.close();
      },
    });
    return new Response(body, { headers: { 'content-type': 'text/event-stream' } });
  };
  return new AIStream({ endpoint: 'http://127.0.0.1:9/chat', protocol: 'anthropic', fetch, retry: { maxRetries: 0 }, ...config });
}

/** What the reply folded to (ids and times differ between messages). */
const stateOf = ({ content, reasoning, parts, toolCalls, usage, finishReason, status }: Message) => ({ content, reasoning, parts, toolCalls, usage, finishReason, status });

const decoded: StreamPart[] = EVENTS.flatMap((text) => {
  const [name, data] = text.trim().split('\n').map((line) => line.slice(line.indexOf(' ') + 1));
  return decodeAnthropic({ event: name, data: data!, id: undefined });
});

describe('AIStream: deltas of one network chunk', () => {
  it('fold to the same message as part by part, in one chunk or one event per chunk', async () => {
    const expected = stateOf(applyParts(createAssistantMessage(), decoded));
    expect(expected.content).toBe('Hello there');
    for (const chunks of [[EVENTS.join('')], EVENTS]) {
      const stream = streamOver(chunks);
      let changes = 0;
      stream.on('change', () => changes++);
      await stream.send('Weather?');
      expect(stateOf(stream.getMessages()[1]!)).toEqual(expected);
      expect(changes).toBeGreaterThan(0);
    }
  });

  it('still emit one token / reasoning event per delta, in order, with the message up to that delta', async () => {
    const seen: string[] = [];
    const stream = streamOver([EVENTS.join('')]);
    stream.on('reasoning', (text) => seen.push(`reasoning ${text} | ${stream.getMessages()[1]!.reasoning}`));
    stream.on('token', (text) => seen.push(`token ${text} | ${stream.getMessages()[1]!.content}`));
    stream.on('tool-call', (call) => seen.push(`tool-call ${call.name} | ${stream.getMessages()[1]!.content}`));
    await stream.send('Weather?');
    expect(seen).toEqual([
      'reasoning Let me  | Let me ',
      'reasoning think. | Let me think.',
      'token Hel | Hel',
      'token lo | Hello',
      'token  there | Hello there',
      'tool-call weather | Hello there',
    ]);
  });

  it('fold the deltas before an error event of the same chunk into the failed message', async () => {
    const error = sse({ type: 'error', error: { type: 'invalid_request_error', message: 'Bad' } });
    const stream = streamOver([EVENTS.slice(0, 10).join('') + error]);
    await expect(stream.send('Weather?')).rejects.toMatchObject({ code: 'server' });
    const message = stream.getMessages()[1]!;
    expect(message).toMatchObject({ status: 'error', content: 'Hello', reasoning: 'Let me think.' });
  });

  it('keep the text a token listener stopped at', async () => {
    const stream = streamOver([EVENTS.join('')]);
    let tokens = 0;
    stream.on('token', () => {
      if (++tokens === 2) stream.stop();
    });
    await stream.send('Weather?');
    expect(stream.getMessages()[1]).toMatchObject({ status: 'aborted', content: 'Hello' });
  });
});
