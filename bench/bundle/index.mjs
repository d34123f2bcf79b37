// Bundle size (issue #7, item 3): min+gzip with esbuild of an app entry importing only one thing.
// React and react-dom are left out of every figure (every variant needs them equally).
import { gzipSync, brotliCompressSync, constants } from 'node:zlib';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { esbuild } from '../lib/build.mjs';
import { BENCH, ROOT, SRC, TMP } from '../lib/paths.mjs';
import { runChunks } from './chunks.mjs';

const src = (p) => JSON.stringify(join(SRC, p));

/** group: which comparison the entry belongs to. code: the app entry (ESM, exports keep what it imports). */
export const ENTRIES = [
  { id: 'ours-core', group: 'core', label: 'ours: core alone (AIStream + decoders, `ai-stream-kit`)', kind: 'ours', code: `export * from ${src('index.ts')};`, needs: 'index.ts' },
  { id: 'ours-core-aistream', group: 'core', label: 'ours: `{ AIStream }` only', kind: 'ours', code: `export { AIStream } from ${src('index.ts')};`, needs: 'index.ts', exportName: 'AIStream' },
  { id: 'aisdk-core', group: 'core', label: 'AI SDK: `{ DefaultChatTransport, AbstractChat }` from `ai`', kind: 'peer', code: `export { DefaultChatTransport, AbstractChat } from 'ai';` },
  { id: 'openai-sdk', group: 'core', label: 'openai SDK (browser client)', kind: 'peer', code: `export { default } from 'openai';` },
  { id: 'floor-esp', group: 'core', label: 'floor: eventsource-parser', kind: 'floor', code: `export { createParser } from 'eventsource-parser';` },

  { id: 'ours-hook', group: 'hook', label: 'ours: `{ useChatStream }` only', kind: 'ours', code: `export { useChatStream } from ${src('react/index.ts')};`, needs: 'react/index.ts', exportName: 'useChatStream' },
  { id: 'ours-core-hooks', group: 'hook', label: 'ours: core + all React hooks (budget 12 kB)', kind: 'ours', code: `export * from ${src('index.ts')};\nexport * from ${src('react/index.ts')};`, needs: 'react/index.ts', budget: 12000 },
  { id: 'aisdk-usechat', group: 'hook', label: 'AI SDK: `{ useChat }` from `@ai-sdk/react` (+ `ai`)', kind: 'peer', code: `export { useChat } from '@ai-sdk/react';` },

  { id: 'ours-chat', group: 'ui', label: 'ours: `{ Chat }` only (markdown, no highlighter)', kind: 'ours', code: `export { Chat } from ${src('ui/index.ts')};`, needs: 'ui/index.ts', exportName: 'Chat', budget: 30000 },
  { id: 'ours-ui-all', group: 'ui', label: 'ours: all of `ai-stream-kit/ui` (core + hooks included)', kind: 'ours', code: `export * from ${src('ui/index.ts')};`, needs: 'ui/index.ts' },
  { id: 'aisdk-usechat-reactmd', group: 'ui', label: 'useChat + react-markdown + remark-gfm', kind: 'peer', code: `export { useChat } from '@ai-sdk/react';\nexport { default as Markdown } from 'react-markdown';\nexport { default as remarkGfm } from 'remark-gfm';` },
  { id: 'aisdk-usechat-streamdown', group: 'ui', label: 'useChat + streamdown', kind: 'peer', code: `export { useChat } from '@ai-sdk/react';\nexport { Streamdown } from 'streamdown';` },

  { id: 'ours-markdown', group: 'markdown', label: 'ours: markdown renderer only', kind: 'ours', code: null, needs: 'ui/index.ts', markdownExport: true },
  { id: 'reactmd-gfm', group: 'markdown', label: 'react-markdown + remark-gfm', kind: 'peer', code: `export { default as Markdown } from 'react-markdown';\nexport { default as remarkGfm } from 'remark-gfm';` },
  { id: 'streamdown', group: 'markdown', label: 'streamdown', kind: 'peer', code: `export { Streamdown } from 'streamdown';` },
];

export const GROUPS = {
  core: 'Core client (no React)',
  hook: 'Chat hook',
  ui: 'Chat UI with markdown',
  markdown: 'Markdown renderer alone',
};

