// Builds the project's Storybook into a temp dir (never the repo) and serves it on 127.0.0.1.
import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { serveStatic } from '../../helpers/browser';

export const REPO_ROOT = fileURLToPath(new URL('../../../', import.meta.url));

/** One entry of the built index.json (Storybook 10, index v5). */
export interface IndexEntry {
  type: 'story' | 'docs';
  id: string;
  title: string;
  name: string;
  tags?: string[];
}

export interface BuiltStorybook {
  /** http://127.0.0.1:PORT/ */
  url: string;
  /** Every story (not docs) in the built index.json, in index order. */
  stories: IndexEntry[];
  /** Stops the server and removes the build. */
  close(): Promise<void>;
}

/**
 * Runs `storybook build` as CI does (CI=true, no stdin, no telemetry) so it can neither prompt
 * nor hang waiting for input. The child gets a production NODE_ENV, not vitest's 'test'.
 */
async function build(outDir: string): Promise<void> {
  const bin = join(REPO_ROOT, 'node_modules/storybook/dist/bin/dispatcher.js');
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) if (!key.startsWith('VITEST') && key !== 'TEST') env[key] = value;
  Object.assign(env, { CI: 'true', NODE_ENV: 'production', STORYBOOK_DISABLE_TELEMETRY: '1', NO_COLOR: '1', FORCE_COLOR: '0' });
  const child = spawn(process.execPath, [bin, 'build', '-o', outDir, '--quiet', '--disable-telemetry'], {
    cwd: REPO_ROOT,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk));
  const code = await new Promise<number | null>((done, fail) => {
    child.on('error', fail);
    child.on('close', done);
  });
  if (code !== 0) throw new Error(`storybook build exited with ${code}:\n${output.slice(-4000)}`);
}

export async function buildAndServeStorybook(): Promise<BuiltStorybook> {
  const dir = await mkdtemp(join(tmpdir(), 'ask-storybook-'));
  const outDir = join(dir, 'out');
  try {
    await build(outDir);
  } catch (error) {
    await rm(dir, { recursive: true, force: true });
    throw error;
  }
  const index = JSON.parse(await readFile(join(outDir, 'index.json'), 'utf8')) as { entries: Record<string, IndexEntry> };
  const stories = Object.values(index.entries).filter((entry) => entry.type === 'story');

  const served = await serveStatic(outDir);
  return {
    url: served.url,
    stories,
    async close() {
      await served.close();
      await rm(dir, { recursive: true, force: true });
    },
  };

}
