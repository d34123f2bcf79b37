import { AIStreamError } from '../shared/errors';
import { decodeGenericEvent, isUnnamedEvent } from './generic-json';
import { parseEventJSON, serverErrorPart } from './parse-json';
import type { Decoder, StreamPart, ToolCallKey } from './parts';
import { usagePart } from './usage';

/** Event names of the kit's own protocol (docs/protocol.md). */
export const KIT_EVENT_NAMES: ReadonlySet<string> = new Set([
  'start',
  'token',
  'reasoning',
  'reasoning-signature',
  'tool-call-start',
  'tool-call-delta',
  'tool-call-end',
  'tool-result',
  'source',
  'data',
  'step-start',
  'usage',
  'metadata',
  'finish',
  'error',
  'done',
]);

/**
 * Decodes one event of the kit's own SSE protocol. Unknown event names decode to nothing.
 * Unnamed events (the kit never sends them) are a hand-written route's generic JSON
 * (`data: {"token":"…"}`, `data: [DONE]`; see generic-json.ts).
 */
export const decodeKit: Decoder = (sseEvent) => {
  if (isUnnamedEvent(sseEvent)) return decodeGenericEvent(sseEvent) ?? [];
  const { event = '', data: json } = sseEvent;
  if (!KIT_EVENT_NAMES.has(event)) return [];
  // `done` may come with an empty payload: its name already says everything.
  if (event === 'done' && !json.trim()) return [{ type: 'done' }];
  const malformed = (problem: string) =>
    new AIStreamError('protocol', `Malformed kit "${event}" event (${problem}): ${json.slice(0, 100)}`);
  const data = parseEventJSON(json, `kit "${event}"`) as Record<string, unknown>;
  if (data === null || typeof data !== 'object' || Array.isArray(data)) throw malformed('data is not a JSON object');
  const text = (field: string): string => {
    const value = data[field];
    if (typeof value !== 'string') throw malformed(`"${field}" is not a string`);
    return value;
  };
  const key = (): ToolCallKey => {
    const value = data.key;
    if (typeof value !== 'string' && typeof value !== 'number') throw malformed('"key" is not a string or number');
    return value;
  };
  switch (event) {
    case 'token':
      return [{ type: 'text-delta', delta: text('token') }];
    case 'reasoning':
      return [{ type: 'reasoning-delta', delta: text('token') }];
    case 'reasoning-signature': {
      const part: StreamPart = { type: 'reasoning-signature' };
      for (const field of ['signature', 'redactedData', 'itemId', 'encryptedContent'] as const) if (data[field] !== undefined) part[field] = text(field);
      return [part];
    }
    case 'tool-call-start': {
      const part: StreamPart = { type: 'tool-call-start', key: key(), id: text('id'), name: text('name') };
      if (data.providerExecuted === true) part.providerExecuted = true;
      return [part];
    }
    case 'tool-result': {
      const part: StreamPart = { type: 'tool-result', id: text('id'), output: data.output };
      if (data.errorText !== undefined) part.errorText = text('errorText');
      return [part];
    }
    case 'source': {
      const part: StreamPart = { type: 'source', id: text('id') };
      for (const field of ['url', 'title', 'citedText', 'fileId'] as const) if (data[field] !== undefined) part[field] = text(field);
      if (typeof data.documentIndex === 'number') part.documentIndex = data.documentIndex;
      return [part];
    }
    case 'data': {
      const part: StreamPart = { type: 'data', name: text('name'), data: data.data };
      if (data.id !== undefined) part.id = text('id');
      return [part];
    }
    case 'step-start':
      return [{ type: 'step-start' }];
    case 'tool-call-delta':
      return [{ type: 'tool-call-delta', key: key(), delta: text('delta') }];
    case 'tool-call-end': {
      const part: StreamPart = { type: 'tool-call-end', key: key() };
      if (typeof data.args === 'string') part.args = data.args;
      return [part];
    }
    case 'start': {
      const metadata: Record<string, unknown> = {};
      for (const field of ['streamId', 'messageId', 'model', 'resumable']) if (data[field] !== undefined) metadata[field] = data[field];
      return [{ type: 'metadata', metadata }];
    }
    case 'usage':
      return [usagePart(data.promptTokens, data.completionTokens, data.totalTokens)];
    case 'metadata':
      return [{ type: 'metadata', metadata: data }];
    case 'finish':
      return [{ type: 'finish', reason: text('reason') }];
    case 'error':
      return [serverErrorPart(data.error, data.code, data.retryable)];
    default: // done, which may carry the finish reason so a server can end a reply with one event
      return typeof data.finishReason === 'string'
        ? [{ type: 'finish', reason: data.finishReason }, { type: 'done' }]
        : [{ type: 'done' }];
  }
};
