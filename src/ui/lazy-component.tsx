import { lazy, Suspense, type ComponentType } from 'react';

/**
 * A component from a chunk of its own: `load` runs on the first render (or earlier, if the
 * caller preloads), and until the chunk is in the component renders nothing around it.
 */
export function lazyComponent<P extends object>(load: () => Promise<ComponentType<P>>): ComponentType<P> {
  const Loaded = lazy(() => load().then((component) => ({ default: component })));
  return (props: P) => (
    <Suspense fallback={null}>
      <Loaded {...props} />
    </Suspense>
  );
}
