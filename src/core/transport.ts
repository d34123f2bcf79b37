/**
 * Everything about talking to the endpoint, in one place for importers. The pieces live apart
 * so that AIStream's always-loaded part does not pull in the request code, which it loads on
 * demand (see connection.ts): request.ts (the POST and error responses), idle-timer.ts and the
 * error constructors in errors.ts.
 */
export { openStream, httpError, serverMessage, type StreamRequest } from './request';
export { DEFAULT_IDLE_TIMEOUT, idleTimer } from './idle-timer';
export { droppedError, errorText, readError, serverError } from './errors';
