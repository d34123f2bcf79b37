import os from 'node:os';
import { existsSync, readFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { BENCH, ROOT } from './paths.mjs';
import { chromiumVersion } from './browser.mjs';

const versionOf = (name) => {
  for (const base of [join(BENCH, 'node_modules'), join(ROOT, 'node_modules')]) {
    const p = join(base, name, 'package.json');
    if (existsSync(p)) return JSON.parse(readFileSync(p, 'utf8')).version;
  }
  return 'missing';
};

export function machineInfo() {
  const cpus = os.cpus();
  let git = 'unknown';
  try {
    git = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
    const dirty = execFileSync('git', ['status', '--porcelain', '--', 'src'], { cwd: ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
    if (dirty) git += ' + uncommitted src changes';
  } catch {
    /* not a git checkout */
  }
  const load = os.loadavg();
  return {
    cpu: cpus[0]?.model?.trim() ?? 'unknown',
    cores: cpus.length,
    memoryGiB: +(os.totalmem() / 2 ** 30).toFixed(1),
    os: `${os.type()} ${os.release()} ${os.arch()}`,
    node: process.version,
    chromium: chromiumVersion(),
    loadAvgAtStart: load.map((x) => +x.toFixed(2)),
    ours: `ai-stream-kit ${JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')).version} (${git})`,
    packages: Object.fromEntries(
      [
        'ai',
        '@ai-sdk/react',
        '@ai-sdk/provider-utils',
        '@ai-sdk/openai',
        '@ai-sdk/anthropic',
        'openai',
        '@anthropic-ai/sdk',
        'react-markdown',
        'remark-gfm',
        'streamdown',
        'eventsource-parser',
        'zod',
        'react',
        'react-dom',
        'esbuild',
        'playwright-core',
      ].map((n) => [n, versionOf(n)]),
    ),
  };
}
