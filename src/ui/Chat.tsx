import { memo, useCallback, useEffect } from 'react';
import { useChatStream, type UseChatStreamOptions, type UseChatStreamResult } from '../react/use-chat-stream';
import { cx } from './class-names';
import { Composer, type ComposerProps } from './Composer';
import type { Message as ChatMessage } from '../core/types';
import { ErrorNotice } from './ErrorNotice';
import { LabelsProvider, type UILabels } from './labels';
import { preloadMessageActions } from './lazy-message-actions';
import { MessageList, type MessageListProps } from './MessageList';
import { RetryButton } from './RetryButton';
import { UsageMeter } from './UsageMeter';

export interface ChatViewProps extends Omit<MessageListProps, 'messages' | 'isStreaming' | 'onRetry' | 'showUsage' | 'labels' | 'getBranches'> {
  /** Every label below this chat (see `UILabels`). */
  labels?: Partial<UILabels>;
  /** The conversation's token totals (and cost, with `pricePer1k`) under the composer. Default true. */
  showUsage?: boolean;
  placeholder?: string;
  /** Forces a colour scheme (`data-theme`); default: the page's, or prefers-color-scheme. */
  theme?: 'light' | 'dark';
  /** Lets the user attach files: pass `ComposerAttachments` (and `accept`, `maxFileSize`, `maxFiles`). See the README. */
  attachments?: ComposerProps['attachments'];
  accept?: string;
  maxFileSize?: number;
  maxFiles?: number;
  /** Offers Edit on the user's messages (a new version, a branch). Default true; `false` never loads the edit UI. */
  editable?: boolean;
  /** Offers Regenerate on finished replies (a new version, a branch). Default true; `false` never loads its button. */
  regenerate?: boolean;
}

/** Either a chat you made with `useChatStream` (`chat`), or the options to make one. */
export type ChatProps = ChatViewProps & ({ chat: UseChatStreamResult } | (UseChatStreamOptions & { chat?: undefined }));

/**
 * A drop-in chat: messages, composer, stop and retry, errors and usage. Give it `endpoint`
 * (and any other `useChatStream` option), or a `chat` from your own `useChatStream` call.
 */
export function Chat(props: ChatProps) {
  // One component per form, so each calls the same hooks on every render.
  return props.chat ? <ChatView {...props} chat={props.chat} /> : <OwnChat {...(props as ChatViewProps & UseChatStreamOptions)} />;
}

function OwnChat(props: ChatViewProps & UseChatStreamOptions) {
  return <ChatView {...props} chat={useChatStream(props)} />;
}

const noLabels = {};

// Its props (the input, stable callbacks) do not change while a reply streams: skipped per token.
const ChatComposer = memo(Composer);

function ChatView({ chat, labels, showUsage = true, pricePer1k, placeholder, className, theme, attachments, accept, maxFileSize, maxFiles, editable = true, regenerate = true, ...list }: ChatViewProps & { chat: UseChatStreamResult }) {
  // useChatStream's actions are stable, so the memoised message rows skip token updates.
  const { messages, isStreaming, error, usage, input, setInput, retry, send, editMessage, stream } = chat;
  // Edit, Regenerate and the branch picker are a chunk of their own, fetched once there is something
  // to offer them on: messages (a restored chat), or a message being typed, so the buttons are there
  // when it lands. An empty chat nobody writes in never fetches it. With both off it loads only if a
  // message has versions (a restored conversation's branches).
  const wantsActions = (editable || regenerate) && (messages.length > 0 || input !== '');
  useEffect(() => {
    if (wantsActions) preloadMessageActions();
  }, [wantsActions]);
  // The text and files are cleared once the message is in the chat; a refused send keeps them.
  const submit = useCallback(
    (text: string, files?: File[]) =>
      new Promise<boolean>((resolve) => {
        // Listening until the send settles: only its own user message arrives meanwhile.
        const accepted = (message: ChatMessage) => {
          if (message.role !== 'user') return;
          setInput('');
          resolve(true);
        };
        stream.on('message', accepted);
        void send(text, files && { files }).finally(() => {
          stream.off('message', accepted);
          resolve(false);
        });
      }),
    [setInput, send, stream],
  );
  const last = messages[messages.length - 1];
  const reply = last?.role === 'assistant' ? last : undefined;

  return (
    <LabelsProvider labels={labels ?? noLabels}>
      <div className={cx('ask-chat', className)} data-theme={theme}>
        {/* A failed reply shows its error (and Retry) itself. */}
        <MessageList
          {...list}
          messages={messages}
          isStreaming={isStreaming}
          onRetry={reply?.error ? retry : undefined}
          onToolResult={list.onToolResult ?? chat.addToolResult}
          onApprove={list.onApprove ?? chat.approveToolCall}
          onDeny={list.onDeny ?? chat.denyToolCall}
          onEdit={list.onEdit ?? (editable ? editMessage : undefined)}
          onRegenerate={list.onRegenerate ?? (regenerate ? chat.regenerate : undefined)}
          onSwitchBranch={list.onSwitchBranch ?? chat.switchBranch}
          getBranches={chat.getBranches}
        />
        {/* A refused send ('invalid', e.g. an unreadable file) has nothing to retry. */}
        {error && !reply?.error ? <ErrorNotice error={error} onRetry={error.code === 'invalid' ? undefined : retry} /> : null}
        <div className="ask-chat-composer">
          <ChatComposer
            value={input}
            onChange={setInput}
            onSubmit={submit}
            onStop={chat.stop}
            isStreaming={isStreaming}
            placeholder={placeholder}
            {...{ attachments, accept, maxFileSize, maxFiles }}
          />
          {reply && !isStreaming && !error ? <RetryButton onRetry={retry} /> : null}
        </div>
        {showUsage && usage.totalTokens > 0 ? <UsageMeter usage={usage} pricePer1k={pricePer1k} /> : null}
      </div>
    </LabelsProvider>
  );
}
