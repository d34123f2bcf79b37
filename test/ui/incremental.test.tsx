import { describe, expect, it } from 'vitest';
import { act, render } from '@testing-library/react';
import { Lexer, type Token } from 'marked';
import type { ComponentProps } from 'react';
import { CodeBlock, IncrementalLexer, StreamingMarkdown, type MarkdownComponents } from '../../src/ui';
import { sampleReply, tokenize } from './fixtures';

/** A long reply: the sample repeated with numbered headings, code and tables, to ≥ `size` characters. */
function longReply(size: number): string {
  let text = '';
  for (let i = 0; text.length < size; i++) {
    text += sampleReply.replace('# Streaming markdown', `# Section ${i}`).replace('return `Hello', `return \`Hello #${i}`) + '\n';
  }
  return text;
}

// Token shape without `raw` (a settled block may keep a trailing newline in `raw` that a
// whole-text lex gives to the next block) and without empty `space` tokens.
function shape(tokens: Token[]): string {
  const strip = (value: unknown): unknown => {
    if (Array.isArray(value)) return value.map(strip);
    if (value && typeof value === 'object') {
      return Object.fromEntries(Object.entries(value).filter(([key]) => key !== 'raw').map(([key, v]) => [key, strip(v)]));
    }
    return value;
  };
  return JSON.stringify(strip(tokens.filter((token) => token.type !== 'space')));
}

describe('IncrementalLexer', () => {
  it('gives the same tokens as lexing the whole text, at every step of a stream', () => {
    const lexer = new IncrementalLexer();
    let text = '';
    for (const chunk of tokenize(sampleReply + sampleReply, 7)) {
      text += chunk;
      const { finished, open } = lexer.update(text, false);
      expect(shape([...finished, ...open].map((block) => block.token))).toBe(shape(Lexer.lex(text, { gfm: true })));
    }
  });

  it('settles blocks that later text cannot change (lists after blank lines, growing tables, open fences)', () => {
    const lexer = new IncrementalLexer();
    let result = lexer.update('- a\n- b\n\n', true);
    expect(result.finished).toHaveLength(0);
    result = lexer.update('- a\n- b\n\n- c\n\n| x |\n|---|\n| 1 |\n', true);
    expect(result.finished).toHaveLength(0);
    expect(result.open.map((b) => b.token.type)).toEqual(['list', 'table']);
    result = lexer.update('- a\n- b\n\n- c\n\n| x |\n|---|\n| 1 |\n\n```js\nlet a\n\nlet b', true);
    expect(result.finished.map((b) => b.token.type)).toEqual(['list']);
    expect((result.finished[0]!.token as { items: unknown[] }).items).toHaveLength(3);
    expect(result.open.map((b) => b.token.type)).toEqual(['table', 'code']);
  });

  it('starts over when the text is replaced rather than appended', () => {
    const lexer = new IncrementalLexer();
    lexer.update('# One\n\npara one\n\npara two\n\npara three', false);
    const { finished, open } = lexer.update('# Other\n\nnew text', false);
    expect([...finished, ...open].map((b) => b.token.raw.trim())).toEqual(['# Other', 'new text']);
  });

  it('does bounded lexing work per update: the last 10% of a 50k-character stream costs what the first 10% did', () => {
    const text = longReply(50_000);
    const chunks = tokenize(text, 3);
    const lexer = new IncrementalLexer();
    const perUpdate: number[] = [];
    let sofar = '';
    for (const chunk of chunks) {
      sofar += chunk;
      const before = lexer.lexedChars;
      lexer.update(sofar, true);
      perUpdate.push(lexer.lexedChars - before);
    }
    const tenth = Math.floor(perUpdate.length / 10);
    const mean = (values: number[]) => values.reduce((a, b) => a + b, 0) / values.length;
    const first = mean(perUpdate.slice(0, tenth));
    const last = mean(perUpdate.slice(-tenth));
    // Characters handed to marked per update: a few hundred (the open blocks), never the reply.
    expect(text.length).toBeGreaterThanOrEqual(50_000);
    expect(last).toBeLessThan(first * 2);
    expect(Math.max(...perUpdate.slice(-tenth))).toBeLessThan(2_000);
    // Whole-text re-lexing would hand marked ~25k characters per update on average.
    expect(mean(perUpdate)).toBeLessThan(1_000);
    // And the result is still right.
    const { finished, open } = lexer.update(text, false);
    expect(shape([...finished, ...open].map((block) => block.token))).toBe(shape(Lexer.lex(text, { gfm: true })));
  }, 60_000);
});

