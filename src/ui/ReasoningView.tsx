import { useState } from 'react';
import { cx } from './class-names';
import { useLabels, type UILabels } from './labels';

export interface ReasoningViewProps {
  /** The reasoning / thinking text the model streamed. */
  reasoning: string;
  /** Open while the reasoning streams; it folds away once the reply moves on. */
  streaming?: boolean;
  className?: string;
  labels?: Partial<UILabels>;
}

/** The model's reasoning in a collapsible box: open while it streams, folded afterwards. */
export function ReasoningView({ reasoning, streaming = false, className, labels }: ReasoningViewProps) {
  const l = useLabels(labels);
  const [open, setOpen] = useState(streaming);
  // Follow `streaming` (open when it starts, fold when it ends); the reader's toggles win in between.
  const [wasStreaming, setWasStreaming] = useState(streaming);
  if (wasStreaming !== streaming) {
    setWasStreaming(streaming);
    setOpen(streaming);
  }
  return (
    <details className={cx('ask-reasoning', className)} data-streaming={streaming || undefined} open={open} onToggle={(event) => setOpen(event.currentTarget.open)}>
      <summary className="ask-reasoning-summary">{streaming ? l.reasoningStreaming : l.reasoning}</summary>
      <div className="ask-reasoning-body" dir="auto">
        {reasoning}
      </div>
    </details>
  );
}
