import { createContext, memo, useContext, useEffect, useMemo, useState, type ReactNode, type RefCallback } from 'react';
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
  const { scrollRef, state, scrollToBottom } = useContext(StickContext) ?? {};
  // Written here, not rendered by StickyLog: the log itself never re-renders when a reply starts or ends.
  useIsomorphicLayoutEffect(() => {
    if (state) scrollRef?.current?.setAttribute('aria-busy', String(busy));
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
  const { scrollRef, isAtBottom, scrollToBottom } = stick;
  const contentRef = usePinnedContentRef(stick);
  const [busyAtMount] = useState(busy);
  return (
    <>
      {/* Focusable so the keyboard can scroll it even when no message has a button. */}
      <div ref={scrollRef} className="ask-message-list-scroll" role="log" aria-live="off" aria-busy={busyAtMount} aria-label={label} tabIndex={0}>
        {/* jsdom and old browsers have no ResizeObserver: no sticking, but no crash. */}
        <div ref={contentRef} className="ask-message-list-content">
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

/**
 * The library's content ref, with a ResizeObserver of ours made before the library's own, so it
 * runs first each frame: content that grew a log stuck at its old bottom scrolls it down before
 * the library looks. use-stick-to-bottom alone would scroll a frame later (a rAF): meanwhile the
 * log is "not near the bottom", and each flip of that state (and back) is a React commit of its
 * own, a second one in the frame. The observer runs after the browser's layout, so reading the
 * height costs nothing; read in a commit, it would force that layout inside the commit, which
 * then grows with the reply. A reader who scrolled up (or a text selection, or an animation under
 * way) is left to the library. Without ResizeObserver (jsdom, old browsers): no sticking at all.
 */
function usePinnedContentRef(stick: StickToBottomInstance): RefCallback<HTMLElement> | undefined {
  return useMemo(() => {
    if (typeof ResizeObserver === 'undefined') return undefined;
    const { scrollRef, contentRef, state } = stick;
    let observer: ResizeObserver | undefined;
    let height = 0;
    return (content: HTMLElement | null) => {
      observer?.disconnect();
      observer = undefined;
      if (content) {
        observer = new ResizeObserver(() => {
          const log = scrollRef.current;
          if (!log) return;
          const before = height;
          height = log.scrollHeight;
          if (height > before && log.scrollTop >= before - log.clientHeight - 2 && state.isAtBottom && !state.escapedFromLock && document.getSelection()?.isCollapsed !== false) {
            state.scrollTop = state.targetScrollTop;
          }
        });
        observer.observe(content);
      }
      contentRef(content);
    };
    // The library's refs and state are stable for the component's life.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);
}
