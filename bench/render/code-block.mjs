// Streaming code block (issue #14): a 2,000-line fenced block streamed token by token into
// StreamingMarkdown, with the Shiki highlighter and without. One React commit per token, each in
// its own task. Reports per-commit cost over the first and last 10 % of the block and the
// longest task (first-use work — loading Shiki, compiling the grammar — counted separately).
import { readFileSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildPage } from '../lib/build.mjs';
import { launch } from '../lib/browser.mjs';
import { tokenize } from '../lib/fixtures.mjs';
import { TMP } from '../lib/paths.mjs';
import { median, percentile, max } from '../lib/stats.mjs';

const here = dirname(fileURLToPath(import.meta.url));

const SNIPPET = [
  'import { createServer, type IncomingMessage } from "node:http";',
  '',
  '/** A template literal that spans lines, a regex and a block comment: the grammar keeps state. */',
  'export async function handle(request: IncomingMessage, id: number): Promise<string> {',
  '  const started = Date.now(); // when the request arrived',
  '  const banner = `request ${id}',
  '    from ${request.socket.remoteAddress ?? "unknown"}`;',
  '  /* the body, read',
  '     as text */',
  '  const chunks: Buffer[] = [];',
  '  for await (const chunk of request) chunks.push(chunk as Buffer);',
  '  const body = Buffer.concat(chunks).toString("utf8").replace(/\\r\\n?/g, "\\n");',
  '  if (body.length > 1_000_000) throw new RangeError(`too large: ${body.length}`);',
  '  return `${banner}: ${body.length} bytes in ${Date.now() - started} ms`;',
  '}',
  '',
];

/** A reply holding one fenced TypeScript block of `lines` lines. */
export function codeReply(lines = 2000) {
  const body = [];
  for (let i = 0; body.length < lines; i++) for (const line of SNIPPET) if (body.length < lines) body.push(line.replace('handle', `handle${i}`));
  return 'Here is the file:\n\n```ts\n' + body.join('\n') + '\n```\n';
}

function stats(costs, from, to) {
  const part = costs.slice(Math.floor(costs.length * from), Math.ceil(costs.length * to)).sort((a, b) => a - b);
  return { median: median(part), p95: percentile(part, 95), mean: part.reduce((a, b) => a + b, 0) / part.length };
}

export async function runCodeBlock({ quick = false, log = console.log } = {}) {
  const lines = quick ? 500 : 2000;
  const reply = codeReply(lines);
  const tokens = tokenize(reply);
  const script = join(TMP, 'pages', 'ours-code.js');
  await buildPage(join(here, 'pages', 'ours-code.jsx'), script);
  const browser = await launch();
  const rows = [];
  try {
    for (const shiki of [true, false]) {
      const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
      const page = await context.newPage();
      const errors = [];
      page.on('pageerror', (e) => errors.push(String(e.message ?? e)));
      await page.setContent('<!doctype html><html><body><div id="root"></div></body></html>');
      await page.addStyleTag({ content: readFileSync(script.replace(/\.js$/, '.css'), 'utf8') });
      await page.addScriptTag({ content: readFileSync(script, 'utf8') });
      const r = await page.evaluate(({ tokens, shiki }) => window.__run(tokens, { shiki }), { tokens, shiki });
      await context.close();
      const first = stats(r.costs, 0, 0.1);
      const last = stats(r.costs, 0.9, 1);
      // The first 1 % of commits include loading Shiki and compiling the grammar (once per page).
      const warm = r.costs.slice(Math.ceil(r.costs.length * 0.01));
      const row = {
        id: shiki ? 'code-shiki' : 'code-plain',
        label: shiki ? 'ours: StreamingMarkdown + `createShikiHighlighter()`' : 'ours: StreamingMarkdown, no highlighter',
        lines,
        tokens: tokens.length,
        firstCommitMs: first.median,
        lastCommitMs: last.median,
        // Means: Chromium's timer has 0.1 ms steps, so medians of sub-millisecond commits are coarse.
        firstCommitMeanMs: first.mean,
        lastCommitMeanMs: last.mean,
        lastOverFirst: last.mean / first.mean,
        lastP95Ms: last.p95,
        maxCommitMs: max(r.costs),
        maxCommitAfterWarmupMs: max(warm),
        longestTaskMs: Math.max(0, max(r.longTasks)),
        longTasks: r.longTasks.length,
        streamMs: r.streamMs,
        commitMsTotal: r.commitMsTotal,
        renderedLines: r.lines,
        colouredSpans: r.colouredSpans,
        textMatches: r.textMatches,
        pageErrors: errors.slice(0, 3),
      };
      rows.push(row);
      log(`  code block    ${row.id.padEnd(12)} commit first/last 10 % median ${row.firstCommitMs.toFixed(1)}/${row.lastCommitMs.toFixed(1)} ms, mean ${row.firstCommitMeanMs.toFixed(3)}/${row.lastCommitMeanMs.toFixed(3)} ms (×${row.lastOverFirst.toFixed(2)}), max ${row.maxCommitMs.toFixed(1)} ms (after warm-up ${row.maxCommitAfterWarmupMs.toFixed(1)}), longest task ${row.longestTaskMs.toFixed(0)} ms, ${row.renderedLines} lines, ${row.colouredSpans} coloured spans`);
    }
  } finally {
    await browser.close();
  }
  return { rows };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const r = await runCodeBlock({ quick: process.argv.includes('--quick') });
  console.log(JSON.stringify(r, null, 1));
}
