import { describe, expect, it } from 'vitest';
import * as root from '../../src/index';
import * as react from '../../src/react/index';
import * as server from '../../src/server/index';

/** Levenshtein distance, enough for short identifiers. */
function distance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      current[j] = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    previous = current;
  }
  return previous[b.length]!;
}

describe('the public entries', () => {
  it('the root exports what users need and no internals', () => {
    const names = Object.keys(root).sort();
    for (const name of ['AIStream', 'streamChunks', 'AIStreamError', 'isAbortError', 'decodeBody', 'detectFormat', 'buildRequestBody', 'reduceReply', 'startReply', 'applyPart', 'applyParts']) {
      expect(names).toContain(name);
    }
    // Internals: the event emitter base class, retry internals, the per-object and non-streaming decoders.
    for (const name of ['Emitter', 'DEFAULT_RETRY', 'retryDelay', 'decodeOpenAIChatChunk', 'decodeOpenAIResponsesEvent', 'decodeAnthropicEvent', 'decodeOllamaChunk', 'decodeOpenAIResponse', 'decodeOpenAIChatCompletion', 'decodeAnthropicMessage']) {
      expect(names).not.toContain(name);
    }
    // The single-event decoders live in one place: one per SSE format.
    expect(names.filter((name) => name.startsWith('decode'))).toEqual(['decodeAnthropic', 'decodeBody', 'decodeKit', 'decodeOpenAIChat', 'decodeOpenAIResponses']);
  });

  it('no two exports (of any entry) differ by one letter', () => {
    // The one allowed pair: the same fold over one part and over a list of parts.
    const allowed = new Set(['applyPart / applyParts']);
    const names = [...new Set([root, react, server].flatMap((entry) => Object.keys(entry)))];
    const close: string[] = [];
    for (let i = 0; i < names.length; i++) {
      for (let j = i + 1; j < names.length; j++) {
        const pair = [names[i]!, names[j]!].sort().join(' / ');
        if (distance(names[i]!.toLowerCase(), names[j]!.toLowerCase()) <= 1 && !allowed.has(pair)) close.push(pair);
      }
    }
    expect(close).toEqual([]);
  });
});
