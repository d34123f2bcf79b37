import { cx } from './class-names';
import { Icon } from './icons';
import { useLabels, type UILabels } from './labels';

export interface RetryButtonProps {
  onRetry: () => void;
  disabled?: boolean;
  className?: string;
  labels?: Partial<UILabels>;
}

/** Sends the last request again. */
export function RetryButton({ onRetry, disabled, className, labels }: RetryButtonProps) {
  const l = useLabels(labels);
  return (
    <button type="button" className={cx('ask-button', 'ask-retry-button', className)} onClick={onRetry} disabled={disabled}>
      <Icon name="retry" />
      <span>{l.retry}</span>
    </button>
  );
}
