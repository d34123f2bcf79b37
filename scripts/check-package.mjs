// Packs the package as npm would publish it and checks the tarball with publint and attw.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

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
