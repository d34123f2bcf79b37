import type { AIStream } from '../ai-stream';
import type { Message } from '../types';
import type { ReplyResumeRecord } from '../resume-record';

/** The format version this kit writes. */
export const CHAT_RECORD_VERSION = 1;

/**
 * One saved chat, as stored under its id. JSON-serialisable. `version` lets a later kit migrate
 * an older record (see `PersistOptions.migrate`).
 */
export interface ChatRecord {
  version: 1;
  id: string;
  /** Set by `rename()`; otherwise lists show the first user message. */
  title?: string | undefined;
  /** Milliseconds since the epoch of the last save. */
  updatedAt: number;
  /** What `conversationOf(stream)` returned: the messages (or, with branches, the whole tree). */
  conversation: unknown;
  /** Present while a reply streams: what a reloaded page needs to continue it (see docs/persistence.md). */
  resume?: ReplyResumeRecord | undefined;
}

/** Turns a stored value of another version into a current record; undefined when it cannot. */
export type ChatRecordMigration = (stored: unknown) => ChatRecord | undefined;

/**
 * The one place that says what of a chat is saved. Today the active messages; when AIStream
 * gains `getConversation()` (the whole branch tree), that.
 */
export function conversationOf(stream: AIStream): unknown {
  const withTree = stream as AIStream & { getConversation?: () => unknown };
  return typeof withTree.getConversation === 'function' ? withTree.getConversation() : stream.getMessages();
}

/** Puts a saved conversation back: the counterpart of `conversationOf` (a tree's setter may be async). */
export async function restoreConversation(stream: AIStream, conversation: unknown): Promise<void> {
  const withTree = stream as AIStream & { setConversation?: (value: unknown) => unknown };
  if (!Array.isArray(conversation) && typeof withTree.setConversation === 'function') await withTree.setConversation(conversation);
  else stream.setMessages(conversation as Message[]);
}

/** A branch tree as `getConversation()` returns it: messages by id, the active child of each (`''`: the root). */
interface TreeLike {
  nodes?: Record<string, { message: Message } | undefined>;
  active?: Record<string, string | undefined>;
}

/** The messages of a saved conversation (for titles): an array, or a tree's active path. */
export function messagesOf(conversation: unknown): Message[] {
  if (Array.isArray(conversation)) return conversation as Message[];
  const { nodes, active } = (conversation ?? {}) as TreeLike;
  const path: Message[] = [];
  if (!nodes || !active) return path;
  // Bounded by the node count, so a damaged record with a cycle cannot loop.
  const limit = Object.keys(nodes).length;
  for (let node = nodes[active[''] ?? '']; node && path.length < limit; node = nodes[active[node.message.id] ?? '']) path.push(node.message);
  return path;
}

/** Why a stored value is not a usable record, or the record. */
export function readRecord(id: string, stored: unknown, migrate?: ChatRecordMigration): ChatRecord | string {
  if (!stored || typeof stored !== 'object') return `The saved chat "${id}" is not a chat record`;
  let record = stored as Partial<ChatRecord> & { version?: unknown };
  if (record.version !== CHAT_RECORD_VERSION) {
    const migrated = migrate?.(stored);
    if (!migrated) return `The saved chat "${id}" has version ${String(record.version)}, which this version cannot read (pass a migrate function)`;
    record = migrated;
  }
  const valid =
    record.version === CHAT_RECORD_VERSION &&
    typeof record.updatedAt === 'number' &&
    (Array.isArray(record.conversation) ? record.conversation.every(isMessage) : !!record.conversation && typeof record.conversation === 'object');
  return valid ? ({ ...record, id } as ChatRecord) : `The saved chat "${id}" is damaged (its messages cannot be read)`;
}

function isMessage(value: unknown): boolean {
  const message = value as Partial<Message> | null;
  return !!message && typeof message.id === 'string' && typeof message.role === 'string' && typeof message.content === 'string';
}

/** A chat's title: the one set, else the start of its first user message. */
export function titleOf(record: ChatRecord): string {
  if (record.title) return record.title;
  const first = messagesOf(record.conversation).find((message) => message.role === 'user');
  const text = first?.content.trim().replace(/\s+/g, ' ') ?? '';
  return text.length > 60 ? `${text.slice(0, 59)}…` : text || 'New chat';
}

/** The saved conversation with message `id` marked stopped (`status: 'aborted'`): an array or a tree. */
export function markStopped(conversation: unknown, id: string): unknown {
  const stopped = (message: Message): Message => (message.id === id ? { ...message, status: 'aborted' } : message);
  if (Array.isArray(conversation)) return (conversation as Message[]).map(stopped);
  const tree = conversation as { nodes?: Record<string, { message: Message }> };
  const node = tree?.nodes?.[id];
  return node ? { ...tree, nodes: { ...tree.nodes, [id]: { ...node, message: stopped(node.message) } } } : conversation;
}
