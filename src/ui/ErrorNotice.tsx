import { cx } from './class-names';
import { Icon } from './icons';
import { useLabels, type UILabels } from './labels';
import { RetryButton } from './RetryButton';

export interface ErrorNoticeProps {
  /**
   * An `AIStreamError`, a message's `error`, or your own `{ message, code }`. When the error
   * carries `serverCode` (errors from the kit do), that is the code shown: the kind of failure
   * ('http', 'server', ...) says nothing the message and status don't.
   */
  error: { message: string; code?: string; status?: number | undefined; serverCode?: string | undefined };
  /** Shows a retry button when given. */
  onRetry?: () => void;
  className?: string;
  labels?: Partial<UILabels>;
}

/** A failed reply: what went wrong, and a way to try again. */
export function ErrorNotice({ error, onRetry, className, labels }: ErrorNoticeProps) {
  const l = useLabels(labels);
  const code = 'serverCode' in error ? error.serverCode : error.code;
  const meta = [error.status !== undefined && `${l.errorStatus} ${error.status}`, code !== undefined && `${l.errorCode} ${code}`]
    .filter(Boolean)
    .join(' · ');
  return (
    <div className={cx('ask-error', className)} role="alert">
      <Icon name="alert" />
      <div className="ask-error-body">
        <p className="ask-error-title">{l.error}</p>
        <p className="ask-error-message" dir="auto">
          {error.message}
        </p>
        {meta ? <p className="ask-error-meta">{meta}</p> : null}
      </div>
      {onRetry ? <RetryButton onRetry={onRetry} labels={labels} /> : null}
    </div>
  );
}
