import { createElement, Fragment, type ComponentType, type ElementType, type ReactNode } from 'react';
import type { Token, Tokens } from 'marked';
import { CodeBlock, type CodeBlockProps } from '../CodeBlock';
import type { Highlighter } from '../highlighter';
import type { BaseLabels } from '../labels';
import { LazyMathFormula } from '../lazy-math-formula';
import type { MathRenderer } from '../MathFormula';
import { decodeEntities } from './entities';
import type { MathToken } from './math-syntax';
import { imageAllowed, safeUrl, type ImagePolicy } from './safe-url';

export type MarkdownElement =
  | 'p' | 'h1' | 'h2' | 'h3' | 'h4' | 'h5' | 'h6' | 'a' | 'img' | 'code' | 'blockquote'
  | 'ul' | 'ol' | 'li' | 'table' | 'thead' | 'tbody' | 'tr' | 'th' | 'td' | 'hr'
  | 'strong' | 'em' | 'del' | 'br' | 'input';

/**
 * Replace any element the markdown renders (`{ a: MyLink, table: MyTable }`), and fenced
 * code with `CodeBlock`. Links and images get already-filtered URLs.
 */
export type MarkdownComponents = Partial<Record<MarkdownElement, ElementType>> & {
  CodeBlock?: ComponentType<CodeBlockProps>;
};

export interface RenderContext {
  components: MarkdownComponents;
  highlighter: Highlighter | undefined;
  /** The labels every app loads (an on-demand feature's, such as Edit's, are not there). */
  labels: BaseLabels;
  /** Which images load by themselves; `'same-origin'` when left out. */
  images?: ImagePolicy;
  /** Renders `math` tokens (present only when the lexer reads math). */
  math?: MathRenderer;
  /** Set while rendering a link's text: an image refused there shows as its alt text, not a nested link. */
  inLink?: boolean;
}

// Placeholders remend writes for a link/image whose URL is still arriving.
const pendingLink = 'streamdown:incomplete-link';
const pendingImage = 'streamdown:incomplete-image';

function h(ctx: RenderContext, tag: MarkdownElement, props: Record<string, unknown> | null, children?: ReactNode) {
  return createElement(ctx.components[tag] ?? tag, props, children);
}

function inline(token: Token, ctx: RenderContext, key: number): ReactNode {
  switch (token.type) {
    case 'text':
      return token.tokens ? <Fragment key={key}>{renderInline(token.tokens, ctx)}</Fragment> : decodeEntities(token.text);
    case 'escape':
      return token.text;
    case 'strong':
    case 'em':
    case 'del':
      return h(ctx, token.type, { key }, renderInline(token.tokens ?? [], ctx));
    case 'codespan':
      return h(ctx, 'code', { key }, token.text);
    case 'br':
      return h(ctx, 'br', { key });
    case 'link': {
      const children = renderInline(token.tokens ?? [], ctx.inLink ? ctx : { ...ctx, inLink: true });
      if (token.href === pendingLink) return <span key={key} className="ask-md-link-pending">{children}</span>;
      const href = safeUrl(token.href);
      // A refused URL leaves the link text, not a link.
      if (href === undefined) return <Fragment key={key}>{children}</Fragment>;
      const title = token.title ? decodeEntities(token.title) : undefined;
      return h(ctx, 'a', { key, href, title, target: '_blank', rel: 'noopener noreferrer' }, children);
    }
    case 'image': {
      if (token.href === pendingImage) return null;
      const src = safeUrl(token.href);
      const alt = decodeEntities(token.text);
      if (src === undefined) return alt;
      const title = token.title ? decodeEntities(token.title) : undefined;
      // Not loaded by itself: a link the reader can choose to follow.
      if (!imageAllowed(src, ctx.images ?? 'same-origin')) {
        if (ctx.inLink) return alt;
        return h(ctx, 'a', { key, href: src, title, className: 'ask-md-image-link', target: '_blank', rel: 'noopener noreferrer' }, alt || src);
      }
      return h(ctx, 'img', { key, src, alt, title, loading: 'lazy', decoding: 'async', referrerPolicy: 'no-referrer' });
    }
    case 'math':
      return renderMath(token as unknown as MathToken, ctx, key);
    // Raw HTML (`html` inline tags) and anything unknown: shown as the text it is.
    default:
      return token.raw;
  }
}

