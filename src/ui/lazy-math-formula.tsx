import { lazyComponent } from './lazy-component';
import type { MathFormulaProps } from './MathFormula';

// Only apps that pass a math renderer (`createKatexMath()`) ever show a formula: MathFormula comes
// from a chunk of its own with the first one. Until then the formula's source shows in the same
// box MathFormula shows it in before it has drawn the formula.
function MathSource({ source, display }: MathFormulaProps) {
  const Box = display ? 'div' : 'span';
  return (
    <Box className="ask-math" data-display={display || undefined}>
      <code className="ask-math-source">{source}</code>
    </Box>
  );
}

/** MathFormula, from its own chunk. */
export const LazyMathFormula = lazyComponent<MathFormulaProps>(() => import('./MathFormula').then((module) => module.MathFormula), MathSource);
