import { lazyComponent } from './lazy-component';
import type { MessageActionsProps } from './message-actions';

// Edit, Regenerate and the branch picker load as one chunk: <Chat/> starts loading it once it
// has messages or the user types (preloadMessageActions), so the buttons are there for the first messages.
const load = () => import('./message-actions');

export function preloadMessageActions() {
  void load();
}

/**
 * The actions appear once their chunk is in; the message around them renders at once, a user
 * message's text (`text`) included.
 */
export const MessageActionsSlot = lazyComponent<MessageActionsProps>(
  () => load().then((module) => module.MessageActions),
  TextOnly,
);

/** Until the chunk is in: the user message's text alone, where it will stay. */
function TextOnly({ text }: MessageActionsProps) {
  return <>{text}</>;
}
