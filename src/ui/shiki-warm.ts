import type { RegexEngine } from 'shiki/core';

// The first time a grammar's expressions run, the page pays for compiling them: Oniguruma →
// JavaScript translation for a grammar as written, and V8's own compilation (bytecode on the
// first run, machine code on the second) even for precompiled grammars. Run lazily by the first
// line that needs them, that is one task of 100–250 ms for TypeScript. Compiled here ahead, a
// few expressions per task, the first highlighted block no longer blocks the page.

/** Work per task: well under the 50 ms that counts as a long task, even on a slow machine. */
const sliceMs = 8;
/** A line of code for each expression to run on (compiled code is per string width: one-byte text). */
const sample = 'const value = call(item, "text", 1); // note';
const ruleKeys = ['match', 'begin', 'end', 'while'] as const;

const nextTask = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

/** Every expression of the grammars (a grammar module can hold several, e.g. embedded ones). */
function grammarPatterns(grammars: unknown): (string | RegExp)[] {
  const patterns: (string | RegExp)[] = [];
  const seen = new Set<object>();
  const walk = (value: unknown) => {
    if (!value || typeof value !== 'object' || seen.has(value) || value instanceof RegExp) return;
    seen.add(value);
    const rule = value as Record<string, unknown>;
    for (const key of ruleKeys) {
      const pattern = rule[key];
      // An `end` that refers to its `begin`'s captures (`\1`) is rebuilt per match: nothing to warm.
      if (pattern instanceof RegExp || (typeof pattern === 'string' && !(key !== 'match' && key !== 'begin' && /\\\d/.test(pattern)))) patterns.push(pattern);
    }
    for (const child of Object.values(rule)) walk(child);
  };
  walk(grammars);
  return patterns;
}

/**
 * Compiles and runs once each expression of `grammars` with `engine`, yielding to the page
 * between slices of `sliceMs`. Only for Shiki's JavaScript engines: they keep the compiled
 * expression (a precompiled grammar's own RegExp objects, or a cache by source), so the
 * highlighter's scanners reuse this work. An expression that does not compile is left for the
 * highlighter to report as it would have.
 */
export async function warmGrammar(engine: RegexEngine, grammars: unknown): Promise<void> {
  let sliceStart = performance.now();
  for (const pattern of grammarPatterns(grammars)) {
    try {
      const scanner = engine.createScanner([pattern]);
      // Twice: V8 interprets an expression's first run and compiles it to machine code on the next.
      scanner.findNextMatchSync(sample, 0, 0);
      scanner.findNextMatchSync(sample, 0, 0);
    } catch {
      // Reported by the highlighter when a line needs this expression.
    }
    if (performance.now() - sliceStart > sliceMs) {
      await nextTask();
      sliceStart = performance.now();
    }
  }
}
