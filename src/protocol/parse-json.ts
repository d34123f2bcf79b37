import { AIStreamError } from '../core/errors';

/** How much of a bad payload goes into the error message: enough to recognise it, never a whole body. */
const PREVIEW_LENGTH = 100;

/**
 * JSON.parse that reports undecodable input as a protocol error. Dropping a bad event would
 * silently lose text, so we fail loudly instead.
 */
export function parseEventJSON(data: string, label: string): unknown {
  try {
    return JSON.parse(data);
  } catch (cause) {
    throw new AIStreamError('protocol', `Could not parse ${label} event as JSON: ${data.slice(0, PREVIEW_LENGTH)}`, {
      cause,
    });
  }
}
