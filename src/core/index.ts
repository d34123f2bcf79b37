export { AIStream } from './ai-stream';
export { streamChunks } from './stream-chunks';
export { sendCancelRequest, type CancelRequestConfig } from './cancel-request';
export { AIStreamError, isAbortError, type AIStreamErrorCode, type AIStreamErrorInit } from './errors';
export { applyPart, applyParts, reduceReply, startReply, type ReplyState, type ToolCallKeys } from './reducer';
export { retryDelay, DEFAULT_RETRY } from './retry';
export { buildRequestBody } from './request-body';
export { Emitter } from './emitter';
export type * from './types';
