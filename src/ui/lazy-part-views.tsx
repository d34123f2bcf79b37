import { cx } from './class-names';
import { lazyComponent } from './lazy-component';
import { useLabels } from './labels';
import type { ReasoningViewProps } from './ReasoningView';
import type { SourceListProps } from './SourceList';
import type { ToolCallViewProps } from './ToolCallView';

// Views of reply parts many apps never receive: each loads from a chunk of its own the first time
// a message has such a part, so a chat without tools, sources or reasoning does not carry them.
// Until it is in, a placeholder takes its place: the same outer element and classes, out of the
// tab order, announcing nothing (announce.tsx speaks for tool calls, from state, not from these).

/** The card's collapsed summary: label and tool name; the state pill and the body come with the chunk. */
function ToolCallPlaceholder({ toolCall, className, labels }: ToolCallViewProps) {
  const l = useLabels(labels);
  return (
    <details className={cx('ask-tool', className)} data-state={'type' in toolCall ? toolCall.state : undefined}>
      <summary className="ask-tool-summary" tabIndex={-1}>
        <span className="ask-tool-label">{l.toolCall}</span>
        <code className="ask-tool-name">{toolCall.name}</code>
      </summary>
    </details>
  );
}

/** The numbered rows, empty and hidden from assistive technology until the titles come. */
function SourceListPlaceholder({ sources, numberOf, className }: SourceListProps) {
  if (sources.length === 0) return null;
  return (
    <ol className={cx('ask-sources', className)} aria-hidden="true">
      {sources.map((source, index) => (
        <li key={source.id} className="ask-source" value={numberOf ? numberOf(source, index) : index + 1} />
      ))}
    </ol>
  );
}

/** The collapsed box with its heading. */
function ReasoningPlaceholder({ streaming, className, labels }: ReasoningViewProps) {
  const l = useLabels(labels);
  return (
    <details className={cx('ask-reasoning', className)} data-streaming={streaming || undefined}>
      <summary className="ask-reasoning-summary" tabIndex={-1}>
        {streaming ? l.reasoningStreaming : l.reasoning}
      </summary>
    </details>
  );
}

/** ToolCallView (with ToolApproval), from its own chunk. */
export const LazyToolCallView = lazyComponent<ToolCallViewProps>(() => import('./ToolCallView').then((module) => module.ToolCallView), ToolCallPlaceholder);

/** SourceList, from its own chunk. */
export const LazySourceList = lazyComponent<SourceListProps>(() => import('./SourceList').then((module) => module.SourceList), SourceListPlaceholder);

/** ReasoningView, from its own chunk. */
export const LazyReasoningView = lazyComponent<ReasoningViewProps>(() => import('./ReasoningView').then((module) => module.ReasoningView), ReasoningPlaceholder);
