// The vendored file is marked's own Lexer (see scripts/vendor-marked-lexer.mjs): marked's types.
export { Lexer } from 'marked';
