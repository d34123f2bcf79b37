/**
 * README examples run as tests. A code block preceded by `<!-- example: name -->` is written,
 * as it stands, to test/readme/.generated/<name>.<lang>, with one substitution: the example's
 * origin `http://localhost:3000` (or a bare `/api/...` path) points at the test's own server.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

// Paths from the repo root (vitest's cwd): under jsdom import.meta.url is not a file: URL.
const readme = join(process.cwd(), 'README.md');
const outDir = join(process.cwd(), 'test/readme/.generated/');

export function readmeExample(name: string): { code: string; lang: string } {
  const text = readFileSync(readme, 'utf8');
  const match = new RegExp(`<!-- example: ${name} -->\\s*\`\`\`(\\w+)\\n([\\s\\S]*?)\`\`\``).exec(text);
  if (!match) throw new Error(`README.md has no example named ${name}`);
  return { lang: match[1]!, code: match[2]! };
}

/** Writes the example with its URLs pointed at `origin` and returns the file path to import. */
export function writeExample(name: string, origin: string): string {
  const { code, lang } = readmeExample(name);
  mkdirSync(outDir, { recursive: true });
  // One file per origin: the React 19 and 18 projects run the same example at once against
  // their own servers, and must not import each other's copy.
  const file = `${outDir}${name}-${origin.replace(/\W+/g, '_')}.${lang}`;
  const pointed = code.replaceAll('http://localhost:3000', origin).replace(/(['"`])\/api\//g, `$1${origin}/api/`);
  writeFileSync(file, pointed);
  return file;
}
