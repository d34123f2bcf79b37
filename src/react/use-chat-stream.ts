import { useCallback, useEffect, useMemo, useState, useSyncExternalStore } from 'react';
import type { ChangeEvent, FormEvent } from 'react';
import type { AIStream } from '../core/ai-stream';
import type { AIStreamError } from '../core/errors';
import type { Message, SendOptions, StreamConfig, StreamStatus, Usage } from '../core/types';
import { acquireChat, retainChat } from './chat-registry';
import { liveConfig } from './live-config';
import { ThrottledSnapshot, type Throttle } from './throttle';
import { useLatest } from './use-latest';

export interface UseChatStreamOptions extends StreamConfig {
  /** Messages the chat starts with (used when the chat is created). */
  initialMessages?: Message[];
  /** Components that pass the same id share one chat. */
  id?: string;
  /** 'frame' (default): at most one React commit per animation frame while tokens arrive. */
  throttle?: Throttle;
}

export interface UseChatStreamResult {
  messages: readonly Message[];
  status: StreamStatus;
  isStreaming: boolean;
  error: AIStreamError | undefined;
  /** Conversation totals. */
  usage: Usage;
  /** Resolves when the reply ends; failures land in `error` (and `onError`), never as a rejection. */
  send: (content: string, options?: SendOptions) => Promise<void>;
  stop: () => void;
  /** Regenerates the last reply, replacing it. */
  retry: () => Promise<void>;
  reset: () => void;
  setMessages: (messages: Message[] | ((previous: Message[]) => Message[])) => void;
  input: string;
  setInput: (value: string) => void;
  handleInputChange: (event: ChangeEvent<HTMLInputElement | HTMLTextAreaElement>) => void;
  handleSubmit: (event?: FormEvent) => void;
  /** The underlying stream, for `useAIStream` or events. */
  stream: AIStream;
}

const swallow = () => {};

export function useChatStream(options: UseChatStreamOptions): UseChatStreamResult {
  const latest = useLatest<StreamConfig>(options);
  const [chat] = useState(() => {
    const acquired = acquireChat(options.id, () => liveConfig(latest));
    if (options.initialMessages && acquired.stream.getMessages().length === 0) {
      acquired.stream.setMessages(options.initialMessages);
    }
    return { ...acquired, view: new ThrottledSnapshot(acquired.stream, options.throttle ?? 'frame') };
  });
  chat.view.throttle = options.throttle ?? 'frame';

  useEffect(() => {
    retainChat(options.id);
    return chat.release;
    // The chat is bound to the id it was created with.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [chat]);

  const snapshot = useSyncExternalStore(chat.view.subscribe, chat.view.getSnapshot, chat.view.getSnapshot);
  const [input, setInput] = useState('');
  const { stream } = chat;

  const send = useCallback(
    (content: string, sendOptions?: SendOptions) => stream.send(content, sendOptions).catch(swallow),
    [stream],
  );
  const handleInputChange = useCallback(
    (event: ChangeEvent<HTMLInputElement | HTMLTextAreaElement>) => setInput(event.target.value),
    [],
  );
  const inputRef = useLatest(input);
  const handleSubmit = useCallback(
    (event?: FormEvent) => {
      event?.preventDefault();
      const content = inputRef.current;
      if (!content.trim() || stream.getIsStreaming()) return;
      setInput('');
      void send(content);
    },
    [stream, send, inputRef],
  );

  return useMemo(
    () => ({
      messages: snapshot.messages,
      status: snapshot.status,
      isStreaming: snapshot.isStreaming,
      error: snapshot.error,
      usage: snapshot.usage,
      send,
      stop: () => stream.stop(),
      retry: () => stream.retry().catch(swallow),
      reset: () => stream.reset(),
      setMessages: (next: Message[] | ((previous: Message[]) => Message[])) => stream.setMessages(next),
      input,
      setInput,
      handleInputChange,
      handleSubmit,
      stream,
    }),
    [snapshot, send, stream, input, handleInputChange, handleSubmit],
  );
}
