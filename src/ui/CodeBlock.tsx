import { memo, useEffect, useMemo, useState, type ReactNode } from 'react';
import { cx } from './class-names';
import { CopyButton } from './CopyButton';
import { renderHighlight, renderHighlightLine, type Highlighter, type HighlightResult, type HighlightToken } from './highlighter';
import { useLabels, type UILabels } from './labels';

export interface CodeBlockProps {
  code: string;
  language?: string;
  /**
   * Optional syntax highlighting; none is bundled (see `ai-stream-kit/ui/shiki`). An
   * incremental highlighter runs while the block streams, line by line; others once it is complete.
   */
  highlighter?: Highlighter;
  /** The block is still streaming: its last line is still being written. */
  streaming?: boolean;
  className?: string;
  labels?: Partial<UILabels>;
}

/** A highlighter's answer and the code it is for. */
interface Highlighted {
  code: string;
  result: HighlightResult;
}

/** Lines are rendered in memoised groups: a line added to a long block re-renders one group. */
const LINES_PER_GROUP = 64;

const sameLines = (a: readonly HighlightToken[][], b: readonly HighlightToken[][]) => a.length === b.length && a.every((line, i) => line === b[i]);

const LineGroup = memo(
  function LineGroup({ lines, newlineAfterLast }: { lines: readonly HighlightToken[][]; newlineAfterLast: boolean }) {
    return lines.map((line, i) => renderHighlightLine(line, i, newlineAfterLast || i < lines.length - 1));
  },
  (a, b) => a.newlineAfterLast === b.newlineAfterLast && (a.lines === b.lines || sameLines(a.lines, b.lines)),
);

const isLines = (result: HighlightResult): result is HighlightToken[][] => Array.isArray(result) && (result.length === 0 || Array.isArray(result[0]));

/**
 * The code as highlighted as it can be right now: the newest highlighting of a prefix of it,
 * then the rest as plain text. A block never falls back to plain once it was coloured.
 */
function useHighlighted(code: string, language: string | undefined, highlighter: Highlighter | undefined, streaming: boolean): Highlighted | undefined {
  // What to highlight: complete lines while streaming (incremental highlighters only), else all.
  const incremental = highlighter?.incremental === true;
  const target = !highlighter || (streaming && !incremental) ? undefined : streaming ? code.slice(0, code.lastIndexOf('\n') + 1) : code;
  // A loaded incremental highlighter answers synchronously: no extra commit per line.
  const answer = useMemo(() => {
    if (target === undefined || !highlighter || (streaming && target === '')) return undefined;
    try {
      const result = highlighter(target, language);
      // Handled here too: a render React throws away never runs the effect that awaits it.
      if (result instanceof Promise) result.catch(() => {});
      return result;
    } catch {
      // A failing highlighter leaves the code plain.
      return undefined;
    }
  }, [highlighter, target, language, streaming]);
  const [settled, setSettled] = useState<Highlighted>();

  useEffect(() => {
    if (!(answer instanceof Promise) || target === undefined) return;
    let live = true;
    answer.then(
      (result) => live && setSettled({ code: target, result }),
      () => {},
    );
    return () => {
      live = false;
    };
  }, [answer, target]);

  if (answer !== undefined && !(answer instanceof Promise) && target !== undefined) return { code: target, result: answer };
  // Waiting for an answer: keep the last one while it still describes the start of this code.
  if (settled && code.length >= settled.code.length && code.slice(0, settled.code.length) === settled.code) return settled;
  return undefined;
}

export function CodeBlock({ code, language, highlighter, streaming = false, className, labels }: CodeBlockProps) {
  const l = useLabels(labels);
  const lang = language?.trim().split(/\s/)[0] || undefined;
  const highlighted = useHighlighted(code, lang, highlighter, streaming);

  // Lines for all of the code, or for its start (the complete lines of a streaming block):
  // then the highlighter's last, possibly partial, line gives way to the plain rest.
  const all = highlighted?.code === code;
  const result = highlighted?.result;
  // Memoised: a token that completes no line must cost the same whatever the block's length.
  const lines = useMemo(() => (result !== undefined && isLines(result) ? (all ? result : result.slice(0, -1)) : undefined), [result, all]);

  let body: ReactNode = code;
  if (highlighted && lines) {
    const rest = all ? undefined : code.slice(highlighted.code.lastIndexOf('\n') + 1);
    body = <HighlightedLines lines={lines} plainTail={rest} />;
  } else if (highlighted && highlighted.code === code) {
    body = renderHighlight(highlighted.result);
  }

  return (
    <div className={cx('ask-code', className)} data-language={lang}>
      <div className="ask-code-header">
        <span className="ask-code-language">{lang ?? l.code}</span>
        <CopyButton text={code} labels={labels} />
      </div>
      {/* Focusable so keyboard users can scroll long lines. */}
      <pre className="ask-code-body" dir="ltr" tabIndex={0}>
        <code className={lang ? `language-${lang}` : undefined}>{body}</code>
      </pre>
    </div>
  );
}

/** Highlighted lines in memoised groups, then the plain text still being written. */
function HighlightedLines({ lines, plainTail }: { lines: readonly HighlightToken[][]; plainTail: string | undefined }) {
  const groups = useMemo(() => {
    const out: HighlightToken[][][] = [];
    for (let i = 0; i < lines.length; i += LINES_PER_GROUP) out.push(lines.slice(i, i + LINES_PER_GROUP));
    return out;
  }, [lines]);
  return (
    <>
      {groups.map((group, i) => (
        <LineGroup key={i} lines={group} newlineAfterLast={i < groups.length - 1 || plainTail !== undefined} />
      ))}
      {plainTail ? <span className="ask-code-line ask-code-open">{plainTail}</span> : null}
    </>
  );
}
