import type { ReactNode } from 'react';
import { cx } from './class-names';
import { CopyButton } from './CopyButton';
import { ErrorNotice } from './ErrorNotice';
import { LazyMessageFiles } from './lazy-file-part';
import type { Highlighter } from './highlighter';
import type { ImagePolicy } from './markdown/safe-url';
import type { MathRenderer } from './MathFormula';
import { useLabels, type UILabels } from './labels';
import type { MarkdownComponents } from './markdown/render';
import { MessageParts, type DataRenderers, type ToolCallbacks, type ToolRenderers } from './MessageParts';
import { LazyReasoningView, LazyToolCallView } from './lazy-part-views';
import { RetryButton } from './RetryButton';
import { StreamingMarkdown } from './StreamingMarkdown';
import { TypingIndicator } from './TypingIndicator';
import { MessageActionsSlot } from './lazy-message-actions';
import { UsageMeter, type TokenPrice } from './UsageMeter';
import type { EditOptions, Message as ChatMessage } from '../core/types';
import { isToolCallSettled, type MessagePart } from '../core/message-parts';

export interface MessageProps extends ToolCallbacks {
  message: ChatMessage;
  /** Offered on a finished, failed or stopped assistant reply. */
  onRetry?: () => void;
  /**
   * Offers Edit on user messages: the new text becomes a new version of the message (a branch).
   * The message's files come along as `options.files` (`useChatStream`'s `editMessage` fits).
   */
  onEdit?: (messageId: string, content: string, options?: EditOptions) => void;
  /** Offers Regenerate on finished replies: a new version of the reply (a branch). */
  onRegenerate?: (messageId: string) => void;
  /** This message's version, 0-based, and how many there are: a `BranchPicker` shows when there are several. */
  branchIndex?: number;
  branchCount?: number;
  /** Shows another version of this message (`index` among its versions). */
  onSwitchBranch?: (messageId: string, index: number) => void;
  /** Tool outputs by tool call id. */
  toolResults?: Record<string, unknown>;
  highlighter?: Highlighter;
  components?: MarkdownComponents;
  /** Which images in replies load by themselves (default `'same-origin'`); see `StreamingMarkdown`. */
  images?: ImagePolicy;
  /** Renders math in replies (`createKatexMath()` from `ai-stream-kit/ui/katex`); see `StreamingMarkdown`. */
  math?: MathRenderer;
  /** Show the reply's token usage (and cost, with `pricePer1k`). */
  showUsage?: boolean;
  pricePer1k?: TokenPrice;
  className?: string;
  labels?: Partial<UILabels>;
  /** Shown before the message: a node, or a function of the message (e.g. by role). */
  avatar?: MessageSlot;
  /** The author's name above the text: a node, or a function of the message. */
  name?: MessageSlot;
  /** Tool name → your component for its calls (with `message.parts`). Pass a stable object. */
  toolRenderers?: ToolRenderers;
  /** Data-part name → your component (with `message.parts`); unknown data parts render nothing. Pass a stable object. */
  dataRenderers?: DataRenderers;
}

/** A slot filled per message. Pass a stable value (not a new function each render) to keep messages memoised. */
export type MessageSlot = ReactNode | ((message: ChatMessage) => ReactNode);

const fill = (slot: MessageSlot, message: ChatMessage) => (typeof slot === 'function' ? slot(message) : slot);

/**
 * One chat message, from props only. User and system text shows as written (never parsed
 * as markdown); assistant replies show reasoning, tool calls, markdown, errors and actions.
 */
