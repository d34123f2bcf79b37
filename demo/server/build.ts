import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, readdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const DEMO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
export const REPO_ROOT = resolve(DEMO_ROOT, '..');
/** Where the built page goes: ignored by git (node_modules/), eslint and tsc alike. */
export const DEFAULT_OUT_DIR = join(REPO_ROOT, 'node_modules', '.cache', 'ai-stream-kit-demo');

const FINGERPRINT_FILE = '.fingerprint';
const BUILD_VERSION = 'production-2';
/** What the page is built from: a change to any of these triggers a rebuild. */
const INPUTS = ['demo/index.html', 'demo/app', 'src/core', 'src/protocol', 'src/react', 'src/ui', 'src/index.ts'];

export interface BuildResult {
  outDir: string;
  /** False when the last build was still up to date. */
  built: boolean;
  ms: number;
}

/**
 * Builds the demo page (demo/index.html + demo/app) with Vite into `outDir`, unless the sources
 * are unchanged since the last build. The build goes to a temporary folder that is then renamed
 * into place, so a server starting at the same moment never serves a half-written page.
 */
export async function buildDemoPage(options: { outDir?: string; force?: boolean } = {}): Promise<BuildResult> {
  const started = performance.now();
  const outDir = options.outDir ?? DEFAULT_OUT_DIR;
  const fingerprint = await fingerprintInputs();
  if (!options.force && (await readText(join(outDir, FINGERPRINT_FILE))) === fingerprint) {
    return { outDir, built: false, ms: performance.now() - started };
  }

  const [{ build }, { default: react }] = await Promise.all([import('vite'), import('@vitejs/plugin-react')]);
  const tmpDir = `${outDir}.tmp-${process.pid}-${Date.now()}`;
  await mkdir(dirname(outDir), { recursive: true });
  // A production build whatever NODE_ENV says (a test runner sets it to "test", which would make
  // Vite bundle React's development build).
  const nodeEnv = process.env.NODE_ENV;
  process.env.NODE_ENV = 'production';
  try {
    await build({
      mode: 'production',
      root: DEMO_ROOT,
      configFile: false,
      envDir: false,
      cacheDir: join(REPO_ROOT, 'node_modules', '.vite-demo'),
      base: '/',
      logLevel: 'warn',
      clearScreen: false,
      plugins: [react()],
      build: {
        outDir: tmpDir,
        emptyOutDir: true,
        target: 'es2022',
        sourcemap: true,
        reportCompressedSize: false,
        chunkSizeWarningLimit: 2000,
        // Fonts (KaTeX's) as files, not data: URLs: the demo's CSP allows fonts from 'self' only.
        assetsInlineLimit: (file: string) => (/\.(?:woff2?|ttf)$/.test(file) ? false : undefined),
        // A slow machine is not the user's problem: no "plugin timings" report on start.
        rolldownOptions: { checks: { bundlerTimings: false } },
      },
    });
    await writeFile(join(tmpDir, FINGERPRINT_FILE), fingerprint);
    await rm(outDir, { recursive: true, force: true });
    try {
      await rename(tmpDir, outDir);
    } catch (error) {
      // Another process built the same page at the same time and won the rename.
      if ((await readText(join(outDir, FINGERPRINT_FILE))) !== fingerprint) throw error;
    }
  } finally {
    if (nodeEnv === undefined) delete process.env.NODE_ENV;
    else process.env.NODE_ENV = nodeEnv;
    await rm(tmpDir, { recursive: true, force: true });
  }
  return { outDir, built: true, ms: performance.now() - started };
}

async function fingerprintInputs(): Promise<string> {
  const hash = createHash('sha256').update(`${BUILD_VERSION}\n`);
  const files: string[] = [];
  for (const input of INPUTS) await collect(join(REPO_ROOT, input), files);
  files.sort();
  for (const file of files) {
    const info = await stat(file);
    hash.update(`${relative(REPO_ROOT, file)}\0${info.size}\0${info.mtimeMs}\n`);
  }
  // The toolchain counts too.
  for (const pkg of ['vite', '@vitejs/plugin-react', 'react', 'react-dom']) {
    const manifest = await readText(join(REPO_ROOT, 'node_modules', pkg, 'package.json'));
    hash.update(`${pkg}@${manifest ? (JSON.parse(manifest) as { version?: string }).version : '-'}\n`);
  }
  return hash.digest('hex');
}

async function collect(path: string, files: string[]): Promise<void> {
  if (!existsSync(path)) return;
  const info = await stat(path);
  if (info.isFile()) {
    files.push(path);
    return;
  }
  for (const entry of await readdir(path, { withFileTypes: true })) {
    if (entry.name.startsWith('.') || entry.name === 'node_modules') continue;
    await collect(join(path, entry.name), files);
  }
}

async function readText(path: string): Promise<string | undefined> {
  try {
    return await readFile(path, 'utf8');
  } catch {
    return undefined;
  }
}
