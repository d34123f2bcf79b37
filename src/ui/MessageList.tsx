import { createContext, memo, useContext, useEffect, useRef, useState, type ReactNode } from 'react';
import { useStickToBottom, type StickToBottomInstance } from 'use-stick-to-bottom';
import { useIsomorphicLayoutEffect } from '../react/use-latest';
import { ListAnnouncesProvider, ReplyAnnouncer } from './announce';
import { ChatBusy } from './chat-busy';
import { cx } from './class-names';
import { Icon } from './icons';
import { useLabels } from './labels';
import { Message, type MessageProps } from './Message';
import { TypingIndicator } from './TypingIndicator';
import type { Message as ChatMessage } from '../core/types';

export interface MessageListProps extends Omit<MessageProps, 'message' | 'onRetry' | 'className' | 'branchIndex' | 'branchCount'> {
  messages: readonly ChatMessage[];
  /** A reply is on its way: the list is `aria-busy`, and shows a typing indicator until the reply starts. */
  isStreaming?: boolean;
  /** Offered on the last message when it is a finished, stopped or failed reply. */
  onRetry?: () => void;
  /** A message's versions (`useChatStream`'s `getBranches`): a branch picker shows on messages with several. */
  getBranches?: (messageId: string) => { index: number; count: number };
  /**
   * Renders one message instead of `<Message>`; `props` are what `<Message>` would get.
   * Pass a stable function: rows are memoised on their props.
   */
  renderMessage?: (message: ChatMessage, props: MessageProps) => ReactNode;
  className?: string;
}

interface RowProps extends MessageProps {
  render: MessageListProps['renderMessage'];
}

// Memoised on the message object: the core replaces only the message that changed, so while
// a reply streams every other row is skipped with a shallow props comparison.
const Row = memo(function Row({ render, ...props }: RowProps) {
  return render ? render(props.message, props) : <Message {...props} />;
});

/**
 * The conversation, as a `log` region. Sticks to the bottom while a reply streams; scrolling
 * up stops that (a "jump to latest" button brings it back). Tokens are not announced one by
 * one, and the log is not a live region (it would read a whole markdown reply aloud): a visually
 * hidden status region says that a reply started and how it ended, with the text of short ones.
 */
export function MessageList({ messages, isStreaming = false, onRetry, getBranches, renderMessage, className, labels, ...messageProps }: MessageListProps) {
  const l = useLabels(labels);
  const last = messages[messages.length - 1];
  const rows = (
    <ListAnnouncesProvider value={true}>
      {/* Edit, Regenerate and the branch pickers are disabled while a reply streams. */}
      <ChatBusy.Provider value={isStreaming}>
      {messages.map((message) => (
        <Row
          key={message.id}
          {...messageProps}
          {...branchProps(getBranches, message.id)}
          labels={labels}
          message={message}
          onRetry={message === last && message.role === 'assistant' && !isStreaming ? onRetry : undefined}
          render={renderMessage}
        />
      ))}
      {isStreaming && last?.role !== 'assistant' ? <TypingIndicator labels={labels} /> : null}
      </ChatBusy.Provider>
    </ListAnnouncesProvider>
  );
  return (
    <div className={cx('ask-message-list', className)}>
      <RowsContext.Provider value={{ rows, busy: isStreaming, sentId: last?.role === 'user' ? last.id : undefined }}>
        <StickyLog label={l.conversation} jumpLabel={l.jumpToLatest} busy={isStreaming}>
          {rowsSlot}
        </StickyLog>
      </RowsContext.Provider>
      <ReplyAnnouncer messages={messages} isStreaming={isStreaming} labels={labels} />
    </div>
  );
}

/** Numbers, not an object: memoised rows compare them by value. */
function branchProps(getBranches: MessageListProps['getBranches'], id: string) {
  const branches = getBranches?.(id);
  return branches && branches.count > 1 ? { branchIndex: branches.index, branchCount: branches.count } : undefined;
}

/**
 * The rows reach the log through context, so the log component itself does not re-render as a
 * reply streams, nor when one starts or ends. use-stick-to-bottom calls setState from its resize
 * and scroll handlers on every frame; React skips a same-value update without rendering only while
 * the component has no other work, and not right after it rendered: a log re-rendered by a token,
 * or by the start or end of a reply, would commit a second time in that frame.
 */
