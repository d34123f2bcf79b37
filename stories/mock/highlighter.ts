import { createLazyHighlighter, type Highlighter, type HighlightToken } from '../../src/ui';

// A tiny regex highlighter for the stories (the kit bundles none; real apps plug in Shiki).
// It returns Shiki-shaped lines of tokens, coloured with CSS variables so dark mode works.

const KEYWORDS = new Set(
  (
    'import from export default const let var function return if else for while of in new class extends ' +
    'async await def yield with as try except finally raise lambda nonlocal None True False true false null ' +
    'undefined type interface typeof keyof void'
  ).split(' '),
);

const PATTERN = /(\/\/[^\n]*|#[^\n]*)|('(?:[^'\\\n]|\\.)*'|"(?:[^"\\\n]|\\.)*"|`(?:[^`\\]|\\.)*`)|(\b\d+(?:\.\d+)?\b)|([A-Za-z_$][\w$]*)/g;

const COLORS = {
  comment: 'var(--sb-hl-comment, #6e7781)',
  string: 'var(--sb-hl-string, #0a3069)',
  number: 'var(--sb-hl-number, #0550ae)',
  keyword: 'var(--sb-hl-keyword, #cf222e)',
};

function highlightLine(line: string, hashComments: boolean): HighlightToken[] {
  const tokens: HighlightToken[] = [];
  let last = 0;
  for (const match of line.matchAll(PATTERN)) {
    const [text, comment, string, number, word] = match;
    const index = match.index;
    let color: string | undefined;
    let fontStyle: number | undefined;
    if (comment && (comment.startsWith('//') || hashComments)) {
      color = COLORS.comment;
      fontStyle = 1;
    } else if (string) color = COLORS.string;
    else if (number) color = COLORS.number;
    else if (word && KEYWORDS.has(word)) color = COLORS.keyword;
    if (!color) continue;
    if (index > last) tokens.push({ content: line.slice(last, index) });
    tokens.push({ content: comment && (comment.startsWith('//') || hashComments) ? line.slice(index) : text, color, fontStyle });
    last = comment && (comment.startsWith('//') || hashComments) ? line.length : index + text.length;
    if (last === line.length) break;
  }
  if (last < line.length) tokens.push({ content: line.slice(last) });
  return tokens;
}

/** Synchronous toy highlighter. */
export const toyHighlighter: Highlighter = (code, language) => {
  const hashComments = language === 'python' || language === 'py' || language === 'bash' || language === 'sh';
  return code.split('\n').map((line) => highlightLine(line, hashComments));
};

/** The same, loaded lazily after `delay` ms, the way `createLazyHighlighter` is meant to be used. */
export const lazyToyHighlighter = (delay = 400): Highlighter =>
  createLazyHighlighter(() => new Promise<Highlighter>((resolve) => setTimeout(() => resolve(toyHighlighter), delay)));

/** A highlighter that always fails: the code must stay readable (plain). */
export const failingHighlighter: Highlighter = () => Promise.reject(new Error('grammar failed to load'));
