import { Lexer, type Links, type MarkedOptions, type Token, type TokensList } from 'marked';
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
export class IncrementalLexer {
  private text = '';
  private finished: MarkdownBlock[] = [];
  /** Where the open region starts: the end of the last finished block. */
  private openFrom = 0;
  /** Link reference definitions from finished blocks, for `[text][ref]` in later blocks. */
  private links: Links = Object.create(null);
  /** Every definition seen so far, settled or not: a new one means settled blocks may be stale. */
  private definitions: Links = Object.create(null);
  private generation = 0;
  /** Characters handed to marked so far. Instrumentation: lets tests prove the bound. */
  lexedChars = 0;

  update(input: string, streaming: boolean): LexedMarkdown {
    const text = input.includes('\r') ? input.replace(/\r\n?/g, '\n') : input;
    // The one whole-text step, to notice replaced (not appended) text: string equality is a
    // memcmp in engines (`startsWith` walks char by char and costs ~30x more).
    if (text.length < this.openFrom || text.slice(0, this.openFrom) !== this.text.slice(0, this.openFrom)) this.reset(true);
    this.text = text;

    const tail = text.slice(this.openFrom);
    const tokens = this.lex(streaming ? repairStreamingMarkdown(tail) : tail);

    // A new (or changed) link definition can give meaning to `[x][ref]` in blocks already
    // settled: lex everything again, once per definition (models seldom write them).
    let newDefinition = false;
    for (const [tag, link] of Object.entries(tokens.links)) {
      const known = this.definitions[tag];
      if (!known || known.href !== link.href || known.title !== link.title) {
        this.definitions[tag] = link;
        newDefinition = true;
      }
    }
    if (newDefinition && this.finished.length > 0) {
      this.reset(false);
      return this.update(text, streaming);
    }

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
      if (token.type === 'def' && !(token.tag in this.links)) this.links[token.tag] = { href: token.href, title: token.title };
      if (token.type !== 'space') this.finished.push({ offset: this.openFrom + at, token });
      at += token.raw.length;
    }
    this.openFrom += at;

    const open: MarkdownBlock[] = [];
    for (let i = cut, offset = this.openFrom; i < tokens.length; i++) {
      const token = tokens[i]!;
      if (token.type !== 'space') open.push({ offset, token });
      offset += token.raw.length;
    }
    return { finished: this.finished, open, generation: this.generation };
  }

  private lex(src: string): TokensList {
    this.lexedChars += src.length;
    const lexer = new Lexer(lexerOptions);
    // Seed definitions from finished blocks (a fresh object: marked adds the tail's own).
    lexer.tokens.links = Object.assign(Object.create(null), this.links);
    return lexer.lex(src);
  }

  /** `forget`: the text was replaced, so its link definitions go too. */
  private reset(forget: boolean): void {
    this.generation++;
    this.finished = [];
    this.openFrom = 0;
    this.links = Object.create(null);
    if (forget) this.definitions = Object.create(null);
  }
}
