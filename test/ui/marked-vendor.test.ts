import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { Lexer as MarkedLexer } from 'marked';
import { Lexer } from '../../src/ui/markdown/vendor/marked-lexer';
import { sampleReply } from './fixtures';

describe("vendored marked Lexer (marked's build without its default instance)", () => {
  it('is generated from the installed marked: rerun scripts/vendor-marked-lexer.mjs after upgrading', () => {
    // Throws (exit code 1) when the checked-in file differs from what the installed marked gives.
    expect(() => execFileSync(process.execPath, ['scripts/vendor-marked-lexer.mjs', '--check'], { stdio: 'pipe' })).not.toThrow();
  });

  it('lexes exactly as marked does', () => {
    const text = sampleReply + '\n\n[ref]: https://example.com\n\nSee [x][ref] and <b>html</b> ~~del~~ | a |\n|---|\n| 1 |';
    expect(JSON.stringify(new Lexer({ gfm: true }).lex(text))).toBe(JSON.stringify(new MarkedLexer({ gfm: true }).lex(text)));
  });
});
