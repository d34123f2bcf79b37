import { AIStreamError } from '../core/errors';
import { parseEventJSON } from './parse-json';
import type { Decoder, SSEEvent, StreamPart, ToolCallKey } from './parts';
import { usagePart } from './usage';

/** Event names of the kit's own protocol (docs/protocol.md). */
export const KIT_EVENT_NAMES: ReadonlySet<string> = new Set([
  'start',
  'token',
  'reasoning',
  'tool-call-start',
  'tool-call-delta',
  'tool-call-end',
  'usage',
  'metadata',
  'finish',
  'error',
  'done',
]);

type KitData = Record<string, unknown>;

/** Decodes one event of the kit's own SSE protocol. Unknown event names decode to nothing. */
export const decodeKit: Decoder = (event) => {
  switch (event.event) {
    case 'token':
      return [{ type: 'text-delta', delta: stringField(event, parseData(event), 'token') }];
    case 'reasoning':
      return [{ type: 'reasoning-delta', delta: stringField(event, parseData(event), 'token') }];
    case 'tool-call-start': {
      const data = parseData(event);
      return [
        {
          type: 'tool-call-start',
          key: keyField(event, data),
          id: stringField(event, data, 'id'),
          name: stringField(event, data, 'name'),
        },
      ];
    }
    case 'tool-call-delta': {
      const data = parseData(event);
      return [{ type: 'tool-call-delta', key: keyField(event, data), delta: stringField(event, data, 'delta') }];
    }
    case 'tool-call-end': {
      const data = parseData(event);
      const part: StreamPart = { type: 'tool-call-end', key: keyField(event, data) };
      if (typeof data.args === 'string') part.args = data.args;
      return [part];
    }
    case 'start':
      return [{ type: 'metadata', metadata: startMetadata(parseData(event)) }];
    case 'usage': {
      const data = parseData(event);
      return [usagePart(data.promptTokens, data.completionTokens, data.totalTokens)];
    }
    case 'metadata':
      return [{ type: 'metadata', metadata: parseData(event) }];
    case 'finish':
      return [{ type: 'finish', reason: stringField(event, parseData(event), 'reason') }];
    case 'error':
      return [errorPart(parseData(event))];
    case 'done':
      return doneParts(event);
    default:
      return [];
  }
};

function parseData(event: SSEEvent): KitData {
  const data = parseEventJSON(event.data, `kit "${event.event}"`);
  if (data === null || typeof data !== 'object' || Array.isArray(data)) {
    throw malformed(event, 'data is not a JSON object');
  }
  return data as KitData;
}

function stringField(event: SSEEvent, data: KitData, field: string): string {
  const value = data[field];
  if (typeof value !== 'string') throw malformed(event, `"${field}" is not a string`);
  return value;
}

function keyField(event: SSEEvent, data: KitData): ToolCallKey {
  const key = data.key;
  if (typeof key !== 'string' && typeof key !== 'number') throw malformed(event, '"key" is not a string or number');
  return key;
}

function malformed(event: SSEEvent, problem: string): AIStreamError {
  return new AIStreamError('protocol', `Malformed kit "${event.event}" event (${problem}): ${event.data.slice(0, 100)}`);
}

function startMetadata(data: KitData): Record<string, unknown> {
  const metadata: Record<string, unknown> = {};
  if (data.streamId !== undefined) metadata.streamId = data.streamId;
  if (data.messageId !== undefined) metadata.messageId = data.messageId;
  if (data.model !== undefined) metadata.model = data.model;
  return metadata;
}

function errorPart(data: KitData): StreamPart {
  const part: StreamPart = {
    type: 'error',
    message: typeof data.error === 'string' ? data.error : 'The server reported an error',
  };
  if (typeof data.code === 'string') part.code = data.code;
  if (typeof data.retryable === 'boolean') part.retryable = data.retryable;
  return part;
}

/** `done` may carry the finish reason so a server can end a reply with a single event. */
function doneParts(event: SSEEvent): StreamPart[] {
  // An empty payload is tolerated: the event's name already says everything.
  if (event.data.trim() === '') return [{ type: 'done' }];
  const data = parseData(event);
  if (typeof data.finishReason === 'string') return [{ type: 'finish', reason: data.finishReason }, { type: 'done' }];
  return [{ type: 'done' }];
}
