#!/usr/bin/env node
// ai-stream-kit benchmark suite. From the repo root, after `npm ci`:
//
//   npm run bench                 full run (~15 min on 2 cores) → bench/results/latest.md + latest.json
//   npm run bench -- --quick      smoke run (small N, single runs) → bench/results/latest-quick.md + .json
//   npm run bench -- --only=decode,bundle      just some suites (decode, tools, render, hooks, codeblock, bundle, server)
//
// Installs bench/'s own devDependencies (the peers) on first use with `npm ci --prefix bench`.
import { execFileSync } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const BENCH = dirname(fileURLToPath(import.meta.url));
const ROOT = dirname(BENCH);
const argv = process.argv.slice(2);
const quick = argv.includes('--quick');
const onlyArg = argv.find((a) => a.startsWith('--only='));
const ALL = ['decode', 'tools', 'render', 'hooks', 'codeblock', 'bundle', 'server'];
const suites = onlyArg ? onlyArg.slice(7).split(',').filter((s) => ALL.includes(s)) : ALL;

// --- dependencies ------------------------------------------------------------------------
for (const dep of ['esbuild', 'playwright-core', 'react', 'react-dom', 'eventsource-parser', 'openai']) {
  if (!existsSync(join(ROOT, 'node_modules', dep))) {
    console.error(`bench: ${dep} is missing from the root node_modules. Run \`npm ci\` in the repository root first.`);
    process.exit(1);
  }
}
// The tool-arguments suite compares with the AI SDK only when it is installed.
const needsPeers = suites.some((s) => s !== 'tools');
if (needsPeers && (!existsSync(join(BENCH, 'node_modules', 'ai')) || !existsSync(join(BENCH, 'node_modules', 'streamdown')))) {
  console.log('bench: installing the peers (npm ci --prefix bench) ...');
  execFileSync('npm', ['ci', '--prefix', BENCH, '--include=dev', '--no-audit', '--no-fund', '--legacy-peer-deps'], { cwd: ROOT, stdio: 'inherit' });
}

const { machineInfo } = await import('./lib/machine.mjs');
const { renderReport } = await import('./lib/report.mjs');
const { RESULTS } = await import('./lib/paths.mjs');
const { CHROMIUM } = await import('./lib/browser.mjs');

const started = Date.now();
const log = (line) => console.log(line);
const results = { date: new Date().toISOString(), quick, suites, machine: machineInfo(), missing: [] };
log(`bench: ${quick ? 'quick' : 'full'} run of ${suites.join(', ')} on ${results.machine.cpu} ×${results.machine.cores}, Node ${results.machine.node}, ${results.machine.chromium}`);

const step = async (name, fn) => {
  const t0 = Date.now();
  log(`\n== ${name}`);
  try {
    await fn();
  } catch (err) {
    results.missing.push(`${name}: failed — ${String(err?.stack ?? err).split('\n').slice(0, 2).join(' ')}`);
    log(`   ${name} failed: ${err?.stack ?? err}`);
  }
  log(`   (${((Date.now() - t0) / 1000).toFixed(0)} s)`);
};

if (suites.includes('bundle')) {
  await step('bundle size', async () => {
    const { runBundle } = await import('./bundle/index.mjs');
    results.bundle = await runBundle({ log });
    for (const r of results.bundle.results) if (r.error && r.kind === 'ours') results.missing.push(`bundle ${r.id}: ${r.error}`);
  });
}
if (suites.includes('decode')) {
  await step('decoding', async () => {
    const { runDecode } = await import('./decode/index.mjs');
    results.decode = await runDecode({ quick, log });
    for (const n of results.decode.notes) results.missing.push(`decoding: ${n}`);
  });
}
if (suites.includes('tools')) {
  await step('tool-call arguments', async () => {
    const { runToolArgs } = await import('./decode/tool-args.mjs');
    results.tools = await runToolArgs({ quick, log });
    for (const n of results.tools.notes) results.missing.push(`tool-call arguments: ${n}`);
  });
}
const browserSuites = suites.filter((s) => s === 'render' || s === 'hooks');
if (browserSuites.length) {
  if (!existsSync(CHROMIUM)) {
    results.missing.push(`rendering / hooks: ${CHROMIUM} not found (apt-get install chromium)`);
  } else {
    await step(browserSuites.join(' + '), async () => {
      const { runRender } = await import('./render/index.mjs');
      results.render = await runRender({ quick, log, suites: browserSuites });
      for (const n of results.render.notes) results.missing.push(`rendering: ${n}`);
    });
  }
}
if (suites.includes('codeblock') && existsSync(CHROMIUM)) {
  await step('streaming code block', async () => {
    const { runCodeBlock } = await import('./render/code-block.mjs');
    results.codeblock = await runCodeBlock({ quick, log });
  });
}
if (suites.includes('server')) {
  await step('server', async () => {
    const { runServer } = await import('./server/index.mjs');
    results.server = await runServer({ quick, log });
    for (const n of results.server.notes) results.missing.push(`server: ${n}`);
  });
}

results.durationMs = Date.now() - started;
const base = quick ? 'latest-quick' : 'latest';
writeFileSync(join(RESULTS, `${base}.json`), JSON.stringify(results, null, 1) + '\n');
writeFileSync(join(RESULTS, `${base}.md`), renderReport(results));
log(`\nbench: done in ${(results.durationMs / 60000).toFixed(1)} min → bench/results/${base}.md`);
