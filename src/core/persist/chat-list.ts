import { createId } from '../message';
import { readRecord, titleOf, type ChatRecord, type ChatRecordMigration } from './chat-record';
import { chatSaved } from './saved-signal';
import type { ChatStorage } from './storage';

/** One chat as a list shows it. */
export interface ChatSummary {
  id: string;
  /** The title set with `renameChat`, else the start of the first user message. */
  title: string;
  updatedAt: number;
}

/** The chats in `storage`, newest first. Records that cannot be read are left out (and named in `unreadable`). */
export async function listChats(storage: ChatStorage, migrate?: ChatRecordMigration): Promise<{ chats: ChatSummary[]; unreadable: string[] }> {
  if (!storage.keys) throw new TypeError('This storage cannot list its chats (it has no keys())');
  const ids = await storage.keys();
  const chats: ChatSummary[] = [];
  const unreadable: string[] = [];
  await Promise.all(
    ids.map(async (id) => {
      const record = readRecord(id, await storage.get(id), migrate);
      if (typeof record === 'string') unreadable.push(id);
      else chats.push({ id, title: titleOf(record), updatedAt: record.updatedAt });
    }),
  );
  chats.sort((a, b) => b.updatedAt - a.updatedAt || a.id.localeCompare(b.id));
  return { chats, unreadable };
}

/** Sets a chat's title (an empty one goes back to the first message). */
export async function renameChat(storage: ChatStorage, id: string, title: string, migrate?: ChatRecordMigration): Promise<void> {
  const record = readRecord(id, await storage.get(id), migrate);
  if (typeof record === 'string') throw new TypeError(record);
  const next: ChatRecord = { ...record, title: title.trim() || undefined, updatedAt: Date.now() };
  await storage.set(id, next);
  chatSaved(id);
}

export async function deleteChat(storage: ChatStorage, id: string): Promise<void> {
  await storage.delete(id);
  chatSaved(id);
}

/** An id for a new chat; nothing is stored until its first message. */
export function newChatId(): string {
  return createId('chat');
}
