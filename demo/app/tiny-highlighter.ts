import type { HighlightToken, Highlighter } from '../../src/ui/index';

/**
 * A deliberately small highlighter for the demo's code blocks (TypeScript/JavaScript, Python,
 * shell, JSON), loaded lazily on the first code block. A real app would plug in Shiki the same
 * way. It returns tokens with class names; colours live in demo.css, so they follow the theme.
 */
const KEYWORDS: Record<string, string[]> = {
  ts: 'import export from const let var function return async await for of in if else new class extends interface type await true false null undefined'.split(' '),
  py: 'import from def return with as for in if elif else while class True False None and or not lambda yield try except'.split(' '),
  sh: 'if then else fi for do done case esac export'.split(' '),
  json: 'true false null'.split(' '),
};
const ALIASES: Record<string, string> = {
  ts: 'ts', tsx: 'ts', typescript: 'ts', js: 'ts', jsx: 'ts', javascript: 'ts', mjs: 'ts',
  py: 'py', python: 'py',
  sh: 'sh', bash: 'sh', shell: 'sh', zsh: 'sh', console: 'sh',
  json: 'json',
};

const TOKEN = /(?<comment>\/\/.*|#(?!!).*)|(?<string>"(?:[^"\\\n]|\\.)*"|'(?:[^'\\\n]|\\.)*'|`(?:[^`\\]|\\.)*`)|(?<number>\b\d+(?:\.\d+)?\b)|(?<word>[A-Za-z_$][\w$]*)|(?<other>\s+|.)/g;

const highlight: Highlighter = (code, language) => {
  const lang = ALIASES[(language ?? '').toLowerCase()];
  if (!lang) return code.split('\n').map((line) => [{ content: line }]);
  const keywords = new Set(KEYWORDS[lang]);
  return code.split('\n').map((line) => {
    const tokens: HighlightToken[] = [];
    for (const match of line.matchAll(TOKEN)) {
      const groups = match.groups ?? {};
      const content = match[0];
      let className: string | undefined;
      if (groups.comment !== undefined) className = content.startsWith('#') === (lang === 'py' || lang === 'sh') ? 'hl-comment' : undefined;
      else if (groups.string !== undefined) className = 'hl-string';
      else if (groups.number !== undefined) className = 'hl-number';
      else if (groups.word !== undefined && keywords.has(content)) className = 'hl-keyword';
      const previous = tokens[tokens.length - 1];
      if (previous && previous.className === className) previous.content += content;
      else tokens.push(className ? { content, className } : { content });
    }
    return tokens;
  });
};

export default highlight;
