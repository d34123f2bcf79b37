// esbuild helpers: our TypeScript sources for Node, and browser bundles of the render pages.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createRequire } from 'node:module';
import { BENCH, ROOT, SRC, TMP } from './paths.mjs';

const require = createRequire(join(ROOT, 'package.json'));
export const esbuild = await import(require.resolve('esbuild'));

/** Exports a source entry has right now (`export ... name` forms), or undefined if the file is missing. */
export function sourceExports(entry) {
  const file = join(SRC, entry, 'index.ts');
  if (!existsSync(file)) return undefined;
  return readFileSync(file, 'utf8');
}

/**
 * Bundles one of our entries for Node (everything inlined, as a user's bundler would) and imports it.
 * Returns { mod, error }: a missing or broken entry yields { error } so benchmarks can report it.
 */
export async function buildOursForNode(entry, outName = `ours-${entry.replace(/\W/g, '_')}.mjs`) {
  const file = entry === 'index' ? join(SRC, 'index.ts') : join(SRC, entry, 'index.ts');
  if (!existsSync(file)) return { error: `src/${entry === 'index' ? '' : entry + '/'}index.ts does not exist yet` };
  const outfile = join(TMP, outName);
  try {
    await esbuild.build({
      entryPoints: [file],
      outfile,
      bundle: true,
      platform: 'node',
      format: 'esm',
      target: 'node20',
      logLevel: 'silent',
      external: ['react', 'react-dom'],
    });
  } catch (err) {
    return { error: `esbuild failed for src/${entry}: ${String(err.message ?? err).split('\n').slice(0, 4).join(' ')}` };
  }
  try {
    const mod = await import(`${outfile}?t=${Date.now()}`);
    return { mod, outfile };
  } catch (err) {
    return { error: `import failed for src/${entry}: ${err.message}` };
  }
}

/** Where React comes from for every browser bundle: one copy, the root's. */
const reactAlias = {
  react: join(ROOT, 'node_modules/react'),
  'react-dom': join(ROOT, 'node_modules/react-dom'),
  scheduler: join(ROOT, 'node_modules/scheduler'),
};

/**
 * Bundles a browser page (React app). `profiling: true` swaps react-dom/client for the profiling
 * build so <Profiler onRender> reports timings, as React DevTools' profiler does.
 */
export async function buildPage(entryFile, outfile, { profiling = true, minify = true } = {}) {
  const alias = { ...reactAlias };
  if (profiling) alias['react-dom/client'] = join(ROOT, 'node_modules/react-dom/profiling.js');
  await esbuild.build({
    entryPoints: [entryFile],
    outfile,
    bundle: true,
    platform: 'browser',
    format: 'iife',
    target: 'chrome120',
    minify,
    jsx: 'automatic',
    alias,
    nodePaths: [join(BENCH, 'node_modules'), join(ROOT, 'node_modules')],
    define: { 'process.env.NODE_ENV': '"production"' },
    loader: { '.css': 'css' },
    logLevel: 'silent',
  });
  return outfile;
}
