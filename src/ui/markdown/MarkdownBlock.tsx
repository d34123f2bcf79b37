import { memo } from 'react';
import type { Token } from 'marked';
import { renderBlock, type RenderContext } from './render';

export interface MarkdownBlockProps {
  token: Token;
  ctx: RenderContext;
  streaming?: boolean;
  /** The lexer's generation (see `LexedMarkdown`): lets equal `raw` stand for an equal token. */
  generation?: number;
}

/**
 * One top-level block. Memoised: a finished block keeps its token object, so React skips
 * it; an open block that lexed to the same source (a closed code fence while the next
 * paragraph streams) is skipped too.
 */
export const MarkdownBlock = memo(
  function MarkdownBlock({ token, ctx, streaming = false }: MarkdownBlockProps) {
    return renderBlock(token, ctx, streaming);
  },
  (a, b) =>
    a.ctx === b.ctx &&
    a.streaming === b.streaming &&
    (a.token === b.token || (a.generation === b.generation && a.token.type === b.token.type && a.token.raw === b.token.raw)),
);
