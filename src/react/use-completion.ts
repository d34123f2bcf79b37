import { useCallback, useEffect, useMemo, useState, useSyncExternalStore } from 'react';
import type { ChangeEvent, FormEvent } from 'react';
import type { AIStreamError } from '../core/errors';
import type { SendOptions, StreamConfig, StreamStatus, Usage } from '../core/types';
import { acquireChat, retainChat } from './chat-registry';
import { liveConfig } from './live-config';
import { ThrottledSnapshot, type Throttle } from './throttle';
import { useLatest } from './use-latest';

export interface UseCompletionOptions extends StreamConfig {
  id?: string;
  throttle?: Throttle;
}

export interface UseCompletionResult {
  completion: string;
  /** Starts a new completion (replacing the previous one); resolves when it ends. */
  complete: (prompt: string, options?: SendOptions) => Promise<void>;
  stop: () => void;
  status: StreamStatus;
  isLoading: boolean;
  error: AIStreamError | undefined;
  usage: Usage;
  setCompletion: (completion: string) => void;
  input: string;
  setInput: (value: string) => void;
  handleInputChange: (event: ChangeEvent<HTMLInputElement | HTMLTextAreaElement>) => void;
  handleSubmit: (event?: FormEvent) => void;
}

const swallow = () => {};

/** Our own protocol's servers get the prompt as `prompt` too; provider APIs would reject the field. */
const sendsPromptField = (protocol: StreamConfig['protocol']) => protocol === undefined || protocol === 'auto' || protocol === 'kit';

export function useCompletion(options: UseCompletionOptions): UseCompletionResult {
  const latest = useLatest<StreamConfig>(options);
  const [chat] = useState(() => {
    const acquired = acquireChat(options.id, () => liveConfig(latest));
    return { ...acquired, view: new ThrottledSnapshot(acquired.stream, options.throttle ?? 'frame') };
  });
  chat.view.throttle = options.throttle ?? 'frame';

  useEffect(() => {
    retainChat(options.id);
    return chat.release;
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [chat]);

  const snapshot = useSyncExternalStore(chat.view.subscribe, chat.view.getSnapshot, chat.view.getSnapshot);
  const [input, setInput] = useState('');
  const { stream } = chat;

  const complete = useCallback(
    (prompt: string, sendOptions?: SendOptions) => {
      stream.stop();
      stream.setMessages([]);
      const body = sendsPromptField(latest.current.protocol) ? { prompt, ...sendOptions?.body } : sendOptions?.body;
      return stream.send(prompt, { ...sendOptions, ...(body && { body }) }).catch(swallow);
    },
    [stream, latest],
  );
  const inputRef = useLatest(input);
  const handleSubmit = useCallback(
    (event?: FormEvent) => {
      event?.preventDefault();
      if (inputRef.current.trim()) void complete(inputRef.current);
    },
    [complete, inputRef],
  );
  const handleInputChange = useCallback(
    (event: ChangeEvent<HTMLInputElement | HTMLTextAreaElement>) => setInput(event.target.value),
    [],
  );

  const last = snapshot.messages[snapshot.messages.length - 1];
  const completion = last?.role === 'assistant' ? last.content : '';

  return useMemo(
    () => ({
      completion,
      complete,
      stop: () => stream.stop(),
      status: snapshot.status,
      isLoading: snapshot.isStreaming,
      error: snapshot.error,
      usage: snapshot.usage,
      setCompletion: (text: string) =>
        stream.setMessages((messages) => {
          const end = messages[messages.length - 1];
          return end?.role === 'assistant' ? [...messages.slice(0, -1), { ...end, content: text }] : messages;
        }),
      input,
      setInput,
      handleInputChange,
      handleSubmit,
    }),
    [completion, complete, stream, snapshot, input, handleInputChange, handleSubmit],
  );
}
