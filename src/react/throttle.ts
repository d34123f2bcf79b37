import type { StreamSnapshot } from '../core/types';

/** 'frame': at most one commit per animation frame; a number: at most one per N ms; 0: every change. */
export type Throttle = 'frame' | number;

interface Source {
  subscribe(listener: () => void): () => void;
  getSnapshot(): StreamSnapshot;
}

/**
 * A view of an AIStream for `useSyncExternalStore` that hands React a new snapshot at most once
 * per frame (or per N ms) while tokens arrive. React must only ever see the snapshot we last
 * notified about, or its tearing check would re-render on every token and undo the throttle.
 * Status changes are delivered at once, so the final tokens are committed before status leaves
 * 'streaming'.
 */
export class ThrottledSnapshot {
  private committed: StreamSnapshot;
  private cancelPending: (() => void) | undefined;

  constructor(
    readonly source: Source,
    public throttle: Throttle,
  ) {
    this.committed = source.getSnapshot();
  }

  getSnapshot = (): StreamSnapshot => this.committed;

  subscribe = (notify: () => void): (() => void) => {
    const flush = () => {
      this.cancelPending = undefined;
      const next = this.source.getSnapshot();
      if (next === this.committed) return;
      this.committed = next;
      notify();
    };
    const unsubscribe = this.source.subscribe(() => {
      const next = this.source.getSnapshot();
      if (next.status !== this.committed.status || this.throttle === 0) {
        this.cancelPending?.();
        flush();
      } else if (!this.cancelPending) {
        this.cancelPending = schedule(flush, this.throttle);
      }
    });
    // Catch up with changes made between render and subscribe.
    flush();
    return () => {
      unsubscribe();
      this.cancelPending?.();
      this.cancelPending = undefined;
    };
  };
}

function schedule(fn: () => void, throttle: Throttle): () => void {
  if (throttle === 'frame' && typeof requestAnimationFrame === 'function') {
    const handle = requestAnimationFrame(fn);
    return () => cancelAnimationFrame(handle);
  }
  const handle = setTimeout(fn, throttle === 'frame' ? 16 : throttle);
  return () => clearTimeout(handle);
}
