import type { Links, MarkedOptions, Token, Tokens, TokensList } from 'marked';
import { Lexer } from './vendor/marked-lexer';
import type { MathSyntax } from './math-syntax';
import { extendOpenFence, openFenceAt, type OpenFence } from './open-fence';
import { repairStreamingMarkdown } from './repair';

/** One top-level markdown block and where it starts in the (normalised) text. */
export interface MarkdownBlock {
  /** Offset of the block's first character: stable for the life of the block, so a React key. */
  offset: number;
  token: Token;
}

export interface LexedMarkdown {
  /** Blocks that later text can no longer change. Same objects from update to update. */
  finished: readonly MarkdownBlock[];
  /** The last blocks, re-lexed on every update (repaired while streaming). */
  open: MarkdownBlock[];
  /** Changes whenever everything was lexed again: equal `raw` no longer means an equal token. */
  generation: number;
}

// Shared like marked's own defaults (the Lexer caches its tokenizer on it); lexing is synchronous.
const lexerOptions: MarkedOptions = { gfm: true };

/** `[label]` in a block's source: a possible reference (`[text][label]`, `[label][]`, `[label]`). */
const bracketed = /\[((?:\\.|[^[\]\\])+)\]/g;

/**
 * Lexes a growing markdown text without re-lexing what is already settled.
 *
 * The text is cut into top-level blocks (marked tokens, whose `raw` gives their extent).
 * Everything before the second-to-last non-blank block is finished: a top-level block can
 * only be extended by text that directly follows it (a list continued after a blank line,
 * a table growing, a code fence closing), and once another block has started after the
 * next one, nothing can reach back. Each update re-lexes only from the start of the open
 * blocks, so the lexing work per update is bounded by the size of the last two blocks, not
 * the whole reply.
 */
export interface IncrementalLexerOptions {
  /** Read math as `math` tokens (see `MathToken`): `mathSyntax`, or a math renderer's `syntax`. */
  math?: MathSyntax;
}

export class IncrementalLexer {
  /** marked options for a finished text and for a streaming one (where an open `$$` block is pending math). */
  private readonly options: { final: MarkedOptions; streaming: MarkedOptions };
  private text = '';
  private finished: MarkdownBlock[] = [];
  /** Where the open region starts: the end of the last finished block. */
  private openFrom = 0;
  /** Link reference definitions from finished blocks, for `[text][ref]` in later blocks. */
  private links: Links = Object.create(null);
  /** Every definition seen so far, settled or complete in the open blocks: what settled blocks are re-lexed with. */
  private known: Links = Object.create(null);
  /** Labels cited by settled blocks before anything defined them → indexes of those blocks. */
  private citing = new Map<string, Set<number>>();
  /** Settled blocks to re-lex because a label they cite was just defined. */
  private stale = new Set<number>();
  private generation = 0;
  /** Characters handed to marked so far. Instrumentation: lets tests prove the bound. */
  lexedChars = 0;
  /** The last open block, when it is a fenced code block still open at the end of the text. */
  private fence: { at: OpenFence; before: MarkdownBlock[] } | undefined;

  constructor({ math }: IncrementalLexerOptions = {}) {
    this.options = math
      ? { final: { ...lexerOptions, extensions: math.final }, streaming: { ...lexerOptions, extensions: math.streaming } }
      : { final: lexerOptions, streaming: lexerOptions };
  }