describe('IncrementalLexer and a long code block while it streams', () => {
  const codeReply = (lines: number) =>
    'Here it is:\n\n```ts\n' + Array.from({ length: lines }, (_, i) => (i % 7 === 3 ? '' : `const value${i} = \`line ${i}\`; // ~~~ \`\` not a fence`)).join('\n') + '\n```\n\nAfter the code.\n';

  it('lexes only the new text per token, not the open block: the last line costs what the first did', () => {
    const text = codeReply(2000);
    const lexer = new IncrementalLexer();
    const perUpdate: number[] = [];
    let sofar = '';
    for (const chunk of tokenize(text, 4)) {
      sofar += chunk;
      const before = lexer.lexedChars;
      lexer.update(sofar, true);
      perUpdate.push(lexer.lexedChars - before);
    }
    expect(text.length).toBeGreaterThan(80_000);
    const closing = text.indexOf('\n```\n\n');
    const inBlock = perUpdate.slice(Math.floor(perUpdate.length * 0.05), Math.floor(perUpdate.length * (closing / text.length)) - 5);
    // Lexing the open block each token would hand marked up to 80k characters per update.
    expect(Math.max(...inBlock)).toBe(0);
    const { finished, open } = lexer.update(text, false);
    expect(shape([...finished, ...open].map((block) => block.token))).toBe(shape(Lexer.lex(text, { gfm: true })));
  }, 60_000);

  it('gives the tokens a full lex of the same streaming text gives, at every step (fences opening, growing, closing)', () => {
    const text = sampleReply + '\n\n~~~~python\nprint(1)\n~~~\nstill code\n~~~~\n\n' + codeReply(30) + '\n    indented code\n';
    const lexer = new IncrementalLexer();
    let sofar = '';
    for (const chunk of tokenize(text, 3)) {
      sofar += chunk;
      const { finished, open } = lexer.update(sofar, true);
      const fresh = new IncrementalLexer().update(sofar, true);
      // The repair trims the trailing spaces of a streaming text; the open fence shows them as typed.
      const tokens = (blocks: { token: Token }[]) => blocks.map(({ token }) => (token.type === 'code' ? { ...token, text: token.text.trimEnd() } : token));
      expect(shape(tokens([...finished, ...open]))).toBe(shape(tokens([...fresh.finished, ...fresh.open])));
    }
  }, 60_000);
});

describe('IncrementalLexer and link reference definitions', () => {
  /** 400 paragraphs citing `[n]`, then the 400 definitions (how models write footnote-style links): ~60k characters. */
  function citingReply(): string {
    let text = '';
    for (let n = 0; n < 400; n++) text += `Paragraph ${n} says something worth a source, see [the docs][${n}] and more words to fill a line.\n\n`;
    for (let n = 0; n < 400; n++) text += `[${n}]: https://example.com/docs/${n}\n`;
    return text;
  }

  it('re-lexes only the blocks that cite a new definition, not the whole reply', () => {
    const text = citingReply();
    const lexer = new IncrementalLexer();
    const definitionsFrom = text.indexOf('\n[0]: ');
    let sofar = '';
    let maxDuringDefinitions = 0;
    for (const chunk of tokenize(text, 3)) {
      sofar += chunk;
      const before = lexer.lexedChars;
      lexer.update(sofar, true);
      if (sofar.length > definitionsFrom) maxDuringDefinitions = Math.max(maxDuringDefinitions, lexer.lexedChars - before);
    }
    expect(text.length).toBeGreaterThan(50_000);
    // The open blocks plus the one paragraph citing the definition that just completed; a
    // whole-text re-lex would hand marked ≥ 50k characters at each of the 400 definitions.
    expect(maxDuringDefinitions).toBeLessThan(2_000);
    const { finished, open } = lexer.update(text, false);
    expect(shape([...finished, ...open].map((block) => block.token))).toBe(shape(Lexer.lex(text, { gfm: true })));
  }, 60_000);

  it('renders the citing links of settled blocks once their definitions arrive', () => {
    const text = citingReply();
    const view = render(<StreamingMarkdown content="" streaming />);
    const steps: string[] = [];
    for (let i = 400; i < text.length; i += 400) steps.push(text.slice(0, i));
    for (const content of steps) view.rerender(<StreamingMarkdown content={content} streaming />);
    view.rerender(<StreamingMarkdown content={text} />);
    const links = [...view.container.querySelectorAll('a')];
    expect(links).toHaveLength(400);
    expect(links[0]!.getAttribute('href')).toBe('https://example.com/docs/0');
    expect(links[399]!.getAttribute('href')).toBe('https://example.com/docs/399');
  }, 60_000);
});

