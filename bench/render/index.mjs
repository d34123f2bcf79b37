// Rendering benchmark (issue #7, item 2) and hooks benchmark (issue #4), in headless Chromium.
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildOursForNode, buildPage } from '../lib/build.mjs';
import { launch, metrics, metricDelta, withTimeout } from '../lib/browser.mjs';
import { END_MARKER, markdownReply, tokenize, tokensOfCount } from '../lib/fixtures.mjs';
import { SRC, TMP } from '../lib/paths.mjs';
import { median, percentile, max } from '../lib/stats.mjs';
import { createBenchServer } from './server.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const PAGES = join(here, 'pages');
const OUT = join(TMP, 'pages');
mkdirSync(OUT, { recursive: true });

const uiExports = () => (existsSync(join(SRC, 'ui/index.ts')) ? readFileSync(join(SRC, 'ui/index.ts'), 'utf8') : '');
const reactExports = () => (existsSync(join(SRC, 'react/index.ts')) ? readFileSync(join(SRC, 'react/index.ts'), 'utf8') : '');

/** Render variants: id, page entry, which endpoint it reads, and whether it is available. */
export const RENDER_VARIANTS = [
  { id: 'ours-chat', label: 'ours: `<Chat/>`', kind: 'ours', entry: 'ours-chat.jsx', api: 'kit', available: () => /\bChat\b/.test(uiExports()) || 'src/ui does not export Chat yet' },
  { id: 'ours-md', label: 'ours: `useChatStream` + `<StreamingMarkdown/>` (like-for-like with the peers)', kind: 'ours', entry: 'ours-md.jsx', api: 'kit', available: () => (/\bStreamingMarkdown\b/.test(uiExports()) && /\buseChatStream\b/.test(reactExports())) || 'src/ui does not export StreamingMarkdown yet' },
  { id: 'usechat-reactmd', label: 'useChat + react-markdown + remark-gfm', kind: 'peer', entry: 'usechat-reactmd.jsx', api: 'ui' },
  { id: 'usechat-streamdown', label: 'useChat + streamdown', kind: 'peer', entry: 'usechat-streamdown.jsx', api: 'ui' },
  { id: 'raw', label: 'floor: raw DOM (`textContent +=`, no markdown)', kind: 'floor', entry: 'raw.js', api: 'raw' },
  // The AI SDK docs' advice for fast streams: throttle useChat's updates. Fast mode only.
  { id: 'usechat-reactmd-t50', label: 'useChat `experimental_throttle: 50` + react-markdown + remark-gfm', kind: 'peer', entry: 'usechat-reactmd.jsx', bundle: 'usechat-reactmd', api: 'ui', cfg: { throttle: 50 }, fastOnly: true },
  { id: 'usechat-streamdown-t50', label: 'useChat `experimental_throttle: 50` + streamdown', kind: 'peer', entry: 'usechat-streamdown.jsx', bundle: 'usechat-streamdown', api: 'ui', cfg: { throttle: 50 }, fastOnly: true },
];

export const HOOK_VARIANTS = [
  { id: 'hooks-ours', label: 'ours: `useChatStream` (default throttle)', kind: 'ours', entry: 'hooks-ours.jsx', api: 'raw', available: () => /\buseChatStream\b/.test(reactExports()) || 'src/react does not export useChatStream yet' },
  { id: 'hooks-naive', label: 'naive hook: setState per token', kind: 'floor', entry: 'hooks-naive.jsx', api: 'raw' },
  { id: 'hooks-usechat', label: 'AI SDK `useChat` (default, no throttle)', kind: 'peer', entry: 'hooks-usechat.jsx', api: 'ui' },
];

async function buildVariants(variants, notes) {
  const ok = [];
  for (const v of variants) {
    const avail = v.available ? v.available() : true;
    if (avail !== true) {
      notes.push(`${v.id}: ${avail}`);
      v.missing = avail;
      continue;
    }
    try {
      if (!v.bundle) await buildPage(join(PAGES, v.entry), join(OUT, `${v.id}.js`));
      ok.push(v);
    } catch (err) {
      const msg = err.errors?.[0] ? `${err.errors[0].text} (${err.errors[0].location?.file ?? ''})` : String(err.message ?? err).split('\n')[0];
      notes.push(`${v.id}: page build failed: ${msg}`);
      v.missing = `page build failed: ${msg}`;
    }
  }
  return ok;
}

