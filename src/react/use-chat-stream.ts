import { useCallback, useMemo } from 'react';
import type { ChangeEvent, FormEvent } from 'react';
import type { AIStream } from '../core/ai-stream';
import type { AIStreamError } from '../shared/errors';
import type { BranchInfo, EditOptions, Message, SendOptions, StreamStatus, Usage } from '../core/types';
import { useChatState, useRefusal, type ChatStateOptions } from './use-chat-state';

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
   * `retry`, `editMessage` and `regenerate` report a refusal the same way ('busy' while a reply
   * streams, 'invalid' for a message id not on the active path).
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
  const [refused, setRefused, reportRefusal] = useRefusal(stream, latest);
  // After the restore (with storage), as the driver: this component's options apply to the
  // request. A refusal lands in `error` and `onError` (useRefusal); nothing rejects.
  const start = useCallback(
    (request: () => Promise<void>): Promise<void> => {
      setRefused(undefined);
      return afterRestore(() => {
        drive();
        return request();
      }).catch(reportRefusal);
    },
    [afterRestore, drive, setRefused, reportRefusal],
  );
  const send = useCallback((content: string, sendOptions?: SendOptions) => start(() => stream.send(content, sendOptions)), [stream, start]);
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
      retry: () => start(() => stream.retry()),
      editMessage: (messageId: string, content: string, editOptions?: EditOptions) => start(() => stream.editMessage(messageId, content, editOptions)),
      regenerate: (messageId: string) => start(() => stream.regenerate(messageId)),
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
    [stream, start, setRefused],
  );

  return useMemo(
    () => ({ ...snapshot, error: snapshot.error ?? refused, isRestoring, ...actions, send, input, setInput, handleInputChange, handleSubmit, stream }),
    [snapshot, refused, isRestoring, actions, send, stream, input, setInput, handleInputChange, handleSubmit],
  );
}
