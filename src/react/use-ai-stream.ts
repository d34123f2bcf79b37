import { useRef, useState, useSyncExternalStore } from 'react';
import type { AIStream } from '../core/ai-stream';
import type { StreamSnapshot } from '../core/types';
import { throttledView, type Throttle } from './throttle';

export interface UseAIStreamOptions<T> {
  /** Default 'frame'. */
  throttle?: Throttle;
  /** Decides whether a new selection equals the previous one (then the component does not re-render). Default Object.is. */
  equals?: (a: T, b: T) => boolean;
}

/**
 * Subscribes a component to an existing AIStream. With a selector, the component re-renders only
 * when the selected slice changes, so e.g. a usage badge does not render on every token.
 */
export function useAIStream(stream: AIStream): StreamSnapshot;
export function useAIStream<T>(stream: AIStream, selector: (snapshot: StreamSnapshot) => T, options?: UseAIStreamOptions<T>): T;
export function useAIStream<T>(
  stream: AIStream,
  selector: (snapshot: StreamSnapshot) => T = (snapshot) => snapshot as T,
  options: UseAIStreamOptions<T> = {},
): T {
  const [view, setView] = useState(() => throttledView(stream, 'frame'));
  if (view.source !== stream) setView(throttledView(stream, 'frame'));
  view.throttle = options.throttle ?? 'frame';

  const memo = useRef<{ snapshot: StreamSnapshot; selected: T } | undefined>(undefined);
  const equals = options.equals ?? Object.is;
  const select = () => {
    const snapshot = view.getSnapshot();
    const previous = memo.current;
    if (previous && previous.snapshot === snapshot) return previous.selected;
    const selected = selector(snapshot);
    if (previous && equals(previous.selected, selected)) {
      memo.current = { snapshot, selected: previous.selected };
      return previous.selected;
    }
    memo.current = { snapshot, selected };
    return selected;
  };
  return useSyncExternalStore(view.subscribe, select, select);
}