/** Cost statistics of the flushes whose on-screen length lies in [lo, hi) of the reply. */
function flushStats(flushes, total, lo, hi) {
  const costs = flushes.filter(([, , chars]) => chars >= lo * total && chars <= hi * total).map(([, cost]) => cost).sort((a, b) => a - b);
  return { n: costs.length, median: median(costs), p95: percentile(costs, 95), mean: costs.length ? costs.reduce((a, b) => a + b, 0) / costs.length : NaN };
}

/** Frames between first byte and final paint, and how many React commits fell in each. */
function frameStats(r, commitTimes) {
  const from = r.firstByteAt;
  const to = r.finalPaintAt || r.lastMutationAt;
  const frames = r.frames.filter((t) => t >= from && t <= to + 20);
  let maxPerFrame = 0;
  let multi = 0;
  const where = [];
  let j = 0;
  const sorted = commitTimes.filter((t) => t >= from - 50).sort((a, b) => a - b);
  for (let i = 1; i < frames.length; i++) {
    let n = 0;
    while (j < sorted.length && sorted[j] < frames[i]) {
      if (sorted[j] >= frames[i - 1]) n++;
      j++;
    }
    if (n > maxPerFrame) maxPerFrame = n;
    if (n > 1) {
      multi++;
      // Which commits shared a frame (1-based), to tell start/end effects from streaming ones.
      if (where.length < 4) where.push(`#${j - n + 1}–${j}`);
    }
  }
  return { frames: frames.length, maxCommitsPerFrame: maxPerFrame, framesWithMultipleCommits: multi, multiCommitFrames: where.length ? `${where.join(', ')}${multi > where.length ? ', …' : ''} of ${sorted.length}` : '' };
}

async function runOne(browser, server, v, { reply, plan, run, totalChars, phaseChars, timeoutMs }) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e.message ?? e)));
  page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
  try {
    const cdp = await context.newCDPSession(page);
    await cdp.send('Performance.enable');
    const api = `/api/${v.api}?run=${run}&reply=${reply}&plan=${encodeURIComponent(JSON.stringify(plan))}`;
    const cfg = { ...v.cfg, api, endMarker: reply === 'md' || reply === 'steady' ? END_MARKER : server.replyEnds[reply] };
    await page.goto(`http://127.0.0.1:${server.port}/page/${v.bundle ?? v.id}?cfg=${encodeURIComponent(JSON.stringify(cfg))}`);
    await withTimeout(page.waitForFunction(() => window.__ready === true, null, { polling: 50 }), 20000, `${v.id} page ready`);
    await page.evaluate(() => new Promise((r) => setTimeout(r, 300)));
    const sample = async () => ({ m: await metrics(cdp), t: await page.evaluate(() => performance.now()) });
    const samples = { start: await sample() };
    let phaseWait;
    if (plan.kind === 'paced') {
      const phases = {};
      const waitFor = (name) =>
        new Promise((resolve) => {
          const on = (e) => {
            if (e.run === run && e.name === name) {
              server.events.off('phase', on);
              resolve();
            }
          };
          server.events.on('phase', on);
        });
      const headEnd = waitFor('head-end');
      const burstEnd = waitFor('burst-end');
      phaseWait = (async () => {
        await headEnd;
        phases.headEnd = await sample();
        await burstEnd;
        await withTimeout(page.evaluate(() => window.__quiet(500)), timeoutMs, `${v.id} catching up after the burst`);
        phases.tailStart = await sample();
        server.openGate(run);
      })();
      Object.assign(samples, { phases });
    }
    await page.evaluate(() => window.__start());
    if (phaseWait) await phaseWait;
    let r;
    let timer;
    const capped = new Promise((resolve) => (timer = setTimeout(() => resolve(null), timeoutMs)));
    r = await Promise.race([page.evaluate(() => window.__done), capped]);
    clearTimeout(timer);
    if (!r) {
      // Did not finish within the cap: take what it got to (the page may be inside a long task; wait for it a while).
      r = await Promise.race([page.evaluate(() => window.__snapshot()), new Promise((resolve) => setTimeout(resolve, 10_000, null))]);
      if (!r) {
        // The main thread is stuck in one long task: stop it, then read the figures.
        await cdp.send('Runtime.terminateExecution').catch(() => {});
        r = await withTimeout(page.evaluate(() => window.__snapshot()), 30_000, `${v.id} snapshot after the ${Math.round(timeoutMs / 1000)} s cap`);
        r.terminated = true;
      }
    }
    samples.end = await sample();
    if (errors.length) r.pageErrors = errors.slice(0, 3);
    const out = summarizeRun(v, r, samples, plan, totalChars, phaseChars);
    if (out.unfinished) out.capMs = timeoutMs;
    return out;
  } finally {
    await context.close();
  }
}

