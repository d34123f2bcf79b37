import type { CSSProperties, ReactNode } from 'react';

/** One coloured run of code. Shiki's `codeToTokens(...).tokens` has this shape. */
export interface HighlightToken {
  content: string;
  color?: string;
  bgColor?: string;
  /** Bit flags as in Shiki: 1 italic, 2 bold, 4 underline. */
  fontStyle?: number;
  className?: string;
}

/**
 * What a highlighter returns: lines of tokens (Shiki's `codeToTokens(...).tokens`), or React
 * nodes it built itself. Never an HTML string: code is model output and goes in as text.
 */
export type HighlightResult = HighlightToken[][] | ReactNode;

/**
 * Pluggable syntax highlighting. May be async, so the highlighter itself can load lazily.
 * `incremental`: the highlighter caches finished lines, so calling it again with the same
 * code plus new lines costs only the new lines. Code blocks then highlight while they
 * stream (each complete line once; the open last line stays plain); otherwise a block is
 * highlighted once it is complete. `createShikiHighlighter` is incremental.
 */
export type Highlighter = ((code: string, language: string | undefined) => HighlightResult | Promise<HighlightResult>) & {
  incremental?: boolean;
};

/**
 * Wraps a dynamic import so the highlighter (and its grammars) is fetched on the first code
 * block, not with the page: `createLazyHighlighter(() => import('./my-shiki-highlighter'))`.
 */
export function createLazyHighlighter(load: () => Promise<Highlighter | { default: Highlighter }>): Highlighter {
  let loading: Promise<Highlighter> | undefined;
  let loaded: Highlighter | undefined;
  return (code, language) => {
    // Once loaded, answer as the highlighter does (synchronously if it can).
    if (loaded) return loaded(code, language);
    loading ??= load().then((m) => (loaded = typeof m === 'function' ? m : m.default));
    return loading.then((highlighter) => highlighter(code, language));
  };
}

function tokenStyle({ color, bgColor, fontStyle = 0 }: HighlightToken): CSSProperties | undefined {
  if (!color && !bgColor && !fontStyle) return undefined;
  return {
    color,
    backgroundColor: bgColor,
    fontStyle: fontStyle & 1 ? 'italic' : undefined,
    fontWeight: fontStyle & 2 ? 'bold' : undefined,
    textDecoration: fontStyle & 4 ? 'underline' : undefined,
  };
}

/** One highlighted line (text nodes and styled spans only), with its newline if another line follows. */
export function renderHighlightLine(line: HighlightToken[], key: number, newline: boolean): ReactNode {
  return (
    <span key={key} className="ask-code-line">
      {line.map((token, j) => (
        <span key={j} className={token.className} style={tokenStyle(token)}>
          {token.content}
        </span>
      ))}
      {newline ? '\n' : null}
    </span>
  );
}

/** Turns a highlighter's result into React nodes (text nodes and styled spans only). */
export function renderHighlight(result: HighlightResult): ReactNode {
  if (!Array.isArray(result) || !Array.isArray(result[0])) return result as ReactNode;
  return (result as HighlightToken[][]).map((line, i) => renderHighlightLine(line, i, i < result.length - 1));
}
