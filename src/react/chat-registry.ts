import { AIStream } from '../core/ai-stream';
import type { StreamConfig } from '../core/types';
import { startPersistence, type ChatPersistenceOptions, type HeldPersistence } from './persistence';

type ChatOptions = StreamConfig & ChatPersistenceOptions;
/** One component's options, as of its latest render. */
type Holder = { current: ChatOptions };

interface Entry {
  stream: AIStream;
  /** Every mounted component that uses this chat, in mount order. */
  users: Holder[];
  /** The component whose send()/retry() started the latest request, while it is mounted. */
  driver: Holder | undefined;
  /** The last component to ask for the chat, until one has mounted. */
  fallback: Holder;
  /** The options last pushed into the stream: the live component's. */
  pushed: ChatOptions;
  release: ReturnType<typeof setTimeout> | undefined;
  persistence: HeldPersistence | undefined;
}

/** A chat as one component holds it. */
export interface HeldChat {
  stream: AIStream;
  /** Marks the component as mounted (its effect); returns the cleanup. */
  retain: () => () => void;
  /** The component is about to start a request: its options apply to it (endpoint, headers, callbacks). */
  drive: () => void;
  /** The component rendered with these options (its effect): they reach the stream if they are the live ones. */
  update: (options: ChatOptions) => void;
  /** With the `storage` option: restoring the saved chat, then saving it. */
  persistence: HeldPersistence | undefined;
}

const shared = new Map<string, Entry>();

/**
 * Components that pass the same `id` share one AIStream. The hooks push options into it
 * (AIStream.setOptions, like TanStack Query's observer.setOptions); for a shared chat they are
 * those of a live component: the one that started the request in flight, else the latest mounted
 * one; never a component that has unmounted. The stream lives while any of them is mounted; the
 * last one to unmount stops it. Release is deferred a tick so StrictMode's mount → unmount →
 * mount does not tear the chat down.
 */
export function acquireChat(id: string | undefined, options: ChatOptions): HeldChat {
  const holder: Holder = { current: options };
  // A chat without an id is this component's alone: an entry nobody else finds.
  let entry = id === undefined ? undefined : shared.get(id);
  if (!entry) {
    const stream = new AIStream(options);
    const created: Entry = { stream, users: [], driver: undefined, fallback: holder, pushed: options, release: undefined, persistence: undefined };
    // Persistence reads the live options (storage, onError) as they are pushed.
    created.persistence = startPersistence(stream, id, { get current() { return created.pushed; } }); // throws: storage needs an id
    entry = created;
    if (id !== undefined) shared.set(id, entry);
  } else if (!entry.users.length) {
    entry.fallback = holder;
  }
  const held = entry;
  const sync = () => {
    const live = (held.driver ?? held.users[held.users.length - 1] ?? held.fallback).current;
    replaceOptions(held.stream, held.pushed, live);
    held.pushed = live;
  };
  return {
    stream: held.stream,
    persistence: held.persistence,
    update: (next) => {
      holder.current = next;
      sync();
    },
    drive: () => {
      // A reply in flight keeps the options it started with; send() will say 'busy'.
      if (!held.stream.getIsStreaming()) held.driver = holder;
      sync();
    },
    retain: () => {
      held.users.push(holder);
      clearTimeout(held.release);
      sync();
      return () => {
        held.users.splice(held.users.lastIndexOf(holder), 1);
        if (held.driver === holder) held.driver = undefined;
        if (!held.users.length) {
          held.fallback = holder;
          clearTimeout(held.release);
          // A chat of its own stops at once (nobody else can pick it up).
          if (id === undefined) held.stream.stop();
          else
            held.release = setTimeout(() => {
              if (held.users.length || shared.get(id) !== held) return;
              held.stream.stop();
              held.persistence?.detach();
              shared.delete(id);
            }, 0);
        }
        sync();
      };
    },
  };
}

/** Replaces the stream's options with `next`: what `previous` set and `next` lacks is removed. */
function replaceOptions(stream: AIStream, previous: StreamConfig, next: StreamConfig): void {
  if (next === previous) return;
  const options: Record<string, unknown> = { ...next };
  for (const key in previous) if (!(key in options)) options[key] = undefined;
  stream.setOptions(options as Partial<StreamConfig>);
}