function summarizeRun(v, r, samples, plan, totalChars, phaseChars) {
  const commitTimes = r.commits ? r.flushes.map(([t]) => t) : [];
  const fs = frameStats(r, commitTimes);
  const longest = (from, to) => max(r.longTasks.filter((t) => t.start >= from && t.start < to).map((t) => t.duration));
  const whole = metricDelta(samples.start.m, samples.end.m);
  const out = {
    variant: v.id,
    ...whole,
    commits: r.commits,
    flushCount: r.flushes.length,
    // React's own render time (Profiler actualDuration, summed); for the raw floor, its DOM writes.
    renderMs: r.flushes.reduce((a, f) => a + f[3], 0),
    ...fs,
    commitsPerFrame: fs.frames ? r.commits / fs.frames : NaN,
    longestTaskMs: Math.max(0, longest(samples.start.t, samples.end.t)),
    // Long tasks (≥ 50 ms, the observer reports no others) from the request to the final paint.
    longTasks: r.longTasks.filter((t) => t.start >= r.startedAt && t.start <= (r.finalPaintAt || r.lastMutationAt)).length,
    scriptPerSec: whole.scriptMs / ((samples.end.t - samples.start.t) / 1000),
    taskPerSec: whole.taskMs / ((samples.end.t - samples.start.t) / 1000),
    lastByteToPaintMs: (r.finalPaintAt || r.lastMutationAt) - r.lastByteAt,
    totalMs: (r.finalPaintAt || r.lastMutationAt) - r.startedAt,
    streamMs: r.lastByteAt - r.firstByteAt,
    netChunks: r.netChunks,
    domChars: r.domChars,
    pageErrors: r.pageErrors,
    unfinished: r.unfinished ? 1 : 0,
    terminated: r.terminated ? 1 : 0,
    shownFraction: r.unfinished ? (r.renderedChars || r.domChars) / totalChars : 1,
    wallCapMs: r.unfinished ? samples.end.t - samples.start.t : undefined,
  };
  if (r.unfinished) {
    out.lastByteToPaintMs = NaN;
    out.totalMs = NaN;
  }
  if (plan.kind !== 'paced') {
    const first = flushStats(r.flushes, totalChars, 0, 0.1);
    const last = flushStats(r.flushes, totalChars, 0.9, 1.01);
    Object.assign(out, { firstFlushMs: first.median, lastFlushMs: last.median, firstFlushN: first.n, lastFlushN: last.n, lastFlushP95: last.p95 });
  } else {
    const p = samples.phases;
    const head = metricDelta(samples.start.m, p.headEnd.m);
    const headSec = (p.headEnd.t - samples.start.t) / 1000;
    const tail = metricDelta(p.tailStart.m, samples.end.m);
    const tailSec = (samples.end.t - p.tailStart.t) / 1000;
    const hf2 = flushStats(r.flushes, totalChars, 0, phaseChars.head / totalChars);
    const tf2 = flushStats(r.flushes, totalChars, phaseChars.tail / totalChars + 1e-9, 1.01);
    Object.assign(out, {
      headScriptPerSec: head.scriptMs / headSec,
      headTaskPerSec: head.taskMs / headSec,
      tailScriptPerSec: tail.scriptMs / tailSec,
      tailTaskPerSec: tail.taskMs / tailSec,
      headFlushMs: hf2.median,
      tailFlushMs: tf2.median,
      headFlushN: hf2.n,
      tailFlushN: tf2.n,
      headLongestMs: Math.max(0, longest(samples.start.t, p.headEnd.t)),
      tailLongestMs: Math.max(0, longest(p.tailStart.t, samples.end.t)),
    });
  }
  return out;
}

