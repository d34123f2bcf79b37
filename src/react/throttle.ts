import type { StreamSnapshot } from '../core/types';

/** 'frame': at most one commit per animation frame; a number: at most one per N ms; 0: every change. */
export type Throttle = 'frame' | number;

interface Source {
  subscribe(listener: () => void): () => void;
  getSnapshot(): StreamSnapshot;
}

/** A store for `useSyncExternalStore`; `throttle` may change between renders. */
export interface ThrottledView {
  readonly source: Source;
  throttle: Throttle;
  getSnapshot(): StreamSnapshot;
  subscribe(notify: () => void): () => void;
}

/**
 * A view of an AIStream for `useSyncExternalStore` that hands React a new snapshot at most once
 * per frame (or per N ms) while a reply is under way. React must only ever see the snapshot we
 * last notified about, or its tearing check would re-render on every token and undo the throttle.
 * A snapshot carries text and status together, so the final tokens are committed with (never
 * after) the status that ends the reply. Only the change that starts a reply (out of idle or
 * error) is delivered at once, so a click on Send shows at once.
 *
 * A frame's callbacks can run late (the main thread was busy), and a long render can finish
 * after the next frame has begun: that frame has had its commit, so tokens wait for the one
 * after. The end of a reply (done, failed, stopped) never waits: it commits in the frame it would
 * have.
 */
export function throttledView(source: Source, throttle: Throttle): ThrottledView {
  let committed = source.getSnapshot();
  let cancelPending: (() => void) | undefined;
  // When React was done with the last change handed to it in a frame (it renders a store change
  // in a microtask), on the clock of the frames' start times.
  let renderedUntil = -Infinity;
  // performance.now() minus the frames' clock. A browser (a document with an animation timeline)
  // stamps frames on performance.now()'s clock: 0. Elsewhere (jsdom counts its frames from its
  // window's creation) it is learnt as the least lag of a frame callback seen. Learnt in a
  // browser, a first callback that ran late (the page busy as a reply starts) would make it too
  // large: a render that ran past the next frame's start would look done before it.
  let clockOffset = typeof document !== 'undefined' && 'timeline' in document ? 0 : Infinity;
  const view: ThrottledView = {
    source,
    throttle,
    getSnapshot: () => committed,
    subscribe(notify) {
      const flush = (frameStart?: number) => {
        cancelPending = undefined;
        const next = source.getSnapshot();
        if (next === committed) return;
        if (frameStart !== undefined && renderedUntil >= frameStart && !settled(next)) {
          cancelPending = schedule(flush, view.throttle);
          return;
        }
        committed = next;
        notify();
        if (frameStart !== undefined) {
          clockOffset = Math.min(clockOffset, performance.now() - frameStart);
          queueMicrotask(() => (renderedUntil = performance.now() - clockOffset));
        }
      };
      const unsubscribe = source.subscribe(() => {
        if (settled(committed) || view.throttle === 0) {
          cancelPending?.();
          flush();
        } else {
          cancelPending ??= schedule(flush, view.throttle);
        }
      });
      flush(); // catch up with changes made between render and subscribe
      return () => {
        unsubscribe();
        cancelPending?.();
        cancelPending = undefined;
      };
    },
  };
  return view;
}

/** No reply under way: idle (done or stopped) or failed. A reply that ends this way never waits. */
const settled = ({ status }: StreamSnapshot) => status === 'idle' || status === 'error';

/** Runs `fn` in the next animation frame (with the frame's start time), or after `throttle` ms. */
function schedule(fn: (frameStart?: number) => void, throttle: Throttle): () => void {
  // Hidden tabs get no animation frames; a timer still lets the reply (and its end) commit there.
  const visible = typeof document === 'undefined' || !document.hidden;
  if (throttle === 'frame' && visible && typeof requestAnimationFrame === 'function') {
    const handle = requestAnimationFrame(fn);
    return () => cancelAnimationFrame(handle);
  }
  const handle = setTimeout(fn, throttle === 'frame' ? 16 : throttle);
  return () => clearTimeout(handle);
}
