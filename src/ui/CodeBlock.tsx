import { useEffect, useState } from 'react';
import { cx } from './class-names';
import { CopyButton } from './CopyButton';
import { renderHighlight, type Highlighter, type HighlightResult } from './highlighter';
import { useLabels, type UILabels } from './labels';

export interface CodeBlockProps {
  code: string;
  language?: string;
  /** Optional syntax highlighting; none is bundled. Runs once the block is complete. */
  highlighter?: Highlighter;
  /** The block is still streaming: skip highlighting until it is done. */
  streaming?: boolean;
  className?: string;
  labels?: Partial<UILabels>;
}

export function CodeBlock({ code, language, highlighter, streaming = false, className, labels }: CodeBlockProps) {
  const l = useLabels(labels);
  const lang = language?.trim().split(/\s/)[0] || undefined;
  const [highlighted, setHighlighted] = useState<{ key: string; result: HighlightResult }>();

  const key = `${lang}\u0000${code}`;
  useEffect(() => {
    if (!highlighter || streaming) return;
    let live = true;
    Promise.resolve()
      .then(() => highlighter(code, lang))
      .then(
        (result) => live && setHighlighted({ key, result }),
        // A failing highlighter leaves the code plain.
        () => {},
      );
    return () => {
      live = false;
    };
  }, [key, code, lang, highlighter, streaming]);

  // Only output for exactly this code: a stale highlight never shows over newer text.
  const result = highlighted?.key === key && !streaming ? highlighted.result : undefined;
  return (
    <div className={cx('ask-code', className)} data-language={lang}>
      <div className="ask-code-header">
        <span className="ask-code-language">{lang ?? l.code}</span>
        <CopyButton text={code} labels={labels} />
      </div>
      {/* Focusable so keyboard users can scroll long lines. */}
      <pre className="ask-code-body" dir="ltr" tabIndex={0}>
        <code className={lang ? `language-${lang}` : undefined}>{result !== undefined ? renderHighlight(result) : code}</code>
      </pre>
    </div>
  );
}
