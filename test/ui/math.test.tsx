import { describe, expect, it } from 'vitest';
import { act, render, waitFor } from '@testing-library/react';
import { createKatexMath } from 'ai-stream-kit/ui/katex';
import { IncrementalLexer, Message, StreamingMarkdown, mathSyntax, type MathRenderer } from '../../src/ui';
import { tokenize } from './fixtures';

const types = (text: string, streaming = false) => {
  const { finished, open } = new IncrementalLexer({ math: mathSyntax }).update(text, streaming);
  return [...finished, ...open].flatMap((b) => ('tokens' in b.token && b.token.tokens ? b.token.tokens : [b.token])).map((t) => `${t.type}:${t.type === 'math' ? (t as unknown as { text: string }).text : t.raw}`);
};

describe('math syntax', () => {
  it('reads the four notations, inline and display', () => {
    expect(types('Euler: $e^{i\\pi}+1=0$ and \\(a^2\\).')).toEqual(['text:Euler: ', 'math:e^{i\\pi}+1=0', 'text: and ', 'math:a^2', 'text:.']);
    expect(types('$$\n\\int_0^1 x\\,dx\n$$\n\nafter')).toEqual(['math:\\int_0^1 x\\,dx', 'text:after']);
    expect(types('\\[\nx = \\frac{1}{2}\n\\]')).toEqual(['math:x = \\frac{1}{2}']);
  });

  it('leaves prices, escaped dollars and code alone', () => {
    expect(types('It costs $5 and $10 today.').filter((t) => t.startsWith('math'))).toEqual([]);
    expect(types('Escaped \\$x\\$ and `$y$` in code.').filter((t) => t.startsWith('math'))).toEqual([]);
  });

  it('reads no math unless asked', () => {
    const { open } = new IncrementalLexer().update('$x$ and $$y$$', false);
    expect(JSON.stringify(open)).not.toContain('"math"');
  });

  it('marks a display block still being written as pending while streaming', () => {
    const { open } = new IncrementalLexer({ math: mathSyntax }).update('Intro\n\n$$\n\\frac{a}{', true);
    expect(open.at(-1)!.token).toMatchObject({ type: 'math', pending: true, text: '\\frac{a}{' });
  });
});

describe('math with KaTeX', () => {
  const math = createKatexMath();
  const settle = () => act(() => new Promise((resolve) => setTimeout(resolve, 0)));

  it('renders formulas with KaTeX (loaded on the first one) and keeps the source for screen readers in MathML', async () => {
    const view = render(<StreamingMarkdown content={'Inline $a^2+b^2=c^2$ here.\n\n$$\n\\sum_{k=1}^n k\n$$'} math={math} />);
    await waitFor(() => expect(view.container.querySelectorAll('.ask-math[data-rendered]')).toHaveLength(2));
    const rendered = view.container.querySelectorAll('.ask-math[data-rendered]');
    expect(rendered[0]!.querySelector('.katex math annotation')?.textContent).toBe('a^2+b^2=c^2');
    expect(rendered[1]!.tagName).toBe('DIV');
    expect(rendered[1]!.querySelector('.katex-display')).not.toBeNull();
  });

  it('shows the source of a formula still being written, and never an error, at every step of a stream', async () => {
    const reply = 'The area is $\\pi r^2$, and:\n\n$$\n\\int_0^\\infty e^{-x^2}\\,dx = \\frac{\\sqrt{\\pi}}{2}\n$$\n\nDone.';
    const view = render(<StreamingMarkdown content="" streaming math={math} />);
    let text = '';
    for (const chunk of tokenize(reply, 4)) {
      text += chunk;
      view.rerender(<StreamingMarkdown content={text} streaming math={math} />);
      await settle();
      expect(view.container.querySelector('.katex-error')).toBeNull();
      // An unclosed display block is its source, not markdown (no emphasis made of `_`).
      if (text.split('$$').length % 2 === 0) expect(view.container.querySelector('div.ask-math:not([data-rendered]) .ask-math-source')?.textContent ?? '').toContain('$$');
    }
    view.rerender(<StreamingMarkdown content={reply} math={math} />);
    await waitFor(() => expect(view.container.querySelectorAll('.ask-math[data-rendered]')).toHaveLength(2));
  });

  it('keeps the source for TeX that KaTeX rejects (no red error box)', async () => {
    const view = render(<StreamingMarkdown content={'Broken $\\frac{1}{$ and $\\undefinedmacro{x}$.'} math={math} />);
    await settle();
    expect(view.container.querySelector('.katex-error')).toBeNull();
    expect(view.container.querySelector('.katex')).toBeNull();
    expect([...view.container.querySelectorAll('.ask-math-source')].map((c) => c.textContent)).toContain('$\\undefinedmacro{x}$');
  });

  it('trusts nothing: \\href, \\url, \\includegraphics and \\htmlClass make no link, image or attribute', async () => {
    const view = render(
      <StreamingMarkdown
        content={'$\\href{javascript:alert(1)}{x}$ $\\url{javascript:alert(2)}$ $\\includegraphics{https://evil.example/x.png}$ $\\htmlClass{evil}{y}$ $\\htmlStyle{background:url(https://evil.example)}{z}$'}
        math={math}
      />,
    );
    const el = view.container;
    await waitFor(() => expect(el.querySelectorAll('.ask-math[data-rendered]')).toHaveLength(5));
    expect(el.querySelector('a, img, [href], [src]')).toBeNull();
    expect(el.querySelector('.evil')).toBeNull();
    // Only the source text (hidden once rendered) holds the URLs: no attribute does.
    const attributes = [...el.querySelectorAll('*')].flatMap((node) => [...node.attributes].map((a) => a.value));
    expect(attributes.filter((value) => /evil|javascript:/.test(value))).toEqual([]);
  });

  it('reaches StreamingMarkdown through Message, and a renderer of your own works too', async () => {
    const calls: string[] = [];
    const mine: MathRenderer = { syntax: mathSyntax, render: (tex, display, into) => void (calls.push(`${display}:${tex}`), (into.textContent = `[${tex}]`)) };
    const message = { id: 'm', role: 'assistant' as const, content: 'So $x+1$.', status: 'complete' as const, timestamp: 0 };
    const view = render(<Message message={message} math={mine} />);
    await waitFor(() => expect(calls).toEqual(['false:x+1'])); // MathFormula's chunk comes with the first formula
    expect(view.container.querySelector('.ask-math[data-rendered] .ask-math-output')?.textContent).toBe('[x+1]');
  });
});
