import type { KatexOptions } from 'katex';
import { mathSyntax } from './markdown/math-syntax';
import type { MathRenderer } from './MathFormula';

export interface KatexMathOptions {
  /** KaTeX's output: `'htmlAndMathml'` (default; needs `katex/dist/katex.min.css`), `'html'` or `'mathml'` (no stylesheet). */
  output?: KatexOptions['output'];
  /** TeX macros (`{ '\\RR': '\\mathbb{R}' }`). */
  macros?: KatexOptions['macros'];
}

/**
 * Math with KaTeX, loaded on the first formula (a dynamic import of `katex`, an optional
 * peer). Pass it as `math` to `StreamingMarkdown`, `Message` or `Chat`, and import
 * `katex/dist/katex.min.css` once in the app.
 *
 * Model output is untrusted: KaTeX runs with `trust: false` (no `\href`, `\url`,
 * `\includegraphics`, `\htmlClass`/`\htmlId`/`\htmlStyle`/`\htmlData`), bounded `maxSize`
 * and `maxExpand`, and builds DOM nodes from the formula itself (`katex.render`, no HTML
 * string is parsed). A formula KaTeX rejects keeps showing its source, never an error box.
 */
export function createKatexMath(options: KatexMathOptions = {}): MathRenderer {
  let katex: typeof import('katex').default | undefined;
  let loading: Promise<typeof import('katex').default> | undefined;

  const draw = (tex: string, display: boolean, into: HTMLElement) =>
    katex!.render(tex, into, {
      displayMode: display,
      output: options.output ?? 'htmlAndMathml',
      macros: options.macros ? { ...options.macros } : undefined,
      trust: false,
      // Invalid TeX throws (the source stays on screen) instead of drawing KaTeX's red error text.
      throwOnError: true,
      // Strictness is about LaTeX compatibility, not safety: models write `\\` in display
      // math and Unicode in formulas, which strict mode would refuse.
      strict: 'ignore',
      maxSize: 20,
      maxExpand: 500,
    });

  return {
    syntax: mathSyntax,
    render(tex, display, into) {
      if (katex) return draw(tex, display, into);
      loading ??= import('katex').then((module) => (katex = module.default));
      return loading.then(() => draw(tex, display, into));
    },
  };
}