interface RowsValue {
  rows: ReactNode;
  /** A reply is on its way: the log is `aria-busy`. */
  busy: boolean;
  /** The id of a message the user just sent: the log goes back to the bottom for it. */
  sentId: string | undefined;
}
const RowsContext = createContext<RowsValue>({ rows: null, busy: false, sentId: undefined });

const StickContext = createContext<StickToBottomInstance | undefined>(undefined);

function Rows() {
  const { rows, busy, sentId } = useContext(RowsContext);
  const { scrollRef, contentRef, state, scrollToBottom } = useContext(StickContext) ?? {};
  const height = useRef(0);
  // Rows that grew a log stuck at the bottom scroll it down in the same commit. use-stick-to-bottom
  // would scroll a frame later, from its ResizeObserver: meanwhile the log is briefly "not near the
  // bottom", and each flip of that state (and back) is a React commit of its own, a second one in
  // the frame. Pinned here, its resize and scroll handlers find it at the bottom: no state change.
  // Only a log that was at its old bottom: a reader who scrolled up (or an animation under way, or
  // a text selection) is left to the library. Without a ResizeObserver (jsdom), no sticking at all.
  useIsomorphicLayoutEffect(() => {
    const log = scrollRef?.current;
    if (!log || !state) return;
    log.setAttribute('aria-busy', String(busy));
    if (!contentRef?.current) return;
    const before = height.current;
    height.current = log.scrollHeight;
    if (height.current > before && log.scrollTop >= before - log.clientHeight - 2 && state.isAtBottom && !state.escapedFromLock && document.getSelection()?.isCollapsed !== false) {
      state.scrollTop = state.targetScrollTop;
    }
  });
  // A message the user just sent: back to the bottom, even if they had scrolled up. Instantly: a
  // spring would still be running (reading layout every frame) as the reply starts. Already at the
  // bottom, the library's state is left alone (a same-value update right after a render renders).
  useEffect(() => {
    if (sentId && state) void scrollToBottom?.({ animation: 'instant', preserveScrollPosition: state.isAtBottom });
  }, [sentId, state, scrollToBottom]);
  return rows;
}
const rowsSlot = <Rows />;

interface StickyLogProps {
  label: string;
  jumpLabel: string;
  /** Rendered as it was at mount only, so React never rewrites it: the rows keep it current. */
  busy: boolean;
  children: ReactNode;
}

/**
 * Growth while a reply streams scrolls instantly: a spring animation would run (and read
 * layout) on every frame of the reply, and its lag flips use-stick-to-bottom's near-bottom state
 * back and forth, each flip a React commit of its own.
 */
const stickOptions = { initial: 'instant', resize: 'instant' } as const;

/**
 * The scrolling log and its "jump to latest" button: the only component use-stick-to-bottom's
 * state re-renders. Memoised with stable `children` (the rows slot): it renders when its labels
 * or its own scroll state change (`busy` is left out), never for a token, a send, or a reply's end.
 */
const StickyLog = memo(function StickyLog({ label, jumpLabel, busy, children }: StickyLogProps) {
  const stick = useStickToBottom(stickOptions);
  const { scrollRef, contentRef, isAtBottom, scrollToBottom } = stick;
  const [busyAtMount] = useState(busy);
  return (
    <>
      {/* Focusable so the keyboard can scroll it even when no message has a button. */}
      <div ref={scrollRef} className="ask-message-list-scroll" role="log" aria-live="off" aria-busy={busyAtMount} aria-label={label} tabIndex={0}>
        {/* jsdom and old browsers have no ResizeObserver: no sticking, but no crash. */}
        <div ref={typeof ResizeObserver === 'undefined' ? undefined : contentRef} className="ask-message-list-content">
          <StickContext.Provider value={stick}>{children}</StickContext.Provider>
        </div>
      </div>
      {isAtBottom ? null : (
        <button type="button" className="ask-button ask-jump-button" onClick={() => void scrollToBottom()}>
          <Icon name="down" />
          {jumpLabel}
        </button>
      )}
    </>
  );
}, (a, b) => a.label === b.label && a.jumpLabel === b.jumpLabel);
