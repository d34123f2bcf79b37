import type { AIStream } from '../ai-stream';
import { AIStreamError } from '../../shared/errors';
import { CHAT_RECORD_VERSION, conversationOf, markStopped, messagesOf, readRecord, restoreConversation, type ChatRecord, type ChatRecordMigration } from './chat-record';
import { chatSaved } from './saved-signal';
import type { ChatStorage } from './storage';

export interface PersistOptions {
  storage: ChatStorage;
  /** The key the chat is saved under. */
  id: string;
  /** Continue a reply that was streaming when the page went away (needs a resumable endpoint). Default true. */
  resume?: boolean;
  /** Least milliseconds between saves while a reply streams. Default 1000. A finished reply is saved at once. */
  saveInterval?: number;
  /** Reads a record of another version (see ChatRecord.version). */
  migrate?: ChatRecordMigration;
  /** Hears the first storage failure (code 'storage'); later ones stay quiet until a save succeeds again. */
  onError?: (error: AIStreamError) => void;
}

export interface PersistedChat {
  /** Resolves once the saved chat is back in the stream (or there was none, or it could not be read). */
  readonly restored: Promise<void>;
  /** Saves pending changes now. */
  flush(): Promise<void>;
  /** Stops saving, after a last save of pending changes. */
  detach(): Promise<void>;
}

/**
 * Keeps `stream` in `storage` under `id`: restores it (and continues a reply the last page left
 * streaming), then saves after every finished reply and at most once per `saveInterval` while one
 * streams. Storage failures never reach the chat: the first is reported through `onError`.
 */
export function persistChat(stream: AIStream, options: PersistOptions): PersistedChat {
  const { storage, id, migrate } = options;
  const interval = options.saveInterval ?? 1000;
  let reported = false;
  let attached = true;
  let ready = false; // nothing is saved before the restore: it would overwrite the saved chat
  let known = false; // a record exists (restored or written): one that disappears was deleted
  let dirty = false;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let lastSave = 0;
  let writing: Promise<void> = Promise.resolve();
  /** Which reply the last save could resume, and whether from an event id (see `resumeKey`). */
  let savedResumeKey = '';

  const report = (message: string, cause?: unknown) => {
    if (reported) return;
    reported = true;
    options.onError?.(new AIStreamError('storage', cause === undefined ? message : `${message}: ${failureText(cause)}`, { cause }));
  };

  /** The record as it stands now; undefined for an empty chat never saved. */
  const snapshot = (title: string | undefined): ChatRecord | undefined => {
    const conversation = conversationOf(stream);
    if (!known && messagesOf(conversation).length === 0) return undefined;
    return { version: CHAT_RECORD_VERSION, id, title, updatedAt: Date.now(), conversation, resume: stream.getResumeRecord() };
  };

  const write = async (): Promise<void> => {
    dirty = false;
    lastSave = Date.now();
    try {
      // A title set by the chat list (another component, another tab) is kept.
      const stored = await storage.get(id);
      if (known && stored === undefined) return stop(); // deleted meanwhile: not brought back
      const record = snapshot(typeof (stored as ChatRecord | undefined)?.title === 'string' ? (stored as ChatRecord).title : undefined);
      if (!record) return;
      savedResumeKey = resumeKey(record);
      await storage.set(id, record);
      // Lists refresh for a new chat and a finished reply, not for every save while one streams.
      if (!known || !record.resume) chatSaved(id);
      known = true;
      reported = false;
    } catch (error) {
      report(`Could not save the chat "${id}"`, error);
    }
  };
  const save = (): Promise<void> => (writing = writing.then(write));

  const schedule = () => {
    if (!ready || !attached) return;
    dirty = true;
    // A reply that became resumable (its first event id arrived) is saved at once, not up to an
    // interval later: a reload before that save would have to ask the model again.
    const resume = stream.getResumeRecord();
    if (resume?.lastEventId !== undefined && resumeKey({ resume }) !== savedResumeKey) return saveNow();
    if (timer !== undefined) return;
    // While a reply streams, one save per interval; otherwise soon (a burst of changes is one save).
    const wait = stream.getIsStreaming() ? Math.max(0, lastSave + interval - Date.now()) : 0;
    timer = setTimeout(() => {
      timer = undefined;
      if (dirty) void save();
    }, wait);
  };
  const saveNow = () => {
    if (!ready || !attached) return;
    clearTimeout(timer);
    timer = undefined;
    dirty = true;
    void save();
  };
  // The page is going away: localStorage writes synchronously here, so the newest state lands.
  const onPageHide = () => {
    if (!ready || !dirty) return;
    const record = snapshot(undefined);
    if (record) storage.set(id, record).catch(() => {});
  };

  stream.on('change', schedule);
  stream.on('finish', saveNow);
  globalThis.addEventListener?.('pagehide', onPageHide);

  const stop = () => {
    attached = false;
    clearTimeout(timer);
    stream.off('change', schedule);
    stream.off('finish', saveNow);
    globalThis.removeEventListener?.('pagehide', onPageHide);
  };

  const restored = (async () => {
    let stored: unknown;
    try {
      stored = await storage.get(id);
    } catch (error) {
      report(`Could not read the saved chat "${id}"`, error);
    }
    // The saved chat wins over `initialMessages`; a reply already streaming (sent before the restore) is not touched.
    if (stored !== undefined && attached && !stream.getIsStreaming()) {
      const record = readRecord(id, stored, migrate);
      if (typeof record === 'string') report(record);
      else await restore(stream, record, options.resume ?? true).catch((error: unknown) => report(`Could not restore the saved chat "${id}"`, error));
      known = true;
    }
    ready = true;
  })();

  return {
    restored,
    flush: async () => {
      await restored;
      if (dirty) saveNow();
      await writing;
    },
    detach: async () => {
      await restored;
      if (dirty) saveNow();
      stop();
      await writing;
    },
  };
}

/** Puts the record into the stream; a reply that was streaming continues, or ends as stopped. */
async function restore(stream: AIStream, record: ChatRecord, resume: boolean): Promise<void> {
  const path = messagesOf(record.conversation);
  const last = path[path.length - 1];
  const pending = last?.role === 'assistant' && last.status === 'streaming';
  const continues = pending && resume && record.resume?.messageId === last.id;
  // Nothing to continue it with (or resume: false): what arrived stays, as a stopped reply. Marked
  // in the saved conversation itself, so the other branches of a tree come back too.
  await restoreConversation(stream, pending && !continues ? markStopped(record.conversation, last.id) : record.conversation);
  // Failures end the reply like any other (status 'error', onError); nothing to do here.
  if (continues) stream.resumeReply(record.resume!).catch(() => {});
}

/** "QuotaExceededError: …", "SecurityError: …": the name says what kind of failure (DOMExceptions of any realm). */
function failureText(cause: unknown): string {
  const { name, message } = (cause ?? {}) as { name?: unknown; message?: unknown };
  return typeof message === 'string' ? (typeof name === 'string' && name !== 'Error' ? `${name}: ${message}` : message) : String(cause);
}

/** Changes when a different reply becomes resumable, or the same one gets its first event id. */
function resumeKey({ resume }: Pick<ChatRecord, 'resume'>): string {
  return resume ? `${resume.messageId} ${resume.lastEventId !== undefined}` : '';
}
