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
 */
export function throttledView(source: Source, throttle: Throttle): ThrottledView {
  let committed = source.getSnapshot();
  let cancelPending: (() => void) | undefined;
  const view: ThrottledView = {
    source,
    throttle,
    getSnapshot: () => committed,
    subscribe(notify) {
      const flush = () => {
        cancelPending = undefined;
        const next = source.getSnapshot();
        if (next === committed) return;
        committed = next;
        notify();
      };
      const unsubscribe = source.subscribe(() => {
        const idle = committed.status === 'idle' || committed.status === 'error';
        if (idle || view.throttle === 0) {
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

function schedule(fn: () => void, throttle: Throttle): () => void {
  // Hidden tabs get no animation frames; a timer still lets the reply (and its end) commit there.
  const visible = typeof document === 'undefined' || !document.hidden;
  if (throttle === 'frame' && visible && typeof requestAnimationFrame === 'function') {
    const handle = requestAnimationFrame(fn);
    return () => cancelAnimationFrame(handle);
  }
  const handle = setTimeout(fn, throttle === 'frame' ? 16 : throttle);
  return () => clearTimeout(handle);
}
