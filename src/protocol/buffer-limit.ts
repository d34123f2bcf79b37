import { AIStreamError } from '../shared/errors';

/** One event may hold at most this many characters unless the caller says otherwise. */
export const DEFAULT_MAX_BUFFER_SIZE = 1_048_576;

export function eventTooLargeError(maxBufferSize: number): AIStreamError {
  return new AIStreamError('protocol', `An event exceeded maxBufferSize (${maxBufferSize} characters)`);
}
