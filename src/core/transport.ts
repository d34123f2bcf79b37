/**
 * Everything about talking to the endpoint, in one place for importers (tests): request.ts (the
 * POST), http-error.ts (error responses), idle-timer.ts and the error constructors in errors.ts. The reply
 * runner (reply-runner.ts) is what uses them.
 */
export { openStream, type StreamRequest } from './request';
export { httpError, serverMessage } from './http-error';
export { DEFAULT_IDLE_TIMEOUT, idleTimer } from './idle-timer';
export { droppedError, errorText, readError, serverError } from '../shared/errors';
