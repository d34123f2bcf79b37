import { describe, expect, it } from 'vitest';
import { act, render } from '@testing-library/react';
import { createShikiHighlighter } from 'ai-stream-kit/ui/shiki';
import { CodeBlock, StreamingMarkdown, type HighlightToken } from '../../src/ui';

const code = [
  'const greeting = `Hello',
  '${name}, a template literal spanning lines`;',
  '/* a comment',
  '   over two lines */',
  'export function add(a: number, b: number): number {',
  '  return a + b; // sum',
  '}',
].join('\n');

const colours = (lines: HighlightToken[][]) => lines.map((line) => line.map((t) => `${t.content}|${t.color ?? ''}`).join(' '));

describe('createShikiHighlighter', () => {
  it('loads on first use, then answers synchronously with colours from the kit\'s CSS variables', async () => {
    const highlight = createShikiHighlighter();
    expect(highlight.incremental).toBe(true);
    const first = highlight('const a = 1', 'ts');
    expect(first).toBeInstanceOf(Promise);
    const lines = (await first) as HighlightToken[][];
    expect(lines[0]!.find((t) => t.content === 'const')?.color).toBe('var(--ask-hl-token-keyword)');
    const again = highlight('let b = "x"', 'typescript');
    expect(again).not.toBeInstanceOf(Promise);
    expect((again as HighlightToken[][])[0]!.find((t) => t.content === '"x"')?.color).toBe('var(--ask-hl-token-string-expression)');
    // Unknown languages stay plain, without loading anything.
    expect(highlight('x := 1', 'no-such-language')).toEqual([[{ content: 'x := 1' }]]);
  });

  it.each([
    ['precompiled (default)', undefined],
    ['as written, compiled by the engine', { go: () => import('shiki/langs/go.mjs') }],
  ])('compiles a grammar\'s expressions while it loads, so the first highlighted lines compile none: %s', async (_, languages) => {
    // V8 compiles an expression on its first run and again to machine code on its second: that
    // work, for hundreds of expressions, was one long task in the first render of a block. Count
    // the runs of each expression while the language loads (in short tasks) and while highlighting.
    const runs = new Map<RegExp, { loading: number; highlighting: number }>();
    let phase: 'loading' | 'highlighting' = 'loading';
    const exec = RegExp.prototype.exec;
    RegExp.prototype.exec = function (this: RegExp, text: string) {
      const count = runs.get(this) ?? { loading: 0, highlighting: 0 };
      count[phase]++;
      runs.set(this, count);
      return exec.call(this, text);
    };
    try {
      const highlight = createShikiHighlighter({ languages });
      await highlight('', 'go'); // a language no other test here loads
      phase = 'highlighting';
      const lines = highlight('package main\n\nimport "fmt"\n\n// main prints\nfunc main() {\n\tfmt.Println("hi", 1+2)\n}\n', 'go') as HighlightToken[][];
      expect(lines[0]!.find((t) => t.content === 'package')?.color).toBe('var(--ask-hl-token-keyword)');
      // The scanners' expressions ask for match indices (flag `d`); Shiki's own helpers do not.
      const scanned = [...runs].filter(([regex, count]) => regex.flags.includes('d') && count.highlighting > 0);
      expect(scanned.length).toBeGreaterThan(10);
      // Except the variants vscode-textmate derives from a `\G`/`\A` pattern for positions where
      // the anchor cannot match (it writes the anchor as U+FFFF): built while matching, by design.
      const cold = scanned.filter(([regex, count]) => count.loading < 2 && !regex.source.includes('\uFFFF'));
      expect(cold.map(([regex]) => regex.source)).toEqual([]);
    } finally {
      RegExp.prototype.exec = exec;
    }
  });

  it('highlights a growing block line by line from cached lines and grammar state, as the whole text would be', async () => {
    const highlight = createShikiHighlighter();
    await highlight('', 'ts');
    const whole = highlight(code, 'ts') as HighlightToken[][];
    const fresh = createShikiHighlighter();
    await fresh('', 'ts');
    let previous: HighlightToken[][] = [];
    const lines = code.split('\n');
    for (let n = 1; n <= lines.length; n++) {
      const complete = lines.slice(0, n).join('\n') + '\n';
      const result = fresh(complete, 'ts') as HighlightToken[][];
      // Lines highlighted before are the very same objects: cached, not highlighted again.
      for (let i = 0; i < previous.length - 1; i++) expect(result[i]).toBe(previous[i]);
      previous = result;
    }
    const streamed = fresh(code, 'ts') as HighlightToken[][];
    expect(colours(streamed)).toEqual(colours(whole));
    // The multi-line template literal and comment carried their state across calls.
    expect(streamed[1]!.find((t) => t.content.includes('template'))?.color).toBe('var(--ask-hl-token-string-expression)');
    expect(streamed[3]![0]!.color).toBe('var(--ask-hl-token-comment)');
  });
});

describe('CodeBlock with an incremental highlighter while it streams', () => {
  it('colours complete lines, keeps the open line plain, and never goes back to plain text', async () => {
    const highlighter = createShikiHighlighter();
    const view = render(<CodeBlock code="" language="ts" highlighter={highlighter} streaming />);
    let coloured = 0;
    let firstLine: Element | null = null;
    for (let i = 1; i <= code.length; i++) {
      await act(async () => {
        view.rerender(<CodeBlock code={code.slice(0, i)} language="ts" highlighter={highlighter} streaming />);
        await new Promise((resolve) => setTimeout(resolve, 0));
      });
      const pre = view.container.querySelector('pre')!;
      // The text on screen is always exactly the code so far.
      expect(pre.textContent).toBe(code.slice(0, i));
      const now = pre.querySelectorAll('.ask-code-line:not(.ask-code-open) span[style]').length;
      expect(now).toBeGreaterThanOrEqual(coloured);
      coloured = now;
      const open = pre.querySelector('.ask-code-open');
      if (open) expect(open.querySelector('span')).toBeNull();
      if (coloured > 0) {
        // The first highlighted line is rendered once and kept (same DOM node).
        const line = pre.querySelector('.ask-code-line');
        firstLine ??= line;
        expect(line).toBe(firstLine);
      }
    }
    expect(coloured).toBeGreaterThan(10);
    view.rerender(<CodeBlock code={code} language="ts" highlighter={highlighter} />);
    const pre = view.container.querySelector('pre')!;
    expect(pre.textContent).toBe(code);
    expect(pre.querySelector('.ask-code-open')).toBeNull();
    expect(pre.querySelectorAll('.ask-code-line')).toHaveLength(code.split('\n').length);
  });

  it('works through StreamingMarkdown: a fenced block streams highlighted', async () => {
    const highlighter = createShikiHighlighter();
    await highlighter('', 'python');
    const reply = 'Here:\n\n```python\ndef f(x):\n    return x * 2\nprint(f(2))';
    const view = render(<StreamingMarkdown content={reply} streaming highlighter={highlighter} />);
    const pre = view.container.querySelector('pre')!;
    expect(pre.textContent).toBe('def f(x):\n    return x * 2\nprint(f(2))');
    expect([...pre.querySelectorAll('span[style]')].some((s) => s.textContent === 'def')).toBe(true);
    expect(pre.querySelector('.ask-code-open')?.textContent).toBe('print(f(2))');
  });
});
