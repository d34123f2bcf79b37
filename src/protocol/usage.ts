import type { StreamPart, Usage } from './parts';

/**
 * Builds a usage part holding only the counts the source gave (a missing count is unknown,
 * not zero). The total is computed when the source gives both halves but no total.
 */
export function usagePart(prompt: unknown, completion: unknown, total?: unknown): StreamPart {
  const usage: Partial<Usage> = {};
  if (typeof prompt === 'number') usage.promptTokens = prompt;
  if (typeof completion === 'number') usage.completionTokens = completion;
  if (typeof total === 'number') usage.totalTokens = total;
  else if (typeof prompt === 'number' && typeof completion === 'number') usage.totalTokens = prompt + completion;
  return { type: 'usage', usage };
}