/** A formula; one still being written, or with no renderer, shows its source. */
function renderMath(token: MathToken, ctx: RenderContext, key: number | undefined): ReactNode {
  const source = token.raw.trim();
  if (token.pending || !ctx.math) {
    return token.display ? <div key={key} className="ask-math" data-display><code className="ask-math-source">{source}</code></div> : <code key={key} className="ask-math-source">{source}</code>;
  }
  return <LazyMathFormula key={key} tex={token.text} source={source} display={token.display} renderer={ctx.math} />;
}

export function renderInline(tokens: Token[], ctx: RenderContext): ReactNode[] {
  return tokens.map((token, i) => inline(token, ctx, i));
}

function renderBlocks(tokens: Token[], ctx: RenderContext): ReactNode[] {
  return tokens.map((token, i) => renderBlock(token, ctx, false, i));
}

function listItem(item: Tokens.ListItem, ctx: RenderContext, key: number): ReactNode {
  const children = item.tokens.map((token, i) => {
    if (token.type === 'checkbox') {
      const label = token.checked ? ctx.labels.taskDone : ctx.labels.taskOpen;
      return h(ctx, 'input', { key: i, type: 'checkbox', checked: token.checked, disabled: true, readOnly: true, 'aria-label': label });
    }
    // Tight list items hold bare text (inline content), loose ones paragraphs.
    if (token.type === 'text') return <Fragment key={i}>{renderInline(token.tokens ?? [token], ctx)}</Fragment>;
    return renderBlock(token, ctx, false, i);
  });
  return h(ctx, 'li', { key, dir: 'auto', className: item.task ? 'ask-md-task' : undefined }, children);
}

/** Renders one block-level token. `streaming` marks the block still being written. */
export function renderBlock(token: Token, ctx: RenderContext, streaming: boolean, key?: number): ReactNode {
  switch (token.type) {
    case 'space':
    case 'def':
      return null;
    case 'paragraph':
    case 'text':
      return h(ctx, 'p', { key, dir: 'auto' }, renderInline(token.tokens ?? [token], ctx));
    case 'heading':
      return h(ctx, `h${Math.min(6, Math.max(1, token.depth))}` as MarkdownElement, { key, dir: 'auto' }, renderInline(token.tokens ?? [], ctx));
    case 'code': {
      const Code = ctx.components.CodeBlock ?? CodeBlock;
      // Not a regex: `/\n$/` scans the whole text, and a streaming block grows every token.
      const code = token.text.endsWith('\n') ? token.text.slice(0, -1) : token.text;
      return <Code key={key} code={code} language={token.lang || undefined} highlighter={ctx.highlighter} streaming={streaming} labels={ctx.labels} />;
    }
    case 'blockquote':
      return h(ctx, 'blockquote', { key, dir: 'auto' }, renderBlocks(token.tokens ?? [], ctx));
    case 'list': {
      const list = token as Tokens.List;
      const start = list.ordered && list.start !== '' && list.start !== 1 ? list.start : undefined;
      return h(ctx, list.ordered ? 'ol' : 'ul', { key, start }, list.items.map((item, i) => listItem(item, ctx, i)));
    }
    case 'table': {
      const table = token as Tokens.Table;
      const cell = (c: Tokens.TableCell, i: number, tag: 'th' | 'td') =>
        h(ctx, tag, { key: i, dir: 'auto', style: c.align ? { textAlign: c.align } : undefined }, renderInline(c.tokens, ctx));
      return (
        // Focusable: a table wider than the screen scrolls in this box, also from the keyboard.
        <div key={key} className="ask-md-table" tabIndex={0}>
          {h(ctx, 'table', null, [
            h(ctx, 'thead', { key: 'h' }, h(ctx, 'tr', null, table.header.map((c, i) => cell(c, i, 'th')))),
            table.rows.length > 0 ? h(ctx, 'tbody', { key: 'b' }, table.rows.map((row, r) => h(ctx, 'tr', { key: r }, row.map((c, i) => cell(c, i, 'td'))))) : null,
          ])}
        </div>
      );
    }
    case 'hr':
      return h(ctx, 'hr', { key });
    case 'math':
      return renderMath(token as unknown as MathToken, ctx, key);
    // Raw HTML blocks are model output like any other: shown as text, never parsed.
    case 'html':
      return h(ctx, 'p', { key, className: 'ask-md-raw', dir: 'auto' }, token.raw.replace(/\n+$/, ''));
    default:
      return h(ctx, 'p', { key }, token.raw);
  }
}
