import { useId, useState } from 'react';
import { cx } from './class-names';
import { fill } from './fill';
import { useLabels, type UILabels } from './labels';

export interface ToolApprovalProps {
  /** The call waiting for a decision. */
  toolCallId: string;
  /** The tool's name, shown in the prompt. */
  name: string;
  onApprove?: (toolCallId: string) => void;
  /** Gets the reason the user typed, or `undefined` when they gave none. */
  onDeny?: (toolCallId: string, reason?: string) => void;
  /** Offer a field for the reason of a denial. Default true. */
  askReason?: boolean;
  /** Called after either button, e.g. to move focus somewhere that stays (the buttons go away). */
  onDecided?: () => void;
  className?: string;
  labels?: Partial<UILabels>;
}

/**
 * Approve / Deny for a tool call that needs the user's consent. Nothing takes focus on its own
 * (the user may be typing); both buttons are plain buttons in tab order, and Enter in the
 * reason field denies with that reason.
 */
export function ToolApproval({ toolCallId, name, onApprove, onDeny, askReason = true, onDecided, className, labels }: ToolApprovalProps) {
  const l = useLabels(labels);
  const [reason, setReason] = useState('');
  const promptId = useId();
  const deny = () => {
    onDeny?.(toolCallId, reason.trim() || undefined);
    onDecided?.();
  };
  return (
    <div className={cx('ask-tool-approval', className)} role="group" aria-labelledby={promptId}>
      <p id={promptId} className="ask-tool-approval-prompt">
        {fill(l.toolApprovalPrompt, { tool: name })}
      </p>
      {askReason ? (
        <input
          className="ask-tool-approval-reason"
          type="text"
          value={reason}
          aria-label={l.toolDenyReason}
          placeholder={l.toolDenyReason}
          onChange={(event) => setReason(event.target.value)}
          onKeyDown={(event) => {
            if (event.key === 'Enter' && !event.nativeEvent.isComposing) {
              event.preventDefault();
              deny();
            }
          }}
        />
      ) : null}
      <div className="ask-tool-approval-actions">
        <button
          type="button"
          className="ask-button ask-tool-approve"
          onClick={() => {
            onApprove?.(toolCallId);
            onDecided?.();
          }}
        >
          {l.toolApprove}
        </button>
        <button type="button" className="ask-button ask-tool-deny" onClick={deny}>
          {l.toolDeny}
        </button>
      </div>
    </div>
  );
}
