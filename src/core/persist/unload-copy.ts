/**
 * A copy of the chat record written synchronously to this tab's `sessionStorage` on `pagehide`.
 * IndexedDB (and any async storage) may drop a write started while the page unloads; the copy
 * survives a reload of the same tab, and the restore uses it when it is newer than the stored
 * record. Only over a record that exists: a chat deleted meanwhile is not brought back.
 */
const PREFIX = 'ai-stream-kit:unload:';

export function keepUnloadCopy(id: string, record: unknown): void {
  try {
    globalThis.sessionStorage.setItem(PREFIX + id, JSON.stringify(record));
  } catch {
    // No sessionStorage (blocked, full, not a browser): the stored record is used, as before.
  }
}

/** The copy the last page left for `id`, if it is newer than `stored`; the copy is removed either way. */
export function takeUnloadCopy(id: string, stored: unknown): unknown {
  let copy: unknown;
  try {
    const text = globalThis.sessionStorage.getItem(PREFIX + id);
    if (text === null) return undefined;
    globalThis.sessionStorage.removeItem(PREFIX + id);
    copy = JSON.parse(text);
  } catch {
    return undefined;
  }
  // Equal times count as newer: the copy is taken at pagehide, after every save this page made,
  // and a save and the pagehide often fall in the same millisecond.
  return updatedAt(copy) >= updatedAt(stored) && stored !== undefined ? copy : undefined;
}

function updatedAt(record: unknown): number {
  const value = (record as { updatedAt?: unknown } | undefined)?.updatedAt;
  return typeof value === 'number' ? value : -Infinity;
}
