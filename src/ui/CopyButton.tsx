import { useEffect, useRef, useState } from 'react';
import { cx } from './class-names';
import { copyText } from './copy-text';
import { Icon } from './icons';
import { useLabels, type UILabels } from './labels';

export interface CopyButtonProps {
  /** The text to copy, or a function that returns it at click time. */
  text: string | (() => string);
  className?: string;
  labels?: Partial<UILabels>;
  /** Called after each attempt with whether it worked. */
  onCopy?: (ok: boolean) => void;
  /** How long "Copied" stays, in ms. Default 2000. */
  feedbackDuration?: number;
}

export function CopyButton({ text, className, labels, onCopy, feedbackDuration = 2000 }: CopyButtonProps) {
  const l = useLabels(labels);
  const [state, setState] = useState<'idle' | 'copied' | 'failed'>('idle');
  const timer = useRef<ReturnType<typeof setTimeout>>(undefined);
  useEffect(() => () => clearTimeout(timer.current), []);

  const copy = async () => {
    const ok = await copyText(typeof text === 'function' ? text() : text);
    setState(ok ? 'copied' : 'failed');
    onCopy?.(ok);
    clearTimeout(timer.current);
    timer.current = setTimeout(() => setState('idle'), feedbackDuration);
  };

  const label = state === 'copied' ? l.copied : state === 'failed' ? l.copyFailed : l.copy;
  return (
    <button type="button" className={cx('ask-button', 'ask-copy-button', className)} data-state={state} onClick={copy}>
      <Icon name={state === 'copied' ? 'check' : 'copy'} />
      {/* The label itself changes, and a live region says so to screen readers. */}
      <span aria-live="polite">{label}</span>
    </button>
  );
}
