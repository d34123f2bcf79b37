import { AIStreamError } from '../core/errors';
import { eventTooLargeError } from './buffer-limit';
import { NO_EVENTS, type ChunkReader, type DecodedEvent } from './chunk-reader';
import { detectJSONDialect, type JSONDialect } from './detect-format';
import { objectDecoderFor, type ObjectDecoder } from './decoders';
import { parseEventJSON } from './parse-json';

const LF = '\n';
const CR = 13;
/** RFC 7464 (application/json-seq) starts every record with a Record Separator. */
const RS = 0x1e;

/**
 * Reads newline-delimited JSON (also JSON Lines and json-seq). The dialect is recognised from
 * the first line. NDJSON has no end marker, so the end of the body ends the reply.
 */
export function createNDJSONReader(maxBufferSize: number): ChunkReader {
  /** The unfinished last line of the text so far. */
  let pending = '';
  let decode: ObjectDecoder | undefined;
  let sawDone = false;

  function decodeLine(line: string, events: DecodedEvent[]): void {
    if (line.length > maxBufferSize) throw eventTooLargeError(maxBufferSize);
    let start = 0;
    let end = line.length;
    if (line.charCodeAt(start) === RS) start++;
    if (line.charCodeAt(end - 1) === CR) end--;
    const json = start === 0 && end === line.length ? line : line.slice(start, end);
    if (json.trim() === '') return;
    const value = parseEventJSON(json, 'NDJSON');
    if (decode === undefined) decode = objectDecoderFor(detectDialect(value, json));
    const parts = decode(value);
    if (parts.length > 0 && parts[parts.length - 1]!.type === 'done') sawDone = true;
    events.push({ parts, raw: json });
  }

  return {
    push(text) {
      let lineEnd = text.indexOf(LF);
      if (lineEnd === -1) {
        pending += text;
        if (pending.length > maxBufferSize) throw eventTooLargeError(maxBufferSize);
        return NO_EVENTS;
      }
      const events: DecodedEvent[] = [];
      decodeLine(pending + text.slice(0, lineEnd), events);
      let lineStart = lineEnd + 1;
      while ((lineEnd = text.indexOf(LF, lineStart)) !== -1) {
        decodeLine(text.slice(lineStart, lineEnd), events);
        lineStart = lineEnd + 1;
      }
      pending = text.slice(lineStart);
      if (pending.length > maxBufferSize) throw eventTooLargeError(maxBufferSize);
      return events;
    },
    end() {
      const events: DecodedEvent[] = [];
      // The last line needs no newline after it.
      decodeLine(pending, events);
      pending = '';
      // Some dialects (Responses, Anthropic) end with their own `done`; don't repeat it.
      if (!sawDone) events.push({ parts: [{ type: 'done' }], raw: '' });
      return events;
    },
  };
}

function detectDialect(value: unknown, line: string): JSONDialect {
  const dialect = detectJSONDialect(value);
  if (dialect === undefined) {
    throw new AIStreamError('protocol', `Could not recognise the NDJSON stream's format from its first line: ${line.slice(0, 100)}`);
  }
  return dialect;
}
