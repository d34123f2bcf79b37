import { AIStream } from '../core/ai-stream';
import type { StreamConfig } from '../core/types';
import { liveConfig } from './live-config';
import { startPersistence, type ChatPersistenceOptions, type HeldPersistence } from './persistence';

type OptionsRef = { readonly current: StreamConfig & ChatPersistenceOptions };

interface Entry {
  stream: AIStream;
  /** The options of every mounted component that uses this chat, in mount order. */
  users: OptionsRef[];
  /** Whose options the stream reads: `driver` (the component whose send()/retry() started the
   *  latest request, while it is mounted), else the latest mounted user, else `fallback` (the last
   *  component to ask for the chat, until one has mounted). */
  live: { driver: OptionsRef | undefined; fallback: OptionsRef };
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
  /** With the `storage` option: restoring the saved chat, then saving it. */
  persistence: HeldPersistence | undefined;
}

const shared = new Map<string, Entry>();

/**
 * Components that pass the same `id` share one AIStream. Its options are those of a live
 * component: the one that started the request in flight, else the latest mounted one; never a
 * component that has unmounted. The stream lives while any of them is mounted; the last one to
 * unmount stops it. Release is deferred a tick so StrictMode's mount → unmount → mount does not
 * tear the chat down.
 */
export function acquireChat(id: string | undefined, options: OptionsRef): HeldChat {
  if (id === undefined) {
    const stream = new AIStream(liveConfig(options));
    startPersistence(stream, id, options); // throws: storage needs an id
    return { stream, retain: () => () => stream.stop(), drive: () => {}, persistence: undefined };
  }
  let entry = shared.get(id);
  if (!entry) {
    const users: OptionsRef[] = [];
    const live = {
      driver: undefined as OptionsRef | undefined,
      fallback: options,
      get current(): StreamConfig {
        return (this.driver ?? users[users.length - 1] ?? this.fallback).current;
      },
    };
    const stream = new AIStream(liveConfig(live));
    entry = { stream, users, live, release: undefined, persistence: startPersistence(stream, id, live) };
    shared.set(id, entry);
  } else if (!entry.users.length) {
    entry.live.fallback = options;
  }
  const held = entry;
  return {
    stream: held.stream,
    persistence: held.persistence,
    drive: () => {
      // A reply in flight keeps the options it started with; send() will say 'busy'.
      if (!held.stream.getIsStreaming()) held.live.driver = options;
    },
    retain: () => {
      held.users.push(options);
      clearTimeout(held.release);
      return () => {
        held.users.splice(held.users.lastIndexOf(options), 1);
        if (held.live.driver === options) held.live.driver = undefined;
        if (held.users.length) return;
        held.live.fallback = options;
        clearTimeout(held.release);
        held.release = setTimeout(() => {
          if (held.users.length || shared.get(id) !== held) return;
          held.stream.stop();
          held.persistence?.detach();
          shared.delete(id);
        }, 0);
      };
    },
  };
}
