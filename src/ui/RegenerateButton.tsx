import { useContext } from 'react';
import { ChatBusy } from './chat-busy';
import { cx } from './class-names';
import { Icon } from './icons';
import { editLabels } from './edit-labels';
import { useLabels, type UILabels } from './labels';

export interface RegenerateButtonProps {
  onRegenerate: () => void;
  disabled?: boolean;
  className?: string;
  labels?: Partial<UILabels>;
}

/** Asks for a new version of a reply; the old one stays as a branch. Disabled while a reply streams. */
export function RegenerateButton({ onRegenerate, disabled, className, labels }: RegenerateButtonProps) {
  const l = useLabels(labels, editLabels);
  const busy = useContext(ChatBusy);
  return (
    <button type="button" className={cx('ask-button', 'ask-regenerate-button', className)} onClick={onRegenerate} disabled={disabled || busy}>
      <Icon name="retry" />
      <span>{l.regenerate}</span>
    </button>
  );
}
