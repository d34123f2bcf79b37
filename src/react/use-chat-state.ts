import { useCallback, useEffect, useState, useSyncExternalStore } from 'react';
import type { ChangeEvent } from 'react';
import type { AIStream } from '../core/ai-stream';
import type { StreamConfig } from '../core/types';
import { acquireChat, retainChat } from './chat-registry';
import { liveConfig } from './live-config';
import { throttledView, type Throttle } from './throttle';
import { useLatest } from './use-latest';

export interface ChatStateOptions extends StreamConfig {
  /** Components that pass the same id share one chat. */
  id?: string;
  /** 'frame' (default): at most one React commit per animation frame while tokens arrive. */
  throttle?: Throttle;
}

/** Swallows the rejection of send(): hooks report failures through state and onError. */
export const swallow = () => {};

/**
 * What useChatStream and useCompletion share: the (possibly shared) AIStream, bound to the
 * id it was created with and reading the latest options; its throttled snapshot; the input.
 */
export function useChatState(options: ChatStateOptions, init?: (stream: AIStream) => void) {
  const latest = useLatest<StreamConfig>(options);
  const [chat] = useState(() => {
    const acquired = acquireChat(options.id, () => liveConfig(latest));
    init?.(acquired.stream);
    return { ...acquired, view: throttledView(acquired.stream, 'frame') };
  });
  chat.view.throttle = options.throttle ?? 'frame';

  useEffect(() => {
    retainChat(options.id);
    return chat.release;
    // The chat is bound to the id it was created with.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [chat]);

  const { view, stream } = chat;
  const snapshot = useSyncExternalStore(view.subscribe, view.getSnapshot, view.getSnapshot);
  const [input, setInput] = useState('');
  const inputRef = useLatest(input);
  const handleInputChange = useCallback(
    (event: ChangeEvent<HTMLInputElement | HTMLTextAreaElement>) => setInput(event.target.value),
    [],
  );
  return { stream, snapshot, latest, input, setInput, inputRef, handleInputChange };
}
