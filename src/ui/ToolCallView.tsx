import { useState } from 'react';
import { cx } from './class-names';
import { useLabels, type UILabels } from './labels';
import type { ToolCall } from '../core/types';

export interface ToolCallViewProps {
  toolCall: ToolCall;
  /** The tool's output, once you have it. Strings show as they are, anything else as JSON. */
  result?: unknown;
  /** Start expanded. Default: expanded while the arguments stream. */
  defaultOpen?: boolean;
  className?: string;
  labels?: Partial<UILabels>;
}

function show(value: unknown): string {
  if (typeof value === 'string') return value;
  try {
    return JSON.stringify(value, null, 2) ?? String(value);
  } catch {
    return String(value);
  }
}

/** A tool call: its name and state, its arguments (raw text while streaming, then parsed) and its result. */
export function ToolCallView({ toolCall, result, defaultOpen, className, labels }: ToolCallViewProps) {
  const l = useLabels(labels);
  const [open, setOpen] = useState(defaultOpen ?? toolCall.state === 'streaming');
  const stateLabel = toolCall.state === 'streaming' ? l.toolStreaming : toolCall.state === 'invalid' ? l.toolInvalid : l.toolComplete;
  const args = toolCall.args !== undefined ? show(toolCall.args) : toolCall.argsText;
  return (
    <details className={cx('ask-tool', className)} data-state={toolCall.state} open={open} onToggle={(event) => setOpen(event.currentTarget.open)}>
      <summary className="ask-tool-summary">
        <span className="ask-tool-label">{l.toolCall}</span>
        <code className="ask-tool-name">{toolCall.name}</code>
        <span className="ask-tool-state">{stateLabel}</span>
      </summary>
      <div className="ask-tool-body">
        <p className="ask-tool-heading">{l.toolArguments}</p>
        <pre className="ask-tool-args" dir="ltr" tabIndex={0}>
          {args}
        </pre>
        {result !== undefined ? (
          <>
            <p className="ask-tool-heading">{l.toolResult}</p>
            <pre className="ask-tool-result" dir="ltr" tabIndex={0}>
              {show(result)}
            </pre>
          </>
        ) : null}
      </div>
    </details>
  );
}