describe('StreamingMarkdown rendering cost', () => {
  it('re-renders only the open blocks: React render counts per update stay flat over a 50k-character stream', () => {
    let paragraphRenders = 0;
    let codeRenders = 0;
    // Counting stand-ins (stable objects, as the docs ask).
    const components: MarkdownComponents = {
      p: (props: ComponentProps<'p'>) => {
        paragraphRenders++;
        return <p {...props} />;
      },
      CodeBlock: (props: ComponentProps<typeof CodeBlock>) => {
        codeRenders++;
        return <CodeBlock {...props} />;
      },
    };
    const text = longReply(50_000);
    // ~80-character steps keep the jsdom run short; the lexer test above uses token-sized steps.
    const steps: string[] = [];
    for (let i = 80; i < text.length; i += 80) steps.push(text.slice(0, i));
    steps.push(text);

    const view = render(<StreamingMarkdown content="" streaming components={components} />);
    const perUpdate: number[] = [];
    for (const content of steps) {
      const before = paragraphRenders + codeRenders;
      view.rerender(<StreamingMarkdown content={content} streaming components={components} />);
      perUpdate.push(paragraphRenders + codeRenders - before);
    }
    const tenth = Math.floor(perUpdate.length / 10);
    const sum = (values: number[]) => values.reduce((a, b) => a + b, 0);
    const first = sum(perUpdate.slice(0, tenth));
    const last = sum(perUpdate.slice(-tenth));
    expect(view.container.querySelectorAll('.ask-code').length).toBeGreaterThan(20);
    expect(last).toBeLessThanOrEqual(first * 1.5 + 10);
    // Only the open blocks render (a loose list or a quote may hold a few paragraphs). The
    // exception is early on: the first link definition re-renders the blocks before it once.
    expect(Math.max(...perUpdate.slice(tenth))).toBeLessThanOrEqual(8);
  }, 60_000);

  it('never re-renders or remounts a finished code block', () => {
    const renders = new Map<string, number>();
    const components: MarkdownComponents = {
      CodeBlock: (props: ComponentProps<typeof CodeBlock>) => {
        renders.set(props.code, (renders.get(props.code) ?? 0) + 1);
        return <CodeBlock {...props} />;
      },
    };
    const text = 'Intro\n\n```js\nconst a = 1;\n```\n\nAfter one.\n\nAfter two.\n\n' + 'More text here. '.repeat(40);
    const view = render(<StreamingMarkdown content="" streaming components={components} />);
    let pre: Element | null = null;
    let countWhenSettled = 0;
    for (const chunk of tokenize(text, 5).reduce<string[]>((acc, c) => [...acc, (acc.at(-1) ?? '') + c], [])) {
      act(() => view.rerender(<StreamingMarkdown content={chunk} streaming components={components} />));
      if (!pre && chunk.includes('After two.')) {
        pre = view.container.querySelector('pre');
        countWhenSettled = renders.get('const a = 1;')!;
      }
    }
    act(() => view.rerender(<StreamingMarkdown content={text} components={components} />));
    expect(pre).not.toBeNull();
    expect(renders.get('const a = 1;')).toBe(countWhenSettled);
    // Same DOM node: no remount, no flicker.
    expect(view.container.querySelector('pre')).toBe(pre);
  });
});
