// Packs the package as npm would publish it and checks the tarball with publint and attw.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

// React Server Components frameworks need the directive first in the client entries, and only there.
for (const [entry, client] of [['index', false], ['server', false], ['server-redis', false], ['react', true], ['ui', true], ['ui-shiki', false], ['ui-katex', false], ['ui-branches', true]]) {
  const first = readFileSync(`dist/${entry}.js`, 'utf8').split('\n', 1)[0].trim();
  const has = /^['"]use client['"];?$/.test(first);
  if (has !== client) throw new Error(`dist/${entry}.js ${client ? 'lacks' : 'must not start with'} 'use client'`);
}

const dir = mkdtempSync(join(tmpdir(), 'ask-pack-'));
const run = (cmd, args) => execFileSync(cmd, args, { stdio: 'inherit' });
try {
  const out = execFileSync('npm', ['pack', '--json', '--pack-destination', dir], { encoding: 'utf8' });
  const tarball = join(dir, JSON.parse(out)[0].filename);
  run('npx', ['publint', 'run', tarball, '--strict']);
  // A stylesheet has no types to resolve.
  run('npx', ['attw', tarball, '--profile', 'esm-only', '--exclude-entrypoints', './ui/styles.css']);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
