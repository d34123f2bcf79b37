import { readFileSync } from 'node:fs';
import { expect, it } from 'vitest';

// The server examples in the README are the files test/server/examples.test.ts runs; they must
// not drift apart.
it('README server examples match the files the server tests run', () => {
  const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
  const blocks = [...readme.matchAll(/<!-- example: (test\/[^ ]+) -->\s*```\w+\n([\s\S]*?)```/g)];
  expect(blocks.length).toBeGreaterThanOrEqual(2);
  for (const [, path, code] of blocks) {
    expect(code, path).toBe(readFileSync(new URL(`../../${path}`, import.meta.url), 'utf8'));
  }
});
