import type { GrammarState, HighlighterCore, LanguageInput, RegexEngine, ThemeInput, ThemedToken } from 'shiki/core';
import type { HighlightToken, Highlighter } from './highlighter';
import { warmGrammar } from './shiki-warm';
import { shikiLanguageAliases, shikiLanguages, type ShikiLanguageLoader } from './shiki-languages';

export { shikiLanguageAliases, shikiLanguages, type ShikiLanguageLoader };

export interface ShikiHighlighterOptions {
  /**
   * Grammars by Shiki language name, each a dynamic import. A grammar is fetched when the
   * first code block in its language appears; none is fetched with the page. Default:
   * `shikiLanguages` (about 30 common ones, precompiled). Pass your own to add or narrow:
   * `{ ...shikiLanguages, elixir: () => import('@shikijs/langs-precompiled/elixir') }`
   * (a grammar as written, `shiki/langs/elixir.mjs`, works too and is compiled on load).
   */
  languages?: Record<string, ShikiLanguageLoader>;
  /** Fence names that mean a language above (`{ py: 'python' }`), added to `shikiLanguageAliases`. */
  aliases?: Record<string, string>;
  /**
   * A fixed Shiki theme (`() => import('shiki/themes/github-dark.mjs')`). By default the
   * colours are the kit's `--ask-hl-*` CSS variables, which follow its light and dark themes.
   */
  theme?: () => Promise<ThemeInput | { default: ThemeInput }>;
  /**
   * The regular-expression engine. Default: Shiki's JavaScript engine (no WebAssembly to
   * fetch), with each grammar's expressions compiled ahead in short tasks before its first
   * block is coloured. `() => import('shiki/engine/oniguruma').then((m) => m.createOnigurumaEngine(import('shiki/wasm')))`
   * for the exact TextMate engine.
   */
  engine?: () => Promise<Parameters<typeof import('shiki/core').createHighlighterCore>[0]['engine']>;
}

/** A highlighting of complete lines: the cache a streaming block continues from. */
interface Session {
  lang: string;
  /** The text highlighted, always ending with a newline. */
  text: string;
  lines: HighlightToken[][];
  /** The grammar's state at the start of the next line. */
  state: GrammarState | undefined;
}

const themeName = 'ask-css-variables';
/** Recent blocks: enough for every code block of a reply, small enough to keep nothing big alive. */
const sessionLimit = 16;
// Lines longer than this stay plain (minified code): one line must never block the page.
const maxLineLength = 2_000;
// Shiki stops a line after its time limit (500 ms by default) and colours the rest as one
// token. The first line of a grammar also pays for compiling its expressions, which on a
// slow machine can pass 500 ms: a cached line must be right, so the limit only guards
// against a runaway expression.
const lineTimeLimit = 5_000;

function toTokens(line: ThemedToken[]): HighlightToken[] {
  return line.map(({ content, color, fontStyle }) => (fontStyle ? { content, color, fontStyle } : { content, color }));
}

const plain = (code: string): HighlightToken[][] => code.split('\n').map((content) => [{ content }]);

/**
 * Syntax highlighting with Shiki, loaded lazily: `shiki/core`, the regex engine, the theme
 * and each grammar are dynamic imports fetched on the first code block that needs them.
 *
 * Made for streaming: complete lines are highlighted once and cached with the grammar's
 * state, so a block that grows by a line costs one line of work, whatever its length.
 * Once loaded it answers synchronously (no extra React commit per line).
 *
 * ```tsx
 * import { createShikiHighlighter } from 'ai-stream-kit/ui/shiki';
 * const highlighter = createShikiHighlighter();
 * <Chat highlighter={highlighter} … />
 * ```
 */
