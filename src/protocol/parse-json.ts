import { AIStreamError } from '../shared/errors';
import type { StreamPart } from './parts';

/**
 * JSON.parse that reports undecodable input as a protocol error quoting the first 100
 * characters. Dropping a bad event would silently lose text, so we fail loudly instead.
 */
export function parseEventJSON(data: string, label: string): unknown {
  try {
    return JSON.parse(data);
  } catch (cause) {
    throw new AIStreamError('protocol', `Could not parse ${label} event as JSON: ${data.slice(0, 100)}`, { cause });
  }
}

/**
 * An `error` part from what a server sent: its message (or a generic one), and the code and
 * retryable flag when they have the right type.
 */
export function serverErrorPart(message: unknown, code?: unknown, retryable?: unknown): StreamPart {
  const text = typeof message === 'string' && message ? message : 'The server reported an error';
  const part: StreamPart = { type: 'error', message: text };
  if (typeof code === 'string') part.code = code;
  if (typeof retryable === 'boolean') part.retryable = retryable;
  return part;
}
