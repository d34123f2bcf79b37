/**
 * Issue 10 §4: AIStreams created with a long-lived `config.signal` must be garbage-collectable
 * once nothing else holds them (a listener added in the constructor and never removed kept
 * every one alive). Measured in a child process with --expose-gc and a FinalizationRegistry.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { build } from 'esbuild';
import { afterAll, expect, it } from 'vitest';

const dir = mkdtempSync(join(tmpdir(), 'signal-gc-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const SCRIPT = `
import { AIStream } from './core.mjs';
const controller = new AbortController(); // the app's signal, alive for the whole session
let collected = 0;
const registry = new FinalizationRegistry(() => collected++);
(() => {
  for (let i = 0; i < 200; i++) registry.register(new AIStream({ endpoint: 'http://127.0.0.1:1/chat', signal: controller.signal }), i);
})();
for (let round = 0; round < 10 && collected < 200; round++) {
  globalThis.gc();
  await new Promise((resolve) => setTimeout(resolve, 10));
}
console.log(JSON.stringify({ collected, aborted: controller.signal.aborted }));
`;

it('200 AIStreams sharing one signal are all garbage-collected once unreferenced', { timeout: 60_000 }, async () => {
  await build({ entryPoints: ['src/index.ts'], bundle: true, format: 'esm', platform: 'node', outfile: join(dir, 'core.mjs'), logLevel: 'silent' });
  writeFileSync(join(dir, 'run.mjs'), SCRIPT);
  const { stdout } = await promisify(execFile)(process.execPath, ['--expose-gc', join(dir, 'run.mjs')]);
  expect(JSON.parse(stdout)).toEqual({ collected: 200, aborted: false });
});
