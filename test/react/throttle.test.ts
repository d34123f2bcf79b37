import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { StreamSnapshot, StreamStatus } from '../../src/core/types';
import { throttledView } from '../../src/react/throttle';

// A hand-driven clock and animation-frame queue: each frame runs its callbacks with the frame's
// start time, as browsers do, and a test decides how long the work in a frame takes.
let clock = 0;
let callbacks = new Map<number, FrameRequestCallback>();
let nextHandle = 1;
beforeEach(() => {
  clock = 1000;
  callbacks = new Map();
  vi.spyOn(performance, 'now').mockImplementation(() => clock);
  vi.stubGlobal('requestAnimationFrame', (callback: FrameRequestCallback) => {
    callbacks.set(nextHandle, callback);
    return nextHandle++;
  });
  vi.stubGlobal('cancelAnimationFrame', (handle: number) => callbacks.delete(handle));
});
afterEach(() => {
  vi.restoreAllMocks();
  vi.unstubAllGlobals();
});

/** Runs one animation frame that starts at `start`; the clock is at `start` when it begins. */
async function frame(start: number) {
  clock = Math.max(clock, start);
  const due = [...callbacks.values()];
  callbacks = new Map();
  for (const callback of due) callback(start);
  await Promise.resolve(); // the microtask in which React renders a store change
  await Promise.resolve();
}

function fakeStream(status: StreamStatus) {
  let snapshot = { status, messages: [] as never[] } as unknown as StreamSnapshot;
  const listeners = new Set<() => void>();
  return {
    subscribe(listener: () => void) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    getSnapshot: () => snapshot,
    /** A new snapshot (a token, or a status change), as the store emits one. */
    change(next: StreamStatus = snapshot.status) {
      snapshot = { ...snapshot, status: next } as StreamSnapshot;
      for (const listener of listeners) listener();
    },
  };
}

/**
 * A change committed in the frame that starts at 1000, whose callbacks run at `runsAt` and whose
 * render ends at `renderedAt`: by default 25 ms later, past the next frame's start (1016.7).
 */
async function commitRunningLate(stream: ReturnType<typeof fakeStream>, { runsAt = 1000, renderedAt = 1025 } = {}): Promise<void> {
  stream.change();
  clock = runsAt;
  callbacks.forEach((callback) => callback(1000));
  callbacks.clear();
  clock = renderedAt;
  await Promise.resolve();
  await Promise.resolve();
}

describe('throttledView: one commit per animation frame', () => {
  it('a frame whose start the last commit ran past has had its commit: new tokens wait for the next frame', async () => {
    const stream = fakeStream('streaming');
    const view = throttledView(stream, 'frame');
    const notified: number[] = [];
    view.subscribe(() => notified.push(clock));

    await commitRunningLate(stream);
    expect(notified).toEqual([1000]);

    // A token arrives; the frame that started at 1016.7 (running late, at 1026) already holds that commit.
    stream.change();
    await frame(1016.7);
    expect(notified).toEqual([1000]);
    // The next frame shows it.
    await frame(1033.3);
    expect(notified).toEqual([1000, 1033.3]);
    expect(view.getSnapshot()).toBe(stream.getSnapshot());
  });

  it('in a browser, a first frame callback that ran late does not hide a render that ran past the next frame', async () => {
    // Browsers stamp frames on performance.now()'s clock (jsdom does not, and has no document.timeline).
    Object.defineProperty(document, 'timeline', { value: {}, configurable: true });
    try {
      const stream = fakeStream('streaming');
      const view = throttledView(stream, 'frame');
      const notified: number[] = [];
      view.subscribe(() => notified.push(clock));
      // The reply's first token: the frame that started at 1000 runs its callbacks late, at 1011,
      // and the render they start ends at 1020, past the next frame's start (1016.7).
      await commitRunningLate(stream, { runsAt: 1011, renderedAt: 1020 });
      expect(notified).toEqual([1011]);
      // The next token: the frame at 1016.7 (its callbacks run at 1020) has had that commit.
      stream.change();
      await frame(1016.7);
      expect(notified).toEqual([1011]);
      await frame(1033.3);
      expect(notified).toEqual([1011, 1033.3]);
    } finally {
      delete (document as { timeline?: unknown }).timeline;
    }
  });

  it('frames on time commit every change at once', async () => {
    const stream = fakeStream('streaming');
    const view = throttledView(stream, 'frame');
    const notified: number[] = [];
    view.subscribe(() => notified.push(clock));
    for (const start of [1016.7, 1033.3, 1050]) {
      stream.change();
      await frame(start);
    }
    expect(notified).toEqual([1016.7, 1033.3, 1050]);
  });

  it('the end of a reply (and an error, or Stop) never waits, even in a late frame', async () => {
    for (const end of ['idle', 'error'] as const) {
      const stream = fakeStream('streaming');
      const view = throttledView(stream, 'frame');
      const notified: number[] = [];
      view.subscribe(() => notified.push(clock));
      await commitRunningLate(stream);
      // The last token and the end arrive together: they commit in the late frame, as they would have.
      stream.change();
      stream.change(end);
      await frame(1016.7);
      expect(notified).toEqual([1000, 1025]);
      expect(view.getSnapshot().status).toBe(end);
    }
  });
});
