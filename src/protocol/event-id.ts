/**
 * Kit event ids are `<streamId>-<seq>` (docs/protocol.md): the stream id the server chose for
 * the reply and the event's position in it, from 1 without gaps. Stream ids also go into store
 * keys and cancel URLs, so they are 1 to 128 letters, digits and `_`: the one rule the client
 * and every server path (writer, resume, cancel, Redis store) check.
 */
const STREAM_ID_PATTERN = '[A-Za-z0-9_]{1,128}';
const STREAM_ID = new RegExp(`^${STREAM_ID_PATTERN}$`);
const KIT_EVENT_ID = new RegExp(`^(${STREAM_ID_PATTERN})-(\\d{1,15})$`);

export function isStreamId(value: unknown): value is string {
  return typeof value === 'string' && STREAM_ID.test(value);
}

/**
 * Parses a kit event id (or a `Last-Event-ID` header holding one); undefined for anything else,
 * including an id whose stream id no kit server could have chosen (too long, say): such an id
 * names no stream, so it never reaches a store nor a cancel request.
 */
export function parseEventId(value: string | null | undefined): { streamId: string; seq: number } | undefined {
  if (!value) return undefined;
  const match = KIT_EVENT_ID.exec(value.trim());
  if (!match) return undefined;
  return { streamId: match[1]!, seq: Number(match[2]) };
}

/**
 * True only when `next` is provably the event right after `previous`: both are kit ids of the
 * same stream and `next` has the next sequence number. What a resumed response starts with;
 * a fresh reply (a new stream id, a `start` at seq 1, a provider's own ids) never does.
 */
export function followsEventId(previous: string | undefined, next: string | undefined): boolean {
  const before = parseEventId(previous);
  const after = parseEventId(next);
  return !!before && !!after && before.streamId === after.streamId && after.seq === before.seq + 1;
}
