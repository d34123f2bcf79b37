/**
 * Splits text into model-like tokens of 1–6 characters: a word with its leading space, long
 * words cut into pieces, runs of whitespace (newlines included) kept together. Deterministic,
 * and joining the tokens gives the text back exactly.
 */
export function tokenize(text: string): string[] {
  const tokens: string[] = [];
  const pattern = /\s?\S{1,5}|\s+?(?=\s\S)|\s+$/gu;
  for (const match of text.matchAll(pattern)) {
    const token = match[0];
    // Whitespace runs longer than 6 characters (indentation) are split too.
    for (let i = 0; i < token.length; i += 6) tokens.push(token.slice(i, i + 6));
  }
  return tokens;
}

/** A rough prompt-token estimate (about four characters a token), as providers report them. */
export function estimateTokens(text: string): number {
  return Math.max(1, Math.ceil(text.length / 4));
}
