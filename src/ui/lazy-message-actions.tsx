import { lazy, Suspense } from 'react';
import type { MessageActionsProps } from './message-actions';

// Edit, Regenerate and the branch picker load as one chunk: <Chat/> starts loading it when it
// mounts (preloadMessageActions), so in practice the buttons are there for the first messages.
const load = () => import('./message-actions');
const LazyMessageActions = lazy(() => load().then((module) => ({ default: module.MessageActions })));

export function preloadMessageActions() {
  void load();
}

/** The actions appear once their chunk is in; the message around them renders at once. */
export function MessageActionsSlot(props: MessageActionsProps) {
  return (
    <Suspense fallback={null}>
      <LazyMessageActions {...props} />
    </Suspense>
  );
}
