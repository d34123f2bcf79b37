import { useCallback, useMemo, useState } from 'react';
import type { ChangeEvent, FormEvent } from 'react';
import type { AIStream } from '../core/ai-stream';
import { AIStreamError } from '../shared/errors';
import type { BranchInfo, EditOptions, Message, SendOptions, StreamStatus, Usage } from '../core/types';
import { swallow, useChatState, type ChatStateOptions } from './use-chat-state';

export interface UseChatStreamOptions extends ChatStateOptions {
  /** Messages the chat starts with (used when the chat is created). */
  initialMessages?: Message[];
}

export interface UseChatStreamResult {
  messages: readonly Message[];
  status: StreamStatus;
  isStreaming: boolean;
  error: AIStreamError | undefined;
  /** Conversation totals. */
  usage: Usage;
  /** With `storage`: true until the saved chat is back (render a placeholder rather than an empty chat). */
  isRestoring: boolean;
  /**
   * Resolves when the reply ends; failures land in `error` (and `onError`), never as a rejection.
   * That includes a send refused before any reply starts (e.g. a file that cannot be read: code
   * 'invalid'); the chat is then unchanged, and `error` clears with the next send or `reset()`.
   */
  send: (content: string, options?: SendOptions) => Promise<void>;
  stop: () => void;
  /** Regenerates the last reply; the old one stays as a branch. */
  retry: () => Promise<void>;
  /** Sends a new version of a user message; the old one (and what followed it) stays as a branch. */
  editMessage: (messageId: string, content: string, options?: EditOptions) => Promise<void>;
  /** Streams a new version of any assistant reply on the path; the old one stays as a branch. */
  regenerate: (messageId: string) => Promise<void>;
  /** `{ index, count }` of a message among its versions (`{ index: 0, count: 1 }` without any). */
  getBranches: (messageId: string) => BranchInfo;
  /** Shows version `index` of a message, with the continuation it had. Throws 'busy' while a reply streams. */
  switchBranch: (messageId: string, index: number) => void;
  reset: () => void;
  setMessages: (messages: Message[] | ((previous: Message[]) => Message[])) => void;
  /** Answers a tool call (a tool without `execute`, e.g. one a custom tool renderer answers). */
  addToolResult: (toolCallId: string, output: unknown) => void;
  /** Lets a call of a `needsApproval` tool run. */
  approveToolCall: (toolCallId: string) => void;
  /** Refuses it; the model gets the refusal and `reason`. */
  denyToolCall: (toolCallId: string, reason?: string) => void;
  input: string;
  setInput: (value: string) => void;
  handleInputChange: (event: ChangeEvent<HTMLInputElement | HTMLTextAreaElement>) => void;
  handleSubmit: (event?: FormEvent) => void;
  /** The underlying stream, for `useAIStream` or events. */
  stream: AIStream;
}

export function useChatStream(options: UseChatStreamOptions): UseChatStreamResult {
  const { stream, drive, afterRestore, snapshot, isRestoring, latest, input, setInput, inputRef, handleInputChange } = useChatState(options, (created) => {
    if (options.initialMessages && created.getMessages().length === 0) created.setMessages(options.initialMessages);
  });
  // A send refused before its reply started: the stream never saw it, so the hook reports it.
  const [refused, setRefused] = useState<AIStreamError | undefined>(undefined);

  // After the restore (with storage), as the driver: this component's options apply to the request.
  const start = useCallback(
    <T,>(request: () => Promise<T>): Promise<T> =>
      afterRestore(() => {
        drive();
        return request();
      }),
    [afterRestore, drive],
  );
  const reportRefusal = useCallback(
    (error: unknown) => {
      if (error === stream.getError()) return; // the reply failed: already in error and onError
      const reported = error instanceof AIStreamError ? error : new AIStreamError('invalid', String(error), { cause: error });
      setRefused(reported);
      latest.current.onError?.(reported);
    },
    [stream, latest],
  );
  const send = useCallback(
    (content: string, sendOptions?: SendOptions) => {
      setRefused(undefined);
      return start(() => stream.send(content, sendOptions)).catch(reportRefusal);
    },
    [stream, start, reportRefusal],
  );
  const handleSubmit = useCallback(
    (event?: FormEvent) => {
      event?.preventDefault();
      const content = inputRef.current;
      if (!content.trim() || stream.getIsStreaming()) return;
      setInput('');
      void send(content);
    },
    [stream, send, inputRef, setInput],
  );

  // Stable for the life of the chat, so memoised children that take them skip token updates.
  const actions = useMemo(
    () => ({
      stop: () => stream.stop(),
      retry: () => start(() => stream.retry()).catch(swallow),
      // An edit with files is refused like a send when one cannot be read.
      editMessage: (messageId: string, content: string, editOptions?: EditOptions) => {
        setRefused(undefined);
        return start(() => stream.editMessage(messageId, content, editOptions)).catch(reportRefusal);
      },
      regenerate: (messageId: string) => start(() => stream.regenerate(messageId)).catch(swallow),
      getBranches: (messageId: string) => stream.getBranches(messageId),
      switchBranch: (messageId: string, index: number) => stream.switchBranch(messageId, index),
      reset: () => {
        setRefused(undefined);
        stream.reset();
      },
      setMessages: (next: Message[] | ((previous: Message[]) => Message[])) => stream.setMessages(next),
      addToolResult: (toolCallId: string, output: unknown) => stream.addToolResult(toolCallId, output),
      approveToolCall: (toolCallId: string) => stream.approveToolCall(toolCallId),
      denyToolCall: (toolCallId: string, reason?: string) => stream.denyToolCall(toolCallId, reason),
    }),
    [stream, start, reportRefusal],
  );

  return useMemo(
    () => ({ ...snapshot, error: snapshot.error ?? refused, isRestoring, ...actions, send, input, setInput, handleInputChange, handleSubmit, stream }),
    [snapshot, refused, isRestoring, actions, send, stream, input, setInput, handleInputChange, handleSubmit],
  );
}
