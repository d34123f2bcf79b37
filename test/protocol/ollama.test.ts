import { describe, expect, it } from 'vitest';
import { decodeOllamaChunk } from '../../src/protocol/ollama';

describe('decodeOllamaChunk', () => {
  it('/api/generate lines put text and thinking at the top level', () => {
    expect(decodeOllamaChunk({ model: 'm', response: 'Hi', thinking: 'hm', done: false })).toEqual([
      { type: 'reasoning-delta', delta: 'hm' },
      { type: 'text-delta', delta: 'Hi' },
    ]);
  });

  it('tool calls arrive whole', () => {
    const line = {
      message: {
        role: 'assistant',
        content: '',
        tool_calls: [{ function: { name: 'get_weather', arguments: { city: 'Toronto' } } }],
      },
      done: false,
    };
    expect(decodeOllamaChunk(line)).toEqual([
      { type: 'tool-call-start', key: 0, id: '', name: 'get_weather' },
      { type: 'tool-call-end', key: 0, args: '{"city":"Toronto"}' },
    ]);
  });

  it('done_reason passes through; counts only when given', () => {
    expect(decodeOllamaChunk({ message: { content: '' }, done: true, done_reason: 'length' })).toEqual([
      { type: 'finish', reason: 'length' },
    ]);
  });

  it('an error line is an error part', () => {
    expect(decodeOllamaChunk({ error: 'model "x" not found' })).toEqual([
      { type: 'error', message: 'model "x" not found' },
    ]);
  });
});
