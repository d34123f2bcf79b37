import { lazy, Suspense, type ComponentType, type ReactNode } from 'react';

/**
 * A component from a chunk of its own: `load` runs on the first render (or earlier, if the
 * caller preloads), and until the chunk is in the component renders `fallback` of its props
 * (nothing without one).
 */
export function lazyComponent<P extends object>(load: () => Promise<ComponentType<P>>, fallback?: (props: P) => ReactNode): ComponentType<P> {
  const Loaded = lazy(() => load().then((component) => ({ default: component })));
  return (props: P) => (
    <Suspense fallback={fallback?.(props) ?? null}>
      <Loaded {...props} />
    </Suspense>
  );
}
