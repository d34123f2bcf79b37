import { AIStream } from '../core/ai-stream';
import type { StreamConfig } from '../core/types';

interface Entry {
  stream: AIStream;
  users: number;
  release: ReturnType<typeof setTimeout> | undefined;
}

const shared = new Map<string, Entry>();

/**
 * Components that pass the same `id` share one AIStream. The stream lives while any of them is
 * mounted; the last one to unmount stops it. Release is deferred a tick so StrictMode's
 * mount → unmount → mount does not tear the chat down.
 */
export function acquireChat(id: string | undefined, create: () => StreamConfig): { stream: AIStream; release: () => void } {
  if (id === undefined) {
    const stream = new AIStream(create());
    return { stream, release: () => stream.stop() };
  }
  let entry = shared.get(id);
  if (!entry) {
    entry = { stream: new AIStream(create()), users: 0, release: undefined };
    shared.set(id, entry);
  }
  const held = entry;
  return {
    stream: held.stream,
    release: () => {
      held.users--;
      clearTimeout(held.release);
      held.release = setTimeout(() => {
        if (held.users > 0 || shared.get(id) !== held) return;
        held.stream.stop();
        shared.delete(id);
      }, 0);
    },
  };
}

/** Marks one more mounted user of a shared chat (the effect half of acquireChat). */
export function retainChat(id: string | undefined): void {
  if (id === undefined) return;
  const entry = shared.get(id);
  if (entry) {
    entry.users++;
    clearTimeout(entry.release);
  }
}
