import { useCallback, useEffect, useRef, useState, useSyncExternalStore } from 'react';
import type { ChangeEvent } from 'react';
import type { AIStream } from '../core/ai-stream';
import type { StreamConfig } from '../core/types';
import { AIStreamError } from '../shared/errors';
import { acquireChat } from './chat-registry';
import type { ChatPersistenceOptions } from './persistence';
import { throttledView, type Throttle } from './throttle';
import { useIsomorphicLayoutEffect, useLatest } from './use-latest';

export interface ChatStateOptions extends StreamConfig, ChatPersistenceOptions {
  /** Components that pass the same id share one chat (and, with `storage`, the key it is saved under). */
  id?: string;
  /** 'frame' (default): at most one React commit per animation frame while tokens arrive. */
  throttle?: Throttle;
}

/**
 * Hooks never reject: a reply that fails is in the stream's `error` (and `onError`) already, and a
 * call refused before its reply started ('busy', a file that cannot be read, an unknown message
 * id), which the stream never saw, is reported here the same way. `report` is the `catch` of
 * every call that starts a reply; clear `refused` when the next one starts.
 */
export function useRefusal(stream: AIStream, latest: { readonly current: StreamConfig }) {
  const [refused, setRefusedState] = useState<AIStreamError>();
  // Every start clears `refused`: only an actual change is a state update. A no-op one would still
  // render (React skips it up front only while the component has no other work), a commit of its
  // own next to the one that shows the new message when the send is not in a React event handler.
  const shown = useRef<AIStreamError>(undefined);
  const setRefused = useCallback((next?: AIStreamError) => shown.current !== next && setRefusedState((shown.current = next)), []);
  const report = useCallback(
    (error: unknown) => {
      if (error === stream.getError()) return; // the reply failed: already in error and onError
      const reported = error instanceof AIStreamError ? error : new AIStreamError('invalid', String(error), { cause: error });
      setRefused(reported);
      latest.current.onError?.(reported);
    },
    [stream, latest, setRefused],
  );
  return [refused, setRefused, report] as const;
}

/**
 * What useChatStream and useCompletion share: the (possibly shared) AIStream, bound to the
 * id it was created with, its options pushed in after every render (those of a live component
 * when shared); its throttled snapshot; the input. Call `drive()` before starting a request so
 * this component's options (endpoint, headers, callbacks) apply to it when the chat is shared.
 */
export function useChatState(options: ChatStateOptions, init?: (stream: AIStream) => void) {
  const latest = useLatest<StreamConfig>(options);
  const [chat] = useState(() => {
    const held = acquireChat(options.id, options);
    init?.(held.stream);
    return { ...held, view: throttledView(held.stream, 'frame') };
  });
  chat.view.throttle = options.throttle ?? 'frame';

  // Callbacks, headers, body, tools follow the latest render (TanStack's observer.setOptions).
  useIsomorphicLayoutEffect(() => chat.update(options));
  // The chat is bound to the id it was created with.
  useEffect(() => chat.retain(), [chat]);

  const { view, stream, persistence } = chat;
  const snapshot = useSyncExternalStore(view.subscribe, view.getSnapshot, view.getSnapshot);
  const [isRestoring, setRestoring] = useState(() => !!persistence && !persistence.restored);
  useEffect(() => {
    if (!isRestoring || !persistence) return;
    let mounted = true;
    void persistence.whenRestored.then(() => mounted && setRestoring(false));
    return () => {
      mounted = false;
    };
  }, [persistence, isRestoring]);
  const { drive } = chat;
  // With storage, a request waits for the restore: the saved chat must not replace the new message.
  const afterRestore = useCallback(
    <T,>(start: () => Promise<T>): Promise<T> =>
      persistence && !persistence.restored ? persistence.whenRestored.then(start) : start(),
    [persistence],
  );
  const [input, setInput] = useState('');
  const inputRef = useLatest(input);
  const handleInputChange = useCallback(
    (event: ChangeEvent<HTMLInputElement | HTMLTextAreaElement>) => setInput(event.target.value),
    [],
  );
  return { stream, drive, afterRestore, snapshot, isRestoring, latest, input, setInput, inputRef, handleInputChange };
}
