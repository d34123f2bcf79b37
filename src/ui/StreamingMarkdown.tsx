import { memo, useMemo, useState } from 'react';
import { cx } from './class-names';
import type { Highlighter } from './highlighter';
import { useLabels, type UILabels } from './labels';
import { IncrementalLexer, type MarkdownBlock as Block } from './markdown/incremental-lexer';
import { MarkdownBlock } from './markdown/MarkdownBlock';
import type { MarkdownComponents, RenderContext } from './markdown/render';
import type { ImagePolicy } from './markdown/safe-url';
import type { MathRenderer } from './MathFormula';

export interface StreamingMarkdownProps {
  /** The markdown so far. Appending to it is cheap; replacing it starts over. */
  content: string;
  /** The text is still arriving: repair its unfinished end and show the caret. */
  streaming?: boolean;
  /** The text was cut off (a stopped or failed reply): repair unfinished syntax like while streaming, without the caret. */
  incomplete?: boolean;
  /** Element overrides. Pass a stable object (not a new literal each render) to keep blocks memoised. */
  components?: MarkdownComponents;
  highlighter?: Highlighter;
  /**
   * Which images load by themselves (see `ImagePolicy`): `'same-origin'` (default), `'allow'`,
   * `'block'` or a list of URL prefixes. Others show as a link. Pass a stable array.
   */
  images?: ImagePolicy;
  /**
   * Render `$…$`, `$$…$$`, `\\(…\\)` and `\\[…\\]` (`createKatexMath()` from `ai-stream-kit/ui/katex`).
   * Without it, dollars are plain text. A formula still being written shows as its source.
   */
  math?: MathRenderer;
  className?: string;
  labels?: Partial<UILabels>;
}

const noComponents: MarkdownComponents = {};

/**
 * Blocks are rendered in groups of this many, by position. A group whose blocks are all
 * finished keeps the same array, so React skips it with one comparison: an update touches
 * about (blocks / GROUP) + GROUP elements instead of every block of a long reply.
 */
const GROUP = 32;

interface BlockGroupProps {
  blocks: readonly Block[];
  ctx: RenderContext;
  /** Offset of the block still being written, if it is in this group. */
  streamingAt: number;
  generation: number;
}

const BlockGroup = memo(function BlockGroup({ blocks, ctx, streamingAt, generation }: BlockGroupProps) {
  return blocks.map((block) => (
    <MarkdownBlock key={block.offset} token={block.token} ctx={ctx} streaming={block.offset === streamingAt} generation={generation} />
  ));
});

/** Splits finished + open blocks into position-based groups, reusing the arrays of full finished groups. */
function useBlockGroups(finished: readonly Block[], open: Block[]): (readonly Block[])[] {
  const [frozen] = useState(() => ({ source: finished, groups: [] as Block[][] }));
  if (frozen.source !== finished) {
    // The lexer started over: its settled blocks are new objects.
    frozen.source = finished;
    frozen.groups = [];
  }
  const full = Math.floor(finished.length / GROUP);
  for (let g = frozen.groups.length; g < full; g++) frozen.groups.push(finished.slice(g * GROUP, (g + 1) * GROUP));
  const rest = finished.slice(full * GROUP).concat(open);
  const groups: (readonly Block[])[] = frozen.groups.slice();
  for (let i = 0; i < rest.length; i += GROUP) groups.push(rest.slice(i, i + GROUP));
  return groups;
}

/**
 * GitHub-flavoured markdown for a reply that is still being written. Renders marked's
 * tokens as React elements (never HTML strings); raw HTML shows as text; only http(s),
 * mailto and relative URLs survive; images from other origins show as links unless `images`
 * allows them. Settled blocks are lexed once and never re-rendered.
 */
export function StreamingMarkdown({ content, streaming = false, incomplete = false, components = noComponents, highlighter, images = 'same-origin', math, className, labels }: StreamingMarkdownProps) {
  const syntax = math?.syntax;
  const lexer = useMemo(() => new IncrementalLexer({ math: syntax }), [syntax]);
  const { finished, open, generation } = useMemo(() => lexer.update(content, streaming || incomplete), [lexer, content, streaming, incomplete]);
  const groups = useBlockGroups(finished, open);
  const l = useLabels(labels);
  const ctx = useMemo<RenderContext>(() => ({ components, highlighter, labels: l, images, math }), [components, highlighter, l, images, math]);
  const streamingAt = streaming && open.length > 0 ? open[open.length - 1]!.offset : -1;
  return (
    <div className={cx('ask-markdown', className)} dir="auto" data-streaming={streaming || undefined}>
      {groups.map((blocks, i) => (
        <BlockGroup key={i} blocks={blocks} ctx={ctx} streamingAt={i === groups.length - 1 ? streamingAt : -1} generation={generation} />
      ))}
    </div>
  );
}
