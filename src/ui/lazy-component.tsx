import { lazy, Suspense, type ComponentType } from 'react';

/**
 * A component from a chunk of its own: `load` runs on the first render (or earlier, if the
 * caller preloads). Until the chunk is in, the component renders `Placeholder` with the same
 * props (something that takes the view's place and announces nothing), or nothing.
 */
export function lazyComponent<P extends object>(load: () => Promise<ComponentType<P>>, Placeholder?: ComponentType<P>): ComponentType<P> {
  const Loaded = lazy(() => load().then((component) => ({ default: component })));
  return (props: P) => (
    <Suspense fallback={Placeholder ? <Placeholder {...props} /> : null}>
      <Loaded {...props} />
    </Suspense>
  );
}