async function measure(code) {
  const result = await esbuild.build({
    stdin: { contents: code, resolveDir: BENCH, sourcefile: 'entry.js', loader: 'js' },
    bundle: true,
    write: false,
    minify: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    treeShaking: true,
    external: ['react', 'react-dom', 'react/jsx-runtime', 'react-dom/client'],
    nodePaths: [join(BENCH, 'node_modules'), join(ROOT, 'node_modules')],
    define: { 'process.env.NODE_ENV': '"production"' },
    loader: { '.css': 'empty' },
    logLevel: 'silent',
    metafile: true,
  });
  const js = result.outputFiles.find((f) => f.path.endsWith('.js') || f.path === '<stdout>') ?? result.outputFiles[0];
  const bytes = js.contents;
  return {
    min: bytes.length,
    gzip: gzipSync(bytes, { level: 9 }).length,
    brotli: brotliCompressSync(bytes, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length,
  };
}

export async function runBundle({ log = console.log } = {}) {
  const results = [];
  const uiSource = existsSync(join(SRC, 'ui/index.ts')) ? readFileSync(join(SRC, 'ui/index.ts'), 'utf8') : '';
  for (const e of ENTRIES) {
    const row = { id: e.id, group: e.group, label: e.label, kind: e.kind, budget: e.budget };
    try {
      if (e.needs && !existsSync(join(SRC, e.needs))) throw new Error(`src/${e.needs} does not exist yet`);
      let code = e.code;
      if (e.markdownExport) {
        const name = ['Markdown', 'StreamingMarkdown', 'MarkdownRenderer'].find((n) => new RegExp(`\\b${n}\\b`).test(uiSource));
        if (!name) throw new Error('src/ui exports no Markdown component');
        code = `export { ${name} } from ${src('ui/index.ts')};`;
        row.label = `ours: \`{ ${name} }\` from ai-stream-kit/ui`;
      }
      Object.assign(row, await measure(code));
    } catch (err) {
      const first = err.errors?.[0]?.text ?? String(err.message ?? err).split('\n')[0];
      row.error = first.slice(0, 300);
    }
    results.push(row);
    log(`  bundle ${e.id.padEnd(26)} ${row.error ? 'ERROR ' + row.error : `min ${row.min}  gzip ${row.gzip}  br ${row.brotli}`}`);
  }
  // Our stylesheet, which <Chat/> needs and the peers (tailwind / none) do not count.
  const css = join(SRC, 'ui/styles.css');
  let cssRow;
  if (existsSync(css)) {
    const r = await esbuild.transform(readFileSync(css, 'utf8'), { loader: 'css', minify: true });
    cssRow = { min: r.code.length, gzip: gzipSync(r.code, { level: 9 }).length };
  }
  // What an app loads up front vs on demand (vite build with code splitting, as an app builds it).
  const apps = await runChunks(log);
  return { results, css: cssRow, apps, sizeLimit: runSizeLimit(log), repoSizeLimit: runRepoSizeLimit(log) };
}

/** The repository's own size-limit config (what `npm test` enforces), read-only, from the root. */
function runRepoSizeLimit(log) {
  if (!existsSync(join(ROOT, '.size-limit.json')) && !existsSync(join(ROOT, '.size-limit.cjs')) && !existsSync(join(ROOT, '.size-limit.js'))) return undefined;
  try {
    let out;
    try {
      out = execFileSync(process.execPath, [join(ROOT, 'node_modules/size-limit/bin.js'), '--json'], { cwd: ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], timeout: 300_000 });
    } catch (err) {
      out = err.stdout;
    }
    const checks = JSON.parse(out);
    for (const c of checks) log(`  repo size-limit ${c.name}: ${c.size} B (limit ${c.sizeLimit}) ${c.passed ? 'ok' : 'EXCEEDED'}`);
    return { checks };
  } catch (err) {
    return { error: String(err.message ?? err).split('\n')[0].slice(0, 300) };
  }
}

/**
 * The target budgets (bench/size-limit.json, paths relative to the repository root like the
 * root's .size-limit.json) run by size-limit itself. size-limit resolves paths from the config's
 * folder, so a copy with absolute paths is written to bench/.tmp and run from the root.
 */
function runSizeLimit(log) {
  try {
    const checks = JSON.parse(readFileSync(join(BENCH, 'size-limit.json'), 'utf8')).map((c) => ({
      ...c,
      path: Array.isArray(c.path) ? c.path.map((p) => join(ROOT, p)) : join(ROOT, c.path),
      ...(c.config && { config: join(ROOT, c.config) }),
    }));
    const config = join(TMP, 'size-limit.run.json');
    writeFileSync(config, JSON.stringify(checks, null, 1));
    let out;
    try {
      out = execFileSync(process.execPath, [join(ROOT, 'node_modules/size-limit/bin.js'), '--config', config, '--json'], { cwd: ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], timeout: 300_000 });
    } catch (err) {
      out = err.stdout; // size-limit exits 1 when a budget is exceeded
    }
    const parsed = JSON.parse(out);
    if (!Array.isArray(parsed)) throw new Error(String(parsed.error ?? 'size-limit failed').split('\n')[0]);
    for (const c of parsed) log(`  size-limit ${c.name}: ${c.size} B (limit ${c.sizeLimit}) ${c.passed ? 'ok' : 'EXCEEDED'}`);
    return { checks: parsed };
  } catch (err) {
    const msg = String(err.message ?? err).split('\n').find((l) => l.trim()) ?? 'failed';
    log(`  size-limit: ${msg}`);
    return { error: msg.slice(0, 300) };
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await runBundle();
