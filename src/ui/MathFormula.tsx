import { memo, useLayoutEffect, useRef } from 'react';
import type { MathSyntax } from './markdown/math-syntax';

/**
 * Renders TeX into an element. `ai-stream-kit/ui/katex` gives one (`createKatexMath()`).
 * It may load lazily (return a promise); it throws or rejects for a formula it cannot
 * render, and the source stays on screen.
 */
export interface MathRenderer {
  render(tex: string, display: boolean, into: HTMLElement): void | Promise<void>;
  /** Which notations the markdown reads as math: `mathSyntax` (all four) for a renderer of your own. */
  syntax: MathSyntax;
}

export interface MathFormulaProps {
  /** The TeX, without delimiters. */
  tex: string;
  /** The formula as written (with its delimiters): shown until it is rendered, or if it cannot be. */
  source: string;
  display: boolean;
  renderer: MathRenderer;
}

/**
 * One formula. The source shows until the renderer has drawn it into an element React
 * leaves alone (it has no React children); then a data attribute swaps the two in CSS,
 * without another React commit.
 */
export const MathFormula = memo(function MathFormula({ tex, source, display, renderer }: MathFormulaProps) {
  const wrapper = useRef<HTMLElement>(null);
  const output = useRef<HTMLElement>(null);

  useLayoutEffect(() => {
    const box = wrapper.current;
    const into = output.current;
    if (!box || !into) return;
    let live = true;
    const shown = () => {
      if (live) box.setAttribute('data-rendered', '');
    };
    const failed = () => {
      if (!live) return;
      into.textContent = '';
      box.removeAttribute('data-rendered');
    };
    try {
      const drawing = renderer.render(tex, display, into);
      if (drawing instanceof Promise) drawing.then(shown, failed);
      else shown();
    } catch {
      failed();
    }
    return () => {
      live = false;
    };
  }, [tex, display, renderer]);

  const Box = display ? 'div' : 'span';
  return (
    <Box ref={wrapper as never} className="ask-math" data-display={display || undefined}>
      <code className="ask-math-source">{source}</code>
      <Box ref={output as never} className="ask-math-output" />
    </Box>
  );
});
