export { AIStream } from './ai-stream';
export { streamChunks } from './stream-chunks';
export { AIStreamError, isAbortError, type AIStreamErrorCode, type AIStreamErrorInit } from './errors';
export { applyPart, applyParts, reduceReply, startReply, type ReplyState, type ToolCallKeys } from './reducer';
export { buildRequestBody } from './request-body';
export type * from './types';
