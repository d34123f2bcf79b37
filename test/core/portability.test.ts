/**
 * The core runs in browsers, Node ≥18 and edge workers: no Node built-ins, no React, and the
 * whole entry bundles for a neutral platform with only eventsource-parser left external.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { build, type Metafile } from 'esbuild';
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

  describe('what loads when (esbuild with code splitting, as an app bundler would)', () => {
    async function split(entry: string) {
      const result = await build({
        stdin: { contents: entry, resolveDir: root, loader: 'ts' },
        bundle: true,
        splitting: true,
        format: 'esm',
        minify: true,
        outdir: join(root, '.size-check'),
        external: ['react', 'react-dom'],
        write: false,
        metafile: true,
        logLevel: 'silent',
      });
      const { outputs } = result.metafile as Metafile;
      const files = new Map(result.outputFiles.map((file) => [file.path.slice(root.length + 1), file.contents]));
      const closure = (start: string) => {
        const seen = new Set<string>();
        const visit = (file: string) => {
          if (seen.has(file)) return;
          seen.add(file);
          for (const { path, kind } of outputs[file]!.imports) if (kind === 'import-statement' && outputs[path]) visit(path);
        };
        visit(start);
        return seen;
      };
      const entryFile = Object.keys(outputs).find((file) => outputs[file]!.entryPoint === '<stdin>')!;
      const inputsOf = (chunks: Set<string>) => [...chunks].flatMap((file) => Object.keys(outputs[file]!.inputs));
      const initial = closure(entryFile);
      const lazy = (module: string) => {
        const file = Object.keys(outputs).find((out) => outputs[out]!.entryPoint === module)!;
        return inputsOf(new Set([...closure(file)].filter((chunk) => !initial.has(chunk))));
      };
      const gzip = [...initial].reduce((sum, file) => sum + gzipSync(files.get(file)!, { level: 9 }).length, 0);
      return { initialInputs: inputsOf(initial), gzip, lazy };
    }

    it('a kit-protocol chat does not load the provider decoders', async () => {
      const { initialInputs } = await split('import { useChatStream } from "./src/react"; console.log(useChatStream);');
      // The kit decoder and the SSE reader come with the client; providers do not, nor do the
      // other framings (NDJSON, text, JSON replies), sniffing and dialect detection.
      for (const file of ['decode-body', 'sse-reader', 'kit', 'framing']) expect(initialInputs).toContain(`src/protocol/${file}.ts`);
      expect(initialInputs.filter((file) => /openai|anthropic|ollama/.test(file))).toEqual([]);
      for (const file of ['body-formats', 'ndjson-reader', 'json-reply', 'detect-format', 'decoders']) {
        expect(initialInputs).not.toContain(`src/protocol/${file}.ts`);
      }
    });

    it('the NDJSON, text and JSON-reply readers and format detection are one chunk, loaded on demand', async () => {
      const { lazy } = await split('import { decodeBody } from "./src/protocol/decode-body"; console.log(decodeBody);');
      const chunk = lazy('src/protocol/body-formats.ts');
      for (const file of ['body-formats', 'ndjson-reader', 'json-reply', 'detect-format', 'decoders']) expect(chunk).toContain(`src/protocol/${file}.ts`);
      expect(chunk.filter((file) => /openai|anthropic|ollama/.test(file))).toEqual([]);
    });

    it('each provider decoder is a chunk of its own', async () => {
      const { lazy } = await split('import { decodeBody } from "./src/protocol/decode-body"; console.log(decodeBody);');
      for (const provider of ['openai-chat', 'openai-responses', 'anthropic', 'ollama']) {
        const chunk = lazy(`src/protocol/${provider}.ts`);
        expect(chunk).toContain(`src/protocol/${provider}.ts`);
        expect(chunk.filter((file) => /openai|anthropic|ollama/.test(file) && !file.includes(provider))).toEqual([]);
      }
    });
  });
});
