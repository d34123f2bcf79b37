import { kitReply as kitEvents } from '../helpers/fixtures';
import type { Step } from '../helpers/server';

/** A kit reply (usage: 3 prompt tokens + one per token) with `gap` ms between token events. */
export function kitReply(tokens: string[], gap = 0): Step[] {
  const events = kitEvents(tokens, { usage: { promptTokens: 3, completionTokens: tokens.length, totalTokens: 3 + tokens.length } });
  // events: start, one per token, usage, finish, done
  return gap ? events.flatMap((event, i) => (i >= 1 && i <= tokens.length ? [event, gap] : [event])) : events;
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