export function createShikiHighlighter(options: ShikiHighlighterOptions = {}): Highlighter {
  const languages = options.languages ?? shikiLanguages;
  const aliases: Record<string, string> = { ...shikiLanguageAliases, ...options.aliases };
  let core: HighlighterCore | undefined;
  let loadingCore: Promise<{ highlighter: HighlighterCore; engine: RegexEngine }> | undefined;
  const loadingLanguage = new Map<string, Promise<void>>();
  let sessions: Session[] = [];

  const loadCore = () =>
    (loadingCore ??= (async () => {
      const [{ createHighlighterCore, createCssVariablesTheme }, engine] = await Promise.all([
        import('shiki/core'),
        options.engine ? options.engine() : import('shiki/engine/javascript').then((m) => m.createJavaScriptRegexEngine()),
      ]);
      const theme = options.theme
        ? await options.theme().then((m) => ('default' in m ? m.default : m))
        : createCssVariablesTheme({ name: themeName, variablePrefix: '--ask-hl-', fontStyle: true });
      core = await createHighlighterCore({ engine, themes: [theme], langs: [] });
      return { highlighter: core, engine: await engine };
    })());

  const resolve = (language: string | undefined): string | undefined => {
    const name = language?.toLowerCase();
    if (!name) return undefined;
    const lang = aliases[name] ?? name;
    return lang in languages ? lang : undefined;
  };

  const loadLanguage = (lang: string): Promise<void> => {
    let loading = loadingLanguage.get(lang);
    if (!loading) {
      loading = Promise.all([loadCore(), languages[lang]!()]).then(async ([{ highlighter, engine }, module]) => {
        const grammar = ('default' in module ? module.default : module) as LanguageInput;
        // Before the grammar is loaded: until then `highlight` answers asynchronously, so no
        // render compiles an expression in the middle of a streaming reply.
        if (!options.engine) await warmGrammar(engine, grammar);
        await highlighter.loadLanguage(grammar);
      });
      loadingLanguage.set(lang, loading);
    }
    return loading;
  };

  function highlightNow(highlighter: HighlighterCore, code: string, lang: string): HighlightToken[][] {
    const theme = highlighter.getLoadedThemes()[0]!;
    const tokenize = (text: string, state: GrammarState | undefined) =>
      highlighter.codeToTokensBase(text, { lang, theme, grammarState: state, tokenizeMaxLineLength: maxLineLength, tokenizeTimeLimit: lineTimeLimit });

    // Continue the most recent session this code extends (a streaming block grows at its end).
    let session = sessions.find((s) => s.lang === lang && code.length >= s.text.length && code.slice(0, s.text.length) === s.text);
    const complete = code.slice(0, code.lastIndexOf('\n') + 1);
    if (complete.length > (session?.text.length ?? 0)) {
      const added = complete.slice(session?.text.length ?? 0);
      // Tokenised with its newline, the result ends with an empty line whose starting state is
      // the state after the last complete line: what the next lines continue from.
      const tokens = tokenize(added, session?.state);
      const state = highlighter.getLastGrammarState(tokens);
      const lines = (session?.lines ?? []).concat(tokens.slice(0, -1).map(toTokens));
      session = { lang, text: complete, lines, state };
      sessions = [session, ...sessions.filter((s) => s.lang !== lang || !complete.startsWith(s.text))].slice(0, sessionLimit);
    }
    const rest = code.slice(complete.length);
    if (!session) return toLines(tokenize(rest, undefined));
    // The open last line is highlighted for this answer only, never cached.
    return rest ? session.lines.concat(tokenize(rest, session.state).map(toTokens)) : session.lines.concat([[]]);
  }

  const toLines = (tokens: ThemedToken[][]) => tokens.map(toTokens);

  const highlight: Highlighter = (code, language) => {
    const lang = resolve(language);
    if (!lang) return plain(code);
    if (core && loadingLanguage.has(lang) && core.getLoadedLanguages().includes(lang)) return highlightNow(core, code, lang);
    return loadLanguage(lang).then(() => highlightNow(core!, code, lang));
  };
  highlight.incremental = true;
  return highlight;
}
