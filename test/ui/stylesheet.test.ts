// The stylesheet is edited in blocks by many hands (and merges): an unclosed `@media` swallows
// every rule after it — in the package and in any app CSS bundled after it — and nothing else
// would say so until colours or layouts silently go missing.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

// Vitest runs from the repository root (under jsdom, import.meta.url is not a file: URL).
const css = readFileSync(resolve('src/ui/styles.css'), 'utf8');

/** Brace depth over the file, and the lines of blocks left open; comments and strings do not count (comments keep their line breaks so the lines are the file's). */
function braceDepths(source: string): { depthAtEnd: number; lowest: number; unclosedAt: number[] } {
  const code = source.replace(/\/\*[\s\S]*?\*\//g, (comment) => comment.replace(/[^\n]/g, '')).replace(/"(?:\\.|[^"\\])*"|'(?:\\.|[^'\\])*'/g, '""');
  let depth = 0;
  let lowest = 0;
  const opened: number[] = [];
  for (let i = 0; i < code.length; i++) {
    if (code[i] === '{') {
      opened.push(code.slice(0, i).split('\n').length);
      depth++;
    } else if (code[i] === '}') {
      opened.pop();
      lowest = Math.min(lowest, --depth);
    }
  }
  return { depthAtEnd: depth, lowest, unclosedAt: opened };
}

describe('styles.css', () => {
  it('closes every block it opens', () => {
    expect(braceDepths(css)).toEqual({ depthAtEnd: 0, lowest: 0, unclosedAt: [] });
  });

  it('has no merge conflict markers', () => {
    expect(css).not.toMatch(/^(<{7}|={7}|>{7})( |$)/m);
  });
});
