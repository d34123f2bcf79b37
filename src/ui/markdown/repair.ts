import remend, { isWithinCodeBlock } from 'remend';

// Only the end-of-text completions: the ones that rewrite text in the middle (single `~`,
// `- > 25`) would make a streamed reply render differently from the finished one, and we
// render no math.
const remendOptions = { katex: false, inlineKatex: false, singleTilde: false, comparisonOperators: false } as const;

/** Cells of a table row (`| a | b |` → 2); escaped pipes don't split. */
function countCells(row: string): number {
  const inner = row.trim().replace(/^\|/, '').replace(/(?<!\\)\|$/, '');
  return inner.split(/(?<!\\)\|/).length;
}

const delimiterRow = (cells: number) => '|' + ' --- |'.repeat(Math.max(1, cells));

const isRow = (line: string | undefined) => line !== undefined && line.trimStart().startsWith('|');

/**
 * A table whose header row or delimiter row is still arriving lexes as a paragraph full of
 * pipes. Complete the delimiter row so it renders as the table it is about to become.
 */
function completeTableHead(input: string): string {
  // A header row that just ended its line counts too.
  const text = input.endsWith('\n') ? input.slice(0, -1) : input;
  // Only the last three lines matter; don't split the whole tail.
  let from = text.length;
  for (let i = 0; i < 3 && from > 0; i++) from = text.lastIndexOf('\n', from - 1);
  const lines = text.slice(from + 1).split('\n');
  const last = lines.at(-1)!;
  const prev = lines.length > 1 ? lines.at(-2) : undefined;
  const abovePrev = lines.length > 2 ? lines.at(-3) : undefined;
  if (!isRow(last) || isWithinCodeBlock(text, text.length - 1)) return input;
  const head = text.slice(0, text.length - last.length);
  if (isRow(prev)) {
    // The delimiter row is being typed under a header row: write the whole row.
    if (!isRow(abovePrev) && /^\s*\|[\s:|-]*$/.test(last)) return head + delimiterRow(countCells(prev!));
    return input;
  }
  // The header row itself is being typed.
  if (last.trim() === '|') return head;
  return text + '\n' + delimiterRow(countCells(last));
}

/** A line of one or two backticks/tildes is a code fence being typed: hide it until it is one. */
function dropPartialFence(text: string): string {
  const lineStart = text.lastIndexOf('\n') + 1;
  if (!/^ {0,3}(?:`{1,2}|~{1,2})$/.test(text.slice(lineStart)) || isWithinCodeBlock(text, lineStart)) return text;
  return text.slice(0, lineStart);
}

/**
 * Close an open inline code span first: remend closes emphasis before code and would put
 * `**` inside the span (`**\`npm` → `**\`npm**\``).
 */
function closeInlineCode(text: string): string {
  const block = text.slice(text.lastIndexOf('\n\n') + 1);
  if (/^ {0,3}(?:`{3}|~{3})/m.test(block) || isWithinCodeBlock(text, text.length - 1)) return text;
  const singles = block.match(/(?<!`)`(?!`)/g)?.length ?? 0;
  if (singles % 2 === 0) return text;
  // A span with nothing in it yet is no span: hide the backtick instead.
  return text.endsWith('`') ? text.slice(0, -1) : text + '`';
}

/** Emphasis markers with nothing after them yet (`with **`): remend has nothing to close, so hide them. */
function dropBareMarker(text: string): string {
  const match = /(?:^|\s)([*_~]{1,3})$/.exec(text);
  if (!match || isWithinCodeBlock(text, text.length - 1)) return text;
  return text.slice(0, text.length - match[1]!.length);
}

/**
 * `[text]` at the very end is most likely a link whose `(url)` comes next (remend leaves it
 * alone: it is valid text). Treat it as a pending link so the brackets don't flash.
 */
function completeBracketAtEnd(text: string): string {
  const match = /(!?)\[[^[\]\n]*\]$/.exec(text);
  if (!match || isWithinCodeBlock(text, match.index)) return text;
  // A task list marker (`- [ ]`) is not a link.
  if (/^\s*(?:[-*+]|\d+[.)])\s+\[[ xX]\]$/.test(text.slice(text.lastIndexOf('\n') + 1))) return text;
  return text + (match[1] ? '(streamdown:incomplete-image)' : '(streamdown:incomplete-link)');
}

/**
 * Makes the unfinished end of a streaming reply render as what it is becoming instead of
 * flashing raw syntax: closes `**`, `_`, `` ` ``, `~~`, half links (remend), hides bare markers, a trailing `[text]`, completes a
 * table head and hides a half-typed fence. Unclosed code fences need nothing: marked runs
 * them to the end of the text.
 */
export function repairStreamingMarkdown(text: string): string {
  return completeTableHead(dropPartialFence(completeBracketAtEnd(remend(dropBareMarker(closeInlineCode(text)), remendOptions))));
}
