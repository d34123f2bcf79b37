import type { ChatStorage } from './storage';

/**
 * Chats deleted in this page (through `deleteChat` / `useChatList().remove`), per storage, and the
 * save each chat has running. A delete waits for that save and every later save checks the mark
 * right before it writes, so a chat deleted while open is not brought back by its last save
 * (e.g. the one on unmount). A new `persistChat` for the id (the user opens it again) clears it.
 */
interface StorageState {
  deleted: Set<string>;
  saving: Map<string, Promise<unknown>>;
}

const states = new WeakMap<ChatStorage, StorageState>();

function stateOf(storage: ChatStorage): StorageState {
  let state = states.get(storage);
  if (!state) states.set(storage, (state = { deleted: new Set(), saving: new Map() }));
  return state;
}

export function isDeleted(storage: ChatStorage, id: string): boolean {
  return states.get(storage)?.deleted.has(id) ?? false;
}

/** Marks the chat deleted; resolves when the save it had running (if any) is over. */
export async function markDeleted(storage: ChatStorage, id: string): Promise<void> {
  const state = stateOf(storage);
  state.deleted.add(id);
  await state.saving.get(id)?.catch(() => {});
}

/** `saving` settles when every save queued so far for the chat has. */
export function trackSaving(storage: ChatStorage, id: string, saving: Promise<unknown>): void {
  stateOf(storage).saving.set(id, saving);
}

export function forgetDeletion(storage: ChatStorage, id: string): void {
  states.get(storage)?.deleted.delete(id);
}
