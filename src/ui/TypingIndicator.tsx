import { useListAnnounces } from './announce';
import { cx } from './class-names';
import { useLabels, type UILabels } from './labels';

export interface TypingIndicatorProps {
  className?: string;
  labels?: Partial<UILabels>;
}

/** Three pulsing dots while the reply has not started yet. */
export function TypingIndicator({ className, labels }: TypingIndicatorProps) {
  const l = useLabels(labels);
  // In a MessageList the list announces the reply; a second live region would say it twice.
  const quiet = useListAnnounces();
  return (
    <span className={cx('ask-typing', className)} role={quiet ? undefined : 'status'}>
      {/* The dots are the box's own ::before/::after and this span's background. */}
      <span className="ask-typing-dots" aria-hidden="true" />
      <span className="ask-visually-hidden">{l.typing}</span>
    </span>
  );
}