function aggregate(runs) {
  const keys = Object.keys(runs[0]).filter((k) => typeof runs[0][k] === 'number');
  const agg = { variant: runs[0].variant, runs: runs.length, multiCommitFrames: runs.find((r) => r.multiCommitFrames)?.multiCommitFrames ?? '' };
  for (const k of keys) agg[k] = median(runs.map((r) => r[k]));
  const errs = runs.flatMap((r) => r.pageErrors ?? []);
  if (errs.length) agg.pageErrors = [...new Set(errs)].slice(0, 3);
  return agg;
}

export async function runRender({ quick = false, log = console.log, suites = ['render', 'hooks'], only, plans = ['fast', 'paced', 'steady'] } = {}) {
  const notes = [];
  const oursServer = await buildOursForNode('server');
  if (oursServer.error) notes.push(`ours server helper: ${oursServer.error}`);
  const mdText = markdownReply(50_000);
  const md = tokenize(mdText);
  const hookTokens = tokensOfCount(quick ? 5000 : 20_000);
  const hookEnd = hookTokens.slice(-12).join('').trim().slice(-24);
  // A shorter reply for the steady 200 tokens/s run (~2,000 tokens, ~10 s).
  const steadyText = markdownReply(8_000);
  const steadyTokens = tokenize(steadyText);
  const server = await createBenchServer({ replies: { md, hooks: hookTokens, steady: steadyTokens }, ours: oursServer.mod });
  server.replyEnds = { hooks: hookEnd };
  server.events.on('server-error', (e) => notes.push(`server error: ${String(e.message ?? e).slice(0, 200)}`));
  const browser = await launch();
  const out = { notes, reply: { chars: mdText.length, tokens: md.length }, hooks: { tokens: hookTokens.length } };
  let runId = 0;
  const safeRun = async (v, opts) => {
    try {
      return await runOne(browser, server, v, { ...opts, run: `r${++runId}` });
    } catch (err) {
      return { variant: v.id, error: String(err.message ?? err).split('\n')[0].slice(0, 300) };
    }
  };
  try {
    if (suites.includes('render')) {
      const variants = RENDER_VARIANTS.filter((v) => !only || only.includes(v.id)).map((v) => ({ ...v }));
      const ok = (v) => (v.api === 'kit' && oursServer.error ? `needs src/server: ${oursServer.error}` : true);
      for (const v of variants) if (ok(v) !== true) v.available = () => ok(v);
      const built = await buildVariants(variants, notes);
      const fastRuns = quick ? 1 : 3;
      const headTokens = quick ? 150 : 500;
      const tailTokens = quick ? 150 : 500;
      const phaseChars = { head: md.slice(0, headTokens).join('').length, tail: md.slice(0, md.length - tailTokens).join('').length };
      const fast = {};
      const paced = {};
      const capMs = 30_000;
      for (let round = 0; round < (plans.includes('fast') ? fastRuns : 0); round++) {
        for (const v of built) {
          // A variant that did not finish within the cap is not run again (it would only cost time).
          if (fast[v.id]?.some((r) => r.unfinished || r.error)) continue;
          const res = await safeRun(v, { reply: 'md', plan: { kind: 'fast' }, totalChars: mdText.length, timeoutMs: capMs });
          (fast[v.id] ??= []).push(res);
          log(`  render fast   ${v.id.padEnd(20)} ${res.error ? 'ERROR ' + res.error : `${res.unfinished ? `UNFINISHED after ${capMs / 1000} s (${(res.shownFraction * 100).toFixed(0)}% shown) ` : ''}script ${res.scriptMs.toFixed(0)} ms, commits ${res.commits}, frames ${res.frames}, longest ${res.longestTaskMs.toFixed(0)} ms, flush first/last ${res.firstFlushMs?.toFixed(2)}/${res.lastFlushMs?.toFixed(2)} ms, lastByte→paint ${res.lastByteToPaintMs.toFixed(0)} ms, total ${res.totalMs.toFixed(0)} ms`}`);
        }
      }
      for (const v of built.filter((b) => !b.fastOnly && plans.includes('paced'))) {
        const res = await safeRun(v, { reply: 'md', plan: { kind: 'paced', rate: 50, head: headTokens, tail: tailTokens }, totalChars: mdText.length, phaseChars, timeoutMs: quick ? 45_000 : 75_000 });
        paced[v.id] = [res];
        log(`  render paced  ${v.id.padEnd(20)} ${res.error ? 'ERROR ' + res.error : `head ${res.headScriptPerSec.toFixed(1)} ms/s script, flush ${res.headFlushMs?.toFixed(2)} ms | tail ${res.tailScriptPerSec.toFixed(1)} ms/s, flush ${res.tailFlushMs?.toFixed(2)} ms, longest ${res.tailLongestMs.toFixed(0)} ms`}`);
      }
      // A steady stream at 200 tokens/s from an empty reply: long tasks while it streams (the
      // start of a reply included) and React commits per animation frame.
      const steady = {};
      const steadyRate = 200;
      for (const v of built.filter((b) => !b.fastOnly && plans.includes('steady'))) {
        const res = await safeRun(v, { reply: 'steady', plan: { kind: 'steady', rate: steadyRate }, totalChars: steadyText.length, timeoutMs: quick ? 45_000 : 60_000 });
        steady[v.id] = [res];
        log(`  render steady ${v.id.padEnd(20)} ${res.error ? 'ERROR ' + res.error : `${res.unfinished ? 'UNFINISHED ' : ''}commits ${res.commits} in ${res.frames} frames (max ${res.maxCommitsPerFrame}/frame, ${res.framesWithMultipleCommits} frames with > 1), long tasks ${res.longTasks}, longest ${res.longestTaskMs.toFixed(0)} ms, main-thread ${res.taskPerSec.toFixed(0)} ms/s, scripting ${res.scriptPerSec.toFixed(0)} ms/s`}`);
      }
      const summarize = (m) =>
        Object.fromEntries(
          Object.entries(m).map(([id, runs]) => {
            const good = runs.filter((r) => !r.error);
            return [id, good.length ? aggregate(good) : { variant: id, error: runs[0].error }];
          }),
        );
      out.render = {
        variants: variants.map(({ id, label, kind, missing, fastOnly }) => ({ id, label, kind, missing, fastOnly })),
        fast: summarize(fast),
        paced: summarize(paced),
        steady: summarize(steady),
        steadyPlan: { rate: steadyRate, tokens: steadyTokens.length, chars: steadyText.length },
        fastRuns,
        pacedPlan: { rate: 50, headTokens, tailTokens, headChars: phaseChars.head, tailFromChars: phaseChars.tail },
      };
    }
    if (suites.includes('hooks')) {
      const variants = HOOK_VARIANTS.filter((v) => !only || only.includes(v.id)).map((v) => ({ ...v }));
      
      const built = await buildVariants(variants, notes);
      const runs = quick ? 1 : 3;
      const res = {};
      const totalChars = hookTokens.join('').length;
      const capMs = 30_000;
      for (let round = 0; round < runs; round++) {
        for (const v of built) {
          if (res[v.id]?.some((r) => r.unfinished || r.error)) continue;
          const r = await safeRun(v, { reply: 'hooks', plan: { kind: 'fast' }, totalChars, timeoutMs: capMs });
          (res[v.id] ??= []).push(r);
          log(`  hooks         ${v.id.padEnd(20)} ${r.error ? 'ERROR ' + r.error : `${r.unfinished ? `UNFINISHED after ${capMs / 1000} s (${(r.shownFraction * 100).toFixed(0)}% shown) ` : ''}script ${r.scriptMs.toFixed(0)} ms, commits ${r.commits}, frames ${r.frames}, max commits/frame ${r.maxCommitsPerFrame}, total ${r.totalMs.toFixed(0)} ms`}`);
        }
      }
      out.hooks.variants = variants.map(({ id, label, kind, missing }) => ({ id, label, kind, missing }));
      out.hooks.results = Object.fromEntries(
        Object.entries(res).map(([id, rs]) => {
          const good = rs.filter((r) => !r.error);
          return [id, good.length ? aggregate(good) : { variant: id, error: rs[0].error }];
        }),
      );
      out.hooks.runs = runs;
    }
  } finally {
    await browser.close();
    await server.close();
  }
  return out;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const suites = process.argv.includes('--hooks') ? ['hooks'] : process.argv.includes('--render') ? ['render'] : ['render', 'hooks'];
  const only = process.argv.find((a) => a.startsWith('--variants='))?.slice(11).split(',');
  const plans = process.argv.find((a) => a.startsWith('--plans='))?.slice(8).split(',');
  const r = await runRender({ quick: process.argv.includes('--quick'), suites, only, ...(plans && { plans }) });
  console.log(JSON.stringify(r, null, 1).slice(0, 6000));
}
