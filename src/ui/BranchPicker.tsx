import { useContext, useEffect, useRef, useState } from 'react';
import { ChatBusy } from './chat-busy';
import { cx } from './class-names';
import { fill } from './fill';
import { Icon } from './icons';
import { editLabels } from './edit-labels';
import { useLabels, type UILabels } from './labels';

export interface BranchPickerProps {
  /** The version shown, 0-based. */
  index: number;
  /** How many versions there are. */
  count: number;
  /** Called with the index to show; absent (or `disabled`) while a reply streams. */
  onSwitch?: (index: number) => void;
  disabled?: boolean;
  className?: string;
  labels?: Partial<UILabels>;
}

const leftIcon = 'M15 5l-7 7 7 7';
const rightIcon = 'M9 5l7 7-7 7';

/**
 * A picker switched away and its message is replaced (a new row): the picker that replaces it
 * takes the focus back and announces where it stands. Cleared soon after, so a picker that
 * mounts later for another reason never steals the focus.
 */
let switched: { direction: 'previous' | 'next'; timer: ReturnType<typeof setTimeout> } | undefined;

/** ‹ 2 / 3 ›: moves between the versions of a message (edits, regenerated replies). */
export function BranchPicker({ index, count, onSwitch, disabled, className, labels }: BranchPickerProps) {
  const l = useLabels(labels, editLabels);
  const previous = useRef<HTMLButtonElement>(null);
  const next = useRef<HTMLButtonElement>(null);
  const [said, setSaid] = useState('');
  const status = fill(l.branchStatus, { n: index + 1, count });
  const busy = useContext(ChatBusy);
  const off = disabled || busy || !onSwitch;

  useEffect(() => {
    if (!switched) return;
    clearTimeout(switched.timer);
    const button = (switched.direction === 'previous' ? previous : next).current;
    switched = undefined;
    (button?.disabled ? (button === previous.current ? next : previous).current : button)?.focus();
    setSaid(status); // the live region is in the page before its text changes: it is read out
    // eslint-disable-next-line react-hooks/exhaustive-deps -- only when this picker appears
  }, []);

  const go = (direction: 'previous' | 'next') => {
    const target = direction === 'previous' ? index - 1 : index + 1;
    if (off || target < 0 || target >= count) return;
    onSwitch(target);
    if (switched) clearTimeout(switched.timer);
    switched = { direction, timer: setTimeout(() => (switched = undefined), 1000) };
    setSaid(fill(l.branchStatus, { n: target + 1, count })); // when the same picker stays
  };

  return (
    <div className={cx('ask-branch-picker', className)} role="group" aria-label={status}>
      <button type="button" ref={previous} className="ask-button ask-branch-button" aria-label={l.previousBranch} title={l.previousBranch} disabled={off || index === 0} onClick={() => go('previous')}>
        <Icon d={leftIcon} />
      </button>
      <span className="ask-branch-count" aria-hidden="true">
        {index + 1} / {count}
      </span>
      <button type="button" ref={next} className="ask-button ask-branch-button" aria-label={l.nextBranch} title={l.nextBranch} disabled={off || index >= count - 1} onClick={() => go('next')}>
        <Icon d={rightIcon} />
      </button>
      <span className="ask-visually-hidden" aria-live="polite">
        {said}
      </span>
    </div>
  );
}
