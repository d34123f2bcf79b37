import { useLayoutEffect, useEffect, useRef } from 'react';

// useLayoutEffect warns during server rendering; there is nothing to sync there anyway.
export const useIsomorphicLayoutEffect = typeof window === 'undefined' ? useEffect : useLayoutEffect;

/** A ref that always holds the latest value, so callbacks read options at call time (no stale closures). */
export function useLatest<T>(value: T): { readonly current: T } {
  const ref = useRef(value);
  useIsomorphicLayoutEffect(() => {
    ref.current = value;
  });
  return ref;
}
