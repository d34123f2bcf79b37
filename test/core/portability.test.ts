/**
 * The core runs in browsers, Node ≥18 and edge workers: no Node built-ins, no React, and the
 * whole entry bundles for a neutral platform with only eventsource-parser left external.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';
import { describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '../..');

function sourceFiles(dir: string): string[] {
  return readdirSync(join(root, dir), { recursive: true, encoding: 'utf8' })
    .filter((file) => file.endsWith('.ts'))
    .map((file) => join(dir, file));
}

const FORBIDDEN = /(?:from\s+|import\s*\(\s*|require\s*\(\s*)['"](node:[^'"]*|react|react-dom|events|buffer|stream|fs|path|http|https|net|zlib|crypto|util)(?:\/[^'"]*)?['"]/;

describe('portability of src/core and src/protocol', () => {
  it('imports no Node built-ins and no React', () => {
    const files = [...sourceFiles('src/core'), ...sourceFiles('src/protocol')];
    expect(files.length).toBeGreaterThan(8);
    const offenders = files.filter((file) => FORBIDDEN.test(readFileSync(join(root, file), 'utf8')));
    expect(offenders).toEqual([]);
  });

  it('the forbidden-import check catches what it should', () => {
    expect(FORBIDDEN.test("import { EventEmitter } from 'events';")).toBe(true);
    expect(FORBIDDEN.test('import x from "node:stream/web";')).toBe(true);
    expect(FORBIDDEN.test("const { useState } = await import('react');")).toBe(true);
    expect(FORBIDDEN.test("import { createParser } from 'eventsource-parser';")).toBe(false);
  });

  it('src/index.ts bundles for a neutral platform with only eventsource-parser external', async () => {
    const result = await build({
      entryPoints: [join(root, 'src/index.ts')],
      bundle: true,
      platform: 'neutral',
      format: 'esm',
      target: 'es2022',
      external: ['eventsource-parser'],
      minify: true,
      write: false,
      logLevel: 'silent',
    });
    expect(result.errors).toEqual([]);
    const code = result.outputFiles[0]!.text;
    expect(code).toContain('eventsource-parser');
    expect(code).not.toMatch(/from\s*"(node:[^"]*|react|react-dom|events)"/);
  });

  it('the core stays small (regression guard; the protocol layer is measured on its own)', async () => {
    const result = await build({
      entryPoints: [join(root, 'src/core/index.ts')],
      bundle: true,
      platform: 'neutral',
      format: 'esm',
      target: 'es2022',
      external: ['eventsource-parser', '../protocol/*'],
      minify: true,
      write: false,
      logLevel: 'silent',
    });
    const gzipped = gzipSync(result.outputFiles[0]!.contents, { level: 9 }).length;
    expect(gzipped).toBeLessThan(5200);
  });
});
