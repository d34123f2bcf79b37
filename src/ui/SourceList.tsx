import { cx } from './class-names';
import { fill } from './fill';
import { useLabels, type UILabels } from './labels';
import { safeUrl } from './markdown/safe-url';
import type { SourcePart } from '../core/message-parts';

export interface SourceListProps {
  sources: readonly SourcePart[];
  /** Each source's number (1-based), e.g. by first appearance in the message. Default: position in `sources`. */
  numberOf?: (source: SourcePart, index: number) => number;
  className?: string;
  labels?: Partial<UILabels>;
}

function hostOf(url: string): string | undefined {
  try {
    return new URL(url).hostname || undefined;
  } catch {
    return undefined;
  }
}

/**
 * Numbered citations. A source links to its URL only when the URL passes the same policy as
 * markdown links (http(s), mailto, relative); anything else — `javascript:`, `data:` — shows as
 * plain text. Links open in a new tab without access to this page.
 */
export function SourceList({ sources, numberOf, className, labels }: SourceListProps) {
  const l = useLabels(labels);
  if (sources.length === 0) return null;
  return (
    <ol className={cx('ask-sources', className)} aria-label={l.sources}>
      {sources.map((source, index) => {
        const href = safeUrl(source.url);
        const title =
          source.title ||
          (href !== undefined ? hostOf(href) ?? href : undefined) ||
          (source.documentIndex !== undefined ? fill(l.sourceDocument, { n: source.documentIndex + 1 }) : undefined) ||
          source.url ||
          source.id;
        return (
          <li key={source.id} className="ask-source" value={numberOf ? numberOf(source, index) : index + 1}>
            {href !== undefined ? (
              <a className="ask-source-title" href={href} target="_blank" rel="noopener noreferrer" dir="auto">
                {title}
              </a>
            ) : (
              <span className="ask-source-title" dir="auto">
                {title}
              </span>
            )}
            {source.citedText ? (
              <q className="ask-source-quote" dir="auto">
                {source.citedText}
              </q>
            ) : null}
          </li>
        );
      })}
    </ol>
  );
}
