import type { MarkedOptions, TokenizerExtension } from 'marked';

/** A formula in the text: `$…$`, `\(…\)` inline; `$$…$$`, `\[…\]` display. */
export interface MathToken {
  type: 'math';
  raw: string;
  /** The TeX source, without its delimiters. */
  text: string;
  display: boolean;
  /** Still being written (no closing delimiter yet): shown as source, never rendered. */
  pending?: boolean;
}

// Display blocks on their own lines. A block still open at the end of a streaming text is
// pending, so its TeX shows as source instead of being read as markdown.
const displayBlock = /^ {0,3}(\$\$|\\\[)([\s\S]+?)(?:\$\$|\\\])[ \t]*(?:\n+|$)/;
const openDisplayBlock = /^ {0,3}(\$\$|\\\[)([\s\S]*)$/;
// `$x$`: no space just inside either dollar and no digit right after the closing one, so
// prices ("$5 and $10") stay text (pandoc's rule).
const inlineDollar = /^\$(?![\s$])((?:\\[\s\S]|[^\\$\n])+?)(?<!\s)\$(?!\d)/;
const inlineDisplay = /^\$\$(?!\$)((?:\\[\s\S]|[^\\$])+?)\$\$/;
const inlineParen = /^\\\(([\s\S]+?)\\\)/;
const inlineBracket = /^\\\[([\s\S]+?)\\\]/;

function blockTokenizer(streaming: boolean) {
  return (src: string): MathToken | undefined => {
    const closed = displayBlock.exec(src);
    if (closed && (closed[1] === '$$') === closed[0].trimEnd().endsWith('$$')) return { type: 'math', raw: closed[0], text: closed[2]!.trim(), display: true };
    if (!streaming) return undefined;
    const open = openDisplayBlock.exec(src);
    if (!open) return undefined;
    return { type: 'math', raw: open[0], text: open[2]!.trim(), display: true, pending: true };
  };
}

function inlineTokenizer(src: string): MathToken | undefined {
  let match = inlineDisplay.exec(src) ?? inlineBracket.exec(src);
  if (match) return { type: 'math', raw: match[0], text: match[1]!.trim(), display: true };
  match = inlineDollar.exec(src) ?? inlineParen.exec(src);
  if (match) return { type: 'math', raw: match[0], text: match[1]!.trim(), display: false };
  return undefined;
}

const startBlock = (src: string) => src.match(/^ {0,3}(?:\$\$|\\\[)/m)?.index;
const startInline = (src: string) => {
  const match = /\$|\\[([]/.exec(src);
  return match?.index;
};

/**
 * How the markdown lexer reads math: marked extensions for a finished text and for a
 * streaming one (where an unclosed `$$` block is a pending formula). Lives apart from the
 * lexer so an app without math does not ship it: `createKatexMath()` carries it.
 */
export interface MathSyntax {
  final: NonNullable<MarkedOptions['extensions']>;
  streaming: NonNullable<MarkedOptions['extensions']>;
}

/** The four notations: `$…$`, `\\(…\\)` inline; `$$…$$`, `\\[…\\]` display. */
export const mathSyntax: MathSyntax = { final: mathExtensions(false), streaming: mathExtensions(true) };

function mathExtensions(streaming: boolean): NonNullable<MarkedOptions['extensions']> {
  const block = blockTokenizer(streaming);
  return {
    // The shape marked's Lexer reads (what `marked.use({ extensions })` would build).
    renderers: {},
    childTokens: {},
    block: [block as TokenizerExtension['tokenizer']],
    inline: [inlineTokenizer as TokenizerExtension['tokenizer']],
    startBlock: [startBlock],
    startInline: [startInline],
  };
}

export const isMathToken = (token: { type: string }): token is MathToken => token.type === 'math';

