import type { ResumableEvent } from '../resume-store';

/**
 * Redis stream entries ⇄ kit events. Entry ids are `0-<seq>`: the event's sequence number is the
 * id, so XADD rejects a duplicate or out-of-order event, and `XRANGE (0-<seq>` / `XREAD 0-<seq>`
 * read exactly what follows a `Last-Event-ID`.
 */
export const entryId = (seq: number): string => `0-${seq}`;

const text = (value: unknown): string => (typeof value === 'string' ? value : String(value));

/** One raw entry (`[id, [field, value, ...]]`, the same in RESP2 and RESP3) as an event. */
function toEvent(raw: unknown): ResumableEvent | undefined {
  if (!Array.isArray(raw) || raw.length < 2 || !Array.isArray(raw[1])) return undefined;
  const seq = Number(text(raw[0]).split('-')[1]);
  const fields = raw[1] as unknown[];
  let event: string | undefined;
  let data: string | undefined;
  for (let i = 0; i + 1 < fields.length; i += 2) {
    const name = text(fields[i]);
    if (name === 'event') event = text(fields[i + 1]);
    else if (name === 'data') data = text(fields[i + 1]);
  }
  if (!Number.isSafeInteger(seq) || event === undefined || data === undefined) return undefined;
  return { seq, event, data };
}

/** XRANGE / XREVRANGE reply → events (entries this store did not write are skipped). */
export function parseEntries(reply: unknown): ResumableEvent[] {
  if (!Array.isArray(reply)) return [];
  const events: ResumableEvent[] = [];
  for (const raw of reply) {
    const event = toEvent(raw);
    if (event) events.push(event);
  }
  return events;
}

/**
 * XREAD reply → entries per key. RESP2 answers `[[key, entries], ...]`, RESP3 a map (an object,
 * or a `Map` with a type mapping); a timeout answers null.
 */
export function parseXRead(reply: unknown): Map<string, unknown[]> {
  const byKey = new Map<string, unknown[]>();
  if (reply === null || reply === undefined) return byKey;
  const pairs: [unknown, unknown][] =
    reply instanceof Map
      ? [...reply.entries()]
      : Array.isArray(reply)
        ? reply.map((pair) => (Array.isArray(pair) ? [pair[0], pair[1]] : [undefined, undefined]))
        : Object.entries(reply as Record<string, unknown>);
  for (const [key, entries] of pairs) {
    if (key !== undefined && Array.isArray(entries)) byKey.set(text(key), entries);
  }
  return byKey;
}
