/**
 * The network side of a reply: the request (`buildRequestBody`, `openStream`), the body
 * decoder (`decodeBody`, with eventsource-parser, the kit decoder and format detection) and
 * the reducer that folds the decoded parts into the message (`reduceReply`).
 * AIStream loads this module on demand, starting when the first AIStream is created, so an
 * app's initial bundle holds only the conversation state and the hooks; by the time someone
 * sends a message it has arrived.
 */
export { reduceReply } from './reducer';
export { buildRequestBody } from './request-body';
export { openStream } from './request';
export { decodeBody } from '../protocol/decode-body';
