import { cx } from './class-names';
import { Icon } from './icons';
import { useLabels, type UILabels } from './labels';

export interface StopButtonProps {
  onStop: () => void;
  disabled?: boolean;
  className?: string;
  labels?: Partial<UILabels>;
}

/** Stops the reply that is streaming. */
export function StopButton({ onStop, disabled, className, labels }: StopButtonProps) {
  const l = useLabels(labels);
  return (
    <button type="button" className={cx('ask-button', 'ask-stop-button', className)} onClick={onStop} disabled={disabled} aria-label={l.stop} title={l.stop}>
      <Icon name="stop" />
    </button>
  );
}