export function Message({ message, onRetry, onEdit, onRegenerate, branchIndex = 0, branchCount = 1, onSwitchBranch, toolResults, highlighter, components, images, math, showUsage, pricePer1k, className, labels, avatar, name, toolRenderers, dataRenderers, onToolResult, onApprove, onDeny }: MessageProps) {
  const l = useLabels(labels);
  const { role, content, reasoning, toolCalls, status, error, usage } = message;
  const streaming = status === 'streaming';
  const hasTools = !!toolCalls?.length;
  const parts = message.parts?.length ? withToolResults(message.parts, toolResults) : undefined;
  // Attachments of a user (or system) message (their code loads with the first); a reply's files show among its parts.
  const hasFiles = message.parts?.some((part) => part.type === 'file');
  // As written, never markdown; a message of files only has no empty bubble.
  const text = content || !hasFiles ? (
    <div className="ask-message-text" dir="auto">
      {content}
    </div>
  ) : null;
  const editable = role === 'user' ? onEdit : undefined;
  const face = fill(avatar, message);
  const author = fill(name, message);
  const branches = { branchIndex, branchCount, onSwitchBranch, labels };
  // A reply that offers Retry (the last one, or a failed one) does not offer Regenerate as well.
  const regenerate = onRegenerate && !streaming && !onRetry;
  return (
    <article className={cx('ask-message', className)} data-role={role} data-status={status} aria-label={l[role]}>
      {face != null || author != null ? (
        <div className="ask-message-header">
          {face != null ? <span className="ask-message-avatar">{face}</span> : null}
          {author != null ? <span className="ask-message-name">{author}</span> : null}
        </div>
      ) : null}
      {role !== 'assistant' ? (
        <>
          {hasFiles ? <LazyMessageFiles message={message} labels={labels} /> : null}
          {/* Edit and the branch picker (and the inline editor, in the text's place) are in the actions' chunk. */}
          {editable || branchCount > 1 ? <MessageActionsSlot message={message} text={text} onEdit={editable} {...branches} /> : text}
        </>
      ) : (
        <>
          {/* A reply made of parts shows them in stream order; older messages keep the fixed layout. */}
          {parts ? (
            <MessageParts
              parts={parts}
              status={status}
              {...{ highlighter, components, images, math, labels, toolRenderers, dataRenderers, onToolResult, onApprove, onDeny }}
            />
          ) : (
            <>
              {reasoning ? <LazyReasoningView reasoning={reasoning} streaming={streaming && !content && !hasTools} labels={labels} /> : null}
              {toolCalls?.map((call) => <LazyToolCallView key={call.id} toolCall={call} result={toolResults?.[call.id]} labels={labels} />)}
              {content ? (
                <StreamingMarkdown content={content} streaming={streaming} incomplete={status === 'aborted' || status === 'error'} highlighter={highlighter} components={components} images={images} math={math} labels={labels} />
              ) : streaming && !reasoning && !hasTools ? (
                <TypingIndicator labels={labels} />
              ) : null}
            </>
          )}
          {status === 'aborted' ? <p className="ask-message-note">{l.aborted}</p> : null}
          {error ? <ErrorNotice error={error} onRetry={onRetry} labels={labels} /> : null}
          {(!streaming && (content || (onRetry && !error) || regenerate)) || branchCount > 1 ? (
            <div className="ask-message-actions">
              {content && !streaming ? <CopyButton text={content} labels={labels} /> : null}
              {onRetry && !error && !streaming ? <RetryButton onRetry={onRetry} labels={labels} /> : null}
              {regenerate || branchCount > 1 ? <MessageActionsSlot message={message} onRegenerate={regenerate ? onRegenerate : undefined} {...branches} /> : null}
              {showUsage && usage ? <UsageMeter usage={usage} pricePer1k={pricePer1k} labels={labels} /> : null}
            </div>
          ) : null}
        </>
      )}
    </article>
  );
}

/** `toolResults` (by call id) settles the calls it answers, as it did before messages had parts. */
function withToolResults(parts: MessagePart[], toolResults: Record<string, unknown> | undefined): MessagePart[] {
  if (!toolResults) return parts;
  return parts.map((part) =>
    part.type === 'tool-call' && part.id in toolResults && !isToolCallSettled(part)
      ? { ...part, state: 'output-available', output: toolResults[part.id] }
      : part,
  );
}
