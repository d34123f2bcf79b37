/**
 * Records what an AIStream emits, in order, as `name` or `name:detail` strings plus the raw
 * arguments, so tests can assert sequences. 'change' is left out unless asked for.
 */
import type { AIStream, AIStreamEvents } from '../../src/core';

const EVENTS: (keyof AIStreamEvents)[] = [
  'message',
  'streaming-start',
  'token',
  'reasoning',
  'tool-call',
  'usage',
  'finish',
  'streaming-end',
  'error',
  'retry',
  'restart',
  'resume',
  'status',
  'reset',
  'change',
];

export interface Recording {
  /** Event names in order ('status' events as 'status:<value>', 'message' as 'message:<role>'). */
  names: string[];
  /** Arguments of every event of that name, in order. */
  args(name: keyof AIStreamEvents): unknown[][];
}

export function record(stream: AIStream, options: { change?: boolean } = {}): Recording {
  const names: string[] = [];
  const calls: Array<[keyof AIStreamEvents, unknown[]]> = [];
  for (const name of EVENTS) {
    if (name === 'change' && !options.change) continue;
    stream.on(name, ((...args: unknown[]) => {
      calls.push([name, args]);
      const first = args[0] as { role?: string } | string | undefined;
      if (name === 'status') names.push(`status:${String(first)}`);
      else if (name === 'message') names.push(`message:${(first as { role: string }).role}`);
      else names.push(name);
    }) as never);
  }
  return { names, args: (name) => calls.filter(([n]) => n === name).map(([, args]) => args) };
}
