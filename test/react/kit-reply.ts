import { sse, type Step } from '../helpers/server';

/** A kit-protocol reply: start, one token event per string (with `gap` ms between), usage, done. */
export function kitReply(tokens: string[], gap = 0, streamId = 's'): Step[] {
  let seq = 0;
  const id = () => `${streamId}-${++seq}`;
  const steps: Step[] = [sse({ streamId }, { event: 'start', id: id() })];
  for (const token of tokens) {
    steps.push(sse({ token }, { event: 'token', id: id() }));
    if (gap) steps.push(gap);
  }
  steps.push(sse({ promptTokens: 3, completionTokens: tokens.length, totalTokens: 3 + tokens.length }, { event: 'usage', id: id() }));
  steps.push(sse({ finishReason: 'stop' }, { event: 'done', id: id() }));
  return steps;
}

/**
 * Runs `fn` with React's act() environment off, so commits are scheduled exactly as in an app
 * (React 18's act() holds every update back until its scope ends, which hides render counts).
 */
export async function outsideAct<T>(fn: () => Promise<T>): Promise<T> {
  const scope = globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean };
  const previous = scope.IS_REACT_ACT_ENVIRONMENT;
  scope.IS_REACT_ACT_ENVIRONMENT = false;
  try {
    const result = await fn();
    await new Promise((resolve) => setTimeout(resolve, 50));
    return result;
  } finally {
    scope.IS_REACT_ACT_ENVIRONMENT = previous;
  }
}
