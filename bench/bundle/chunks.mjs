// What an app actually loads (bundle targets): an app's main module using one import, bundled as
// vite 8 bundles an app (rolldown, code splitting on, React external), split into the chunks loaded up front (the
// entry and its static imports) and the chunks each feature loads on demand (dynamic import()).
// Sizes are min+gzip per chunk file, as they go over the wire.
import { gzipSync } from 'node:zlib';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { ROOT, SRC, TMP } from '../lib/paths.mjs';

/** An app's main module using one import (the bundler may add exports to it, as vite does for apps). */
const app = (name, entry) => `import { ${name} } from ${JSON.stringify(join(SRC, entry))};\nglobalThis.app = ${name};`;

/** The app entries measured, with the brief's up-front target. */
export const APPS = [
  { id: 'hooks', label: '`import { useChatStream } from "ai-stream-kit/react"`', code: app('useChatStream', 'react/index.ts'), target: 12000 },
  { id: 'chat', label: '`import { Chat } from "ai-stream-kit/ui"` (markdown, no highlighter or math)', code: app('Chat', 'ui/index.ts'), target: 30000 },
];

/** Feature names of the on-demand chunks, by the module their dynamic import() loads. */
const FEATURES = [
  [/protocol\/openai-chat\.ts$/, 'decoder: OpenAI Chat Completions'],
  [/protocol\/openai-responses\.ts$/, 'decoder: OpenAI Responses'],
  [/protocol\/anthropic\.ts$/, 'decoder: Anthropic Messages'],
  [/protocol\/ollama\.ts$/, 'decoder: Ollama'],
  [/protocol\/body-formats\.ts$/, 'decoding: NDJSON, text and JSON replies, sniffing, provider detection'],
  [/convert\/openai-chat\.ts$/, 'converter: OpenAI Chat (tool loop / parts request body)'],
  [/convert\/openai-responses\.ts$/, 'converter: OpenAI Responses'],
  [/convert\/anthropic\.ts$/, 'converter: Anthropic'],
  [/convert\/tools\.ts$/, 'converter: tool definitions'],
  [/core\/tool-request-body\.ts$/, 'tool loop: provider request body (picks a converter)'],
  [/core\/tool-loop\.ts$/, 'tool loop: settle a tool call, next step'],
  [/core\/files\.ts$/, 'files: send with attachments'],
  [/core\/cancel-request\.ts$/, 'cancel on the server'],
  [/core\/http-error\.ts$/, 'a failed request: reading the error response'],
  [/react\/attach-storage\.ts$/, 'persistence (save / restore a chat)'],
  [/core\/conversation-tree\.ts$/, 'branches: the conversation tree (edit, regenerate, switch)'],
  [/ui\/BranchPicker\.tsx$/, 'branches UI: BranchPicker'],
  [/ui\/MessageEditor\.tsx$/, 'branches UI: MessageEditor (edit a message)'],
  [/idb-keyval/, 'persistence: IndexedDB storage (idb-keyval)'],
  [/katex/, 'math: KaTeX'],
  [/shiki/, 'highlighter: Shiki'],
];

const gz = (code) => gzipSync(code, { level: 9 }).length;

function featureOf(chunk) {
  const ids = Object.keys(chunk.modules);
  const hit = FEATURES.find(([re]) => ids.some((id) => re.test(id)));
  return hit ? hit[1] : ids.map((id) => relative(ROOT, id)).join(', ');
}

async function buildApp(app) {
  // Rolldown is vite 8's bundler; used directly so vite's preload helper (an app-side cost any
  // vite app with a dynamic import carries once) does not land in our figures.
  const { rolldown } = await import('rolldown');
  const dir = join(TMP, `app-${app.id}`);
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'entry.js'), app.code);
  const bundle = await rolldown({
    input: join(dir, 'entry.js'),
    cwd: dir,
    platform: 'browser',
    external: [/^react($|\/)/, /^react-dom($|\/)/],
    transform: { define: { 'process.env.NODE_ENV': '"production"' }, target: 'es2022' },
    moduleTypes: { '.css': 'empty' },
    preserveEntrySignatures: false,
    logLevel: 'silent',
  });
  try {
    const { output } = await bundle.generate({ format: 'esm', minify: true });
    return output.filter((c) => c.type === 'chunk');
  } finally {
    await bundle.close();
  }
}

/** Up front: the entry and its static imports; per feature: its chunk and what that adds. */
export async function measureApp(app) {
  const chunks = await buildApp(app);
  const byName = new Map(chunks.map((c) => [c.fileName, c]));
  const size = new Map(chunks.map((c) => [c.fileName, gz(c.code)]));
  const closure = (names, seen = new Set()) => {
    for (const n of names) {
      if (seen.has(n) || !byName.has(n)) continue;
      seen.add(n);
      closure(byName.get(n).imports, seen);
    }
    return seen;
  };
  const entry = chunks.find((c) => c.isEntry);
  const upFront = closure([entry.fileName]);
  const sum = (names) => names.reduce((s, n) => s + size.get(n), 0);
  const features = chunks
    .filter((c) => c.isDynamicEntry)
    .map((c) => {
      const adds = [...closure([c.fileName])].filter((n) => !upFront.has(n));
      return { feature: featureOf(c), chunks: adds, gzip: sum(adds) };
    })
    .sort((a, b) => a.feature.localeCompare(b.feature));
  const everything = chunks.map((c) => c.fileName);
  return {
    id: app.id,
    label: app.label,
    target: app.target,
    entryGzip: size.get(entry.fileName),
    upFrontChunks: upFront.size,
    upFrontGzip: sum([...upFront]),
    features,
    allGzip: sum(everything),
    allChunks: everything.length,
  };
}

export async function runChunks(log = console.log) {
  const apps = [];
  for (const app of APPS) {
    try {
      const r = await measureApp(app);
      apps.push(r);
      log(`  chunks ${app.id}: up front ${r.upFrontGzip} B gz (${r.upFrontChunks} chunk(s)), all ${r.allGzip} B gz (${r.allChunks} chunks)`);
      for (const f of r.features) log(`    on demand ${f.feature}: +${f.gzip} B`);
    } catch (err) {
      apps.push({ id: app.id, label: app.label, error: String(err.message ?? err).split('\n')[0].slice(0, 300) });
      log(`  chunks ${app.id}: ERROR ${apps.at(-1).error}`);
    }
  }
  return apps;
}