  update(input: string, streaming: boolean): LexedMarkdown {
    const text = input.includes('\r') ? input.replace(/\r\n?/g, '\n') : input;
    // The one whole-text step, to notice replaced (not appended) text: string equality is a
    // memcmp in engines (`startsWith` walks char by char and costs ~30x more).
    if (text.length < this.openFrom || text.slice(0, this.openFrom) !== this.text.slice(0, this.openFrom)) this.reset();
    const previous = this.text;
    this.text = text;

    // Streaming into an open code fence: extend its token instead of lexing the whole block.
    const fence = this.fence;
    this.fence = undefined;
    if (fence && streaming && text.length >= previous.length && text.slice(0, previous.length) === previous) {
      const token = extendOpenFence(fence.at, text);
      if (token) {
        this.fence = fence;
        return { finished: this.finished, open: [...fence.before, { offset: fence.at.offset, token }], generation: this.generation };
      }
    }

    const tail = text.slice(this.openFrom);
    const tokens = this.lex(streaming ? repairStreamingMarkdown(tail) : tail, this.links, streaming);

    // Settle everything before the second-to-last non-blank block.
    let cut = 0;
    for (let i = tokens.length - 1, seen = 0; i >= 0; i--) {
      if (tokens[i]!.type !== 'space' && ++seen === 2) {
        cut = i;
        break;
      }
    }
    let at = 0;
    for (let i = 0; i < cut; i++) {
      const token = tokens[i]!;
      if (!tail.startsWith(token.raw, at)) {
        // marked drops a repeated link definition (the first one wins): step over its text.
        const found = tail.indexOf(token.raw, at);
        if (found > at && /^ {0,3}\[[^\n]*\]:/.test(tail.slice(at, found))) {
          at = found;
        } else {
          // Repairs only touch the end, but never settle a block that differs from the real text.
          cut = i;
          break;
        }
      }
      if (token.type !== 'space') this.settle({ offset: this.openFrom + at, token });
      at += token.raw.length;
    }
    this.openFrom += at;

    const open: MarkdownBlock[] = [];
    for (let i = cut, offset = this.openFrom; i < tokens.length; i++) {
      const token = tokens[i]!;
      if (token.type !== 'space') open.push({ offset, token });
      offset += token.raw.length;
    }
    // Definitions still in the open blocks count for settled ones once their line is complete
    // (a URL being typed would otherwise re-lex the blocks that cite it on every token).
    for (let i = cut; i < tokens.length; i++) {
      const token = tokens[i]!;
      if (token.type === 'def' && (!streaming || token.raw.endsWith('\n'))) this.define(token.tag, token as Tokens.Def);
    }
    this.relexCiting();
    const last = open.at(-1);
    if (streaming && last?.token.type === 'code') {
      const at = openFenceAt(text, last.offset, last.token as Tokens.Code);
      if (at) this.fence = { at, before: open.slice(0, -1) };
    }
    return { finished: this.finished, open, generation: this.generation };
  }

  /** Adds a block that later text can no longer change, noting the labels it cites but nothing defines yet. */
  private settle(block: MarkdownBlock): void {
    const { token } = block;
    if (token.type === 'def') {
      if (!(token.tag in this.links)) this.links[token.tag] = { href: token.href, title: token.title };
      this.define(token.tag, token as Tokens.Def);
    } else if (token.raw.includes(']')) {
      for (const match of token.raw.matchAll(bracketed)) {
        const tag = match[1]!.replace(/\s+/g, ' ').toLowerCase();
        if (tag in this.known) continue;
        let citing = this.citing.get(tag);
        if (!citing) this.citing.set(tag, (citing = new Set()));
        citing.add(this.finished.length);
      }
    }
    this.finished.push(block);
  }

  /** The first definition of a label wins (as in marked); settled blocks citing it are re-lexed once. */
  private define(tag: string, link: { href: string; title?: string | null }): void {
    if (tag in this.known) return;
    this.known[tag] = { href: link.href, title: link.title ?? undefined };
    const citing = this.citing.get(tag);
    if (!citing) return;
    this.citing.delete(tag);
    for (const index of citing) this.stale.add(index);
  }

  /**
   * Re-lexes just the settled blocks that cite a label defined since they settled: the work
   * is bounded by those blocks, not the reply. The list gets new token objects for them (and
   * a new array) and the generation moves on, so exactly those blocks render again.
   */
  private relexCiting(): void {
    if (this.stale.size === 0) return;
    const finished = this.finished.slice();
    for (const index of this.stale) {
      const block = finished[index]!;
      const relexed = this.lex(block.token.raw, this.known, false).filter((token) => token.type !== 'space');
      // A block lexed alone is the same block; anything else keeps what was there.
      if (relexed.length === 1 && relexed[0]!.type === block.token.type) finished[index] = { offset: block.offset, token: relexed[0]! };
    }
    this.stale.clear();
    this.finished = finished;
    this.generation++;
  }

  private lex(src: string, links: Links, streaming: boolean): TokensList {
    this.lexedChars += src.length;
    const lexer = new Lexer(streaming ? this.options.streaming : this.options.final);
    // Seed definitions from finished blocks (a fresh object: marked adds the tail's own).
    lexer.tokens.links = Object.assign(Object.create(null), links);
    return lexer.lex(src);
  }

  /** The text was replaced: start over. */
  private reset(): void {
    this.generation++;
    this.finished = [];
    this.openFrom = 0;
    this.links = Object.create(null);
    this.known = Object.create(null);
    this.citing.clear();
    this.stale.clear();
    this.fence = undefined;
  }
}
