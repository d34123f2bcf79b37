import { useCallback, useMemo } from 'react';
import type { ChangeEvent, FormEvent } from 'react';
import type { AIStreamError } from '../shared/errors';
import type { SendOptions, StreamConfig, StreamStatus, Usage } from '../core/types';
import { useChatState, useRefusal, type ChatStateOptions } from './use-chat-state';

export type UseCompletionOptions = ChatStateOptions;

export interface UseCompletionResult {
  completion: string;
  /**
   * Starts a new completion (replacing the previous one); resolves when it ends. Never rejects:
   * a failure, or a call refused before the request (a file that cannot be read), lands in `error` and `onError`.
   */
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

/** Our own protocol's servers get the prompt as `prompt` too; provider APIs would reject the field. */
const sendsPromptField = (protocol: StreamConfig['protocol']) => protocol === undefined || protocol === 'auto' || protocol === 'kit';

export function useCompletion(options: UseCompletionOptions): UseCompletionResult {
  const { stream, drive, snapshot, latest, input, setInput, inputRef, handleInputChange } = useChatState(options);
  const [refused, setRefused, reportRefusal] = useRefusal(stream, latest);

  const complete = useCallback(
    (prompt: string, sendOptions?: SendOptions) => {
      setRefused(undefined);
      stream.stop();
      stream.setMessages([]);
      drive();
      const body = sendsPromptField(latest.current.protocol) ? { prompt, ...sendOptions?.body } : sendOptions?.body;
      return stream.send(prompt, { ...sendOptions, ...(body && { body }) }).catch(reportRefusal);
    },
    [stream, drive, latest, setRefused, reportRefusal],
  );
  const handleSubmit = useCallback(
    (event?: FormEvent) => {
      event?.preventDefault();
      if (inputRef.current.trim()) void complete(inputRef.current);
    },
    [complete, inputRef],
  );

  const last = snapshot.messages[snapshot.messages.length - 1];
  const completion = last?.role === 'assistant' ? last.content : '';

  // Stable for the life of the stream.
  const actions = useMemo(
    () => ({
      stop: () => stream.stop(),
      setCompletion: (text: string) =>
        stream.setMessages((messages) => {
          const end = messages[messages.length - 1];
          return end?.role === 'assistant' ? [...messages.slice(0, -1), { ...end, content: text }] : messages;
        }),
    }),
    [stream],
  );

  return useMemo(
    () => ({
      ...actions,
      completion,
      complete,
      status: snapshot.status,
      isLoading: snapshot.isStreaming,
      error: snapshot.error ?? refused,
      usage: snapshot.usage,
      input,
      setInput,
      handleInputChange,
      handleSubmit,
    }),
    [actions, completion, complete, snapshot, refused, input, setInput, handleInputChange, handleSubmit],
  );
}
