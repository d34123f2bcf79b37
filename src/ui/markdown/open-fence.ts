import type { Tokens } from 'marked';

/**
 * A fenced code block still open at the end of a streaming text. Text appended to it is code
 * until a closing fence line appears, so its token can be extended without lexing the whole
 * block again: a long block streamed token by token then costs the same per token at line 2,000
 * as at line 2.
 */
export interface OpenFence {
  /** Where the block starts in the text. */
  offset: number;
  /** Where the block's body starts (after the fence line). */
  bodyFrom: number;
  /** The fence's character and length: a closing fence is at least as long. */
  marker: string;
  token: Tokens.Code;
  /** Text length when the token was made. */
  length: number;
}

// marked's rule for an opening fence; only unindented ones (an indented fence strips that
// indent from every line, which this shortcut does not do).
const opening = /^(`{3,}(?=[^`\n]*(?:\n|$))|~{3,})[^\n]*(?:\n|$)/;

/** The open fenced block `token` at `offset`, if it is one and runs to the end of `text`. */
export function openFenceAt(text: string, offset: number, token: Tokens.Code): OpenFence | undefined {
  if (token.codeBlockStyle === 'indented' || offset + token.raw.length !== text.length) return undefined;
  const fence = opening.exec(token.raw);
  // The fence line must be complete: until then more of it may still be the language name.
  if (!fence || !fence[0].endsWith('\n')) return undefined;
  const bodyFrom = offset + fence[0].length;
  const marker = fence[1]!;
  // Open means: no closing fence line in the body (and the token is the real text, not a repair).
  if (closes(text, bodyFrom, marker) || text.slice(offset) !== token.raw) return undefined;
  return { offset, bodyFrom, marker, token, length: text.length };
}

/** Whether a line from `from` on is a closing fence for `marker` (a last, partial line too). */
function closes(text: string, from: number, marker: string): boolean {
  const char = marker[0] === '`' ? '`' : '~';
  return new RegExp(`(?:^|\\n) {0,3}${char}{${marker.length},}[ \\t]*(?=\\n|$)`).test(text.slice(from));
}

/**
 * The block's token for `text`, which extends the text the fence was seen in, or undefined when
 * the block may have closed (then lex as usual). Work: the appended text and its line only.
 */
export function extendOpenFence(fence: OpenFence, text: string): Tokens.Code | undefined {
  // Re-check from the start of the line that was last being written.
  const lineStart = text.lastIndexOf('\n', fence.length - 1) + 1;
  if (closes(text, Math.max(lineStart - 1, fence.bodyFrom - 1), fence.marker)) return undefined;
  const body = text.slice(fence.bodyFrom);
  // As marked: the body up to the end, without one final newline.
  return { ...fence.token, raw: text.slice(fence.offset), text: body.endsWith('\n') ? body.slice(0, -1) : body };
}
