import { createKatexMath } from '../../src/ui/katex';
import { createShikiHighlighter } from '../../src/ui/shiki';
import 'katex/dist/katex.min.css';

/** The kit's opt-in Shiki highlighter, as an app would create it: grammars load with the first block that needs them. */
export const shikiHighlighter = createShikiHighlighter();

/** KaTeX math, loaded with the first formula. */
export const katexMath = createKatexMath();
