import { useMemo, useRef, useState } from 'react';
import { cx } from './class-names';
import { useLabels, type BaseLabels, type UILabels } from './labels';
import { ToolApproval } from './ToolApproval';
import type { ToolCallPart, ToolCallState } from '../core/message-parts';
import type { ToolCall } from '../core/types';

export interface ToolCallViewProps {
  /** A tool-call part (`message.parts`), or a `message.toolCalls` entry with its `result` beside it. */
  toolCall: ToolCallPart | ToolCall;
  /** For a `ToolCall`: the tool's output, once you have it. A part carries its own `output`. */
  result?: unknown;
  /** Start expanded. Default: expanded while the arguments stream and while approval is requested. */
  defaultOpen?: boolean;
  /** Shown as an Approve button when the call's state is `approval-requested`. */
  onApprove?: (toolCallId: string) => void;
  /** Shown as a Deny button (with an optional reason) when the call's state is `approval-requested`. */
  onDeny?: (toolCallId: string, reason?: string) => void;
  className?: string;
  labels?: Partial<UILabels>;
}

/** Strings show as they are; anything else as indented JSON text (never HTML). */
function showValue(value: unknown): string {
  if (typeof value === 'string') return value;
  try {
    return JSON.stringify(value, null, 2) ?? String(value);
  } catch {
    return String(value);
  }
}

/** A `message.toolCalls` entry (arguments only, its result kept beside it) as a tool-call part. */
function asPart(call: ToolCallPart | ToolCall, result: unknown): ToolCallPart {
  if ('type' in call) return call;
  const state: ToolCallState =
    call.state === 'streaming' ? 'input-streaming' : call.state === 'invalid' ? 'output-error' : result !== undefined ? 'output-available' : 'input-available';
  return { type: 'tool-call', id: call.id, name: call.name, argsText: call.argsText, args: call.args, state, output: result };
}

const stateLabels: Record<ToolCallState, keyof BaseLabels> = {
  'input-streaming': 'toolStreaming',
  'input-available': 'toolWaiting',
  'approval-requested': 'toolApprovalRequested',
  running: 'toolRunning',
  'output-available': 'toolComplete',
  'output-error': 'toolFailed',
  'output-denied': 'toolDenied',
};

/** A heading and its text; the text box scrolls, so it is focusable for keyboard scrolling. */
function section(heading: string, className: string, text: string, dir: 'ltr' | 'auto' = 'ltr') {
  return (
    <>
      <p className="ask-tool-heading">{heading}</p>
      <pre className={className} dir={dir} tabIndex={0}>
        {text}
      </pre>
    </>
  );
}

const opensAt = (state: ToolCallState) => state === 'input-streaming' || state === 'approval-requested';

/**
 * One tool call, by state: its arguments (the raw text, growing, while they stream — never
 * parsed per delta), Approve / Deny when approval is requested, a busy mark while it runs, then
 * its output, error or denial. Collapsible; it opens by itself when it needs the reader.
 */
export function ToolCallView({ toolCall, result, defaultOpen, onApprove, onDeny, className, labels }: ToolCallViewProps) {
  const l = useLabels(labels);
  const part = asPart(toolCall, result);
  const { state } = part;
  const invalidArgs = !('type' in toolCall) && toolCall.state === 'invalid';
  const [open, setOpen] = useState(defaultOpen ?? opensAt(state));
  // Follow the state (open when the reader is needed); the reader's toggles win in between.
  const [shownState, setShownState] = useState(state);
  if (shownState !== state) {
    setShownState(state);
    setOpen(opensAt(state) || (defaultOpen ?? false));
  }
  const summary = useRef<HTMLElement>(null);
  const args = useMemo(() => (state === 'input-streaming' || part.args === undefined ? part.argsText : showValue(part.args)), [state, part.args, part.argsText]);
  const output = useMemo(() => (state === 'output-available' ? showValue(part.output) : undefined), [state, part.output]);
  const asksApproval = state === 'approval-requested' && (onApprove || onDeny);

  return (
    <details
      className={cx('ask-tool', className)}
      data-state={state}
      aria-busy={state === 'running' || undefined}
      open={open}
      onToggle={(event) => setOpen(event.currentTarget.open)}
    >
      <summary ref={summary} className="ask-tool-summary">
        <span className="ask-tool-label">{l.toolCall}</span>
        <code className="ask-tool-name">{part.name}</code>
        <span className="ask-tool-state">
          {state === 'running' ? <span className="ask-tool-spinner" aria-hidden="true" /> : null}
          {invalidArgs ? l.toolInvalid : l[stateLabels[state]]}
        </span>
      </summary>
      <div className="ask-tool-body">
        {asksApproval ? (
          <ToolApproval toolCallId={part.id} name={part.name} onApprove={onApprove} onDeny={onDeny} onDecided={() => summary.current?.focus()} labels={labels} />
        ) : null}
        {section(l.toolArguments, 'ask-tool-args', args)}
        {output !== undefined ? section(l.toolResult, 'ask-tool-result', output) : null}
        {state === 'output-error' && !invalidArgs ? section(l.toolError, 'ask-tool-error', part.errorText ?? l.toolFailed, 'auto') : null}
        {state === 'output-denied' && part.denialReason ? section(l.toolDenialReason, 'ask-tool-denial', part.denialReason, 'auto') : null}
      </div>
    </details>
  );
}
