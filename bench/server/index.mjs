// Server benchmark (issue #7, item 4): one Node process serving N concurrent SSE streams at
// 20 tokens/s each to a load generator on loopback.
import { fork, spawn } from 'node:child_process';
import { once } from 'node:events';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildOursForNode } from '../lib/build.mjs';

const here = dirname(fileURLToPath(import.meta.url));

export const SERVER_IMPLS = [
  { id: 'floor', label: 'floor: hand-written `res.write` loop', kind: 'floor', marker: '\nevent: token\n' },
  { id: 'ours', label: 'ours: `StreamingResponse`', kind: 'ours', marker: '\nevent: token\n' },
  { id: 'aisdk', label: 'AI SDK: `createUIMessageStream` + `pipeUIMessageStreamToResponse`', kind: 'peer', marker: '"type":"text-delta"' },
];

export async function runCase(impl, n, { tokensPerStream, rate, oursServer, ...extra }) {
  const server = fork(join(here, 'server.mjs'), [JSON.stringify({ impl: impl.id, tokensPerStream, rate, oursServer, ...extra })], {
    execArgv: ['--expose-gc', '--max-old-space-size=4096'],
    stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
  });
  let stderr = '';
  server.stderr.on('data', (d) => (stderr += d));
  const ask = async (cmd, key) => {
    server.send({ cmd });
    for (;;) {
      const [msg] = await once(server, 'message');
      if (msg[key] !== undefined) return msg[key];
    }
  };
  try {
    const [first] = await Promise.race([once(server, 'message'), once(server, 'exit').then(() => [{ error: stderr.slice(0, 300) || 'server exited' }])]);
    if (first.error) throw new Error(first.error);
    const { port } = first;
    const baseline = await ask('baseline', 'baseline');
    const rampMs = Math.min(2500, Math.max(200, n * 0.5));
    const gen = spawn(process.execPath, [join(here, 'loadgen.mjs'), JSON.stringify({ port, n, rampMs, marker: impl.marker, rate, tokensPerStream })], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    gen.stdout.on('data', (d) => (out += d));
    await once(gen, 'close');
    const load = JSON.parse(out);
    const report = await ask('report', 'report');
    const peak = report.peak;
    const perStream = (k) => (peak.active ? (peak[k] - baseline[k]) / peak.active : NaN);
    return {
      impl: impl.id,
      n,
      ...load,
      served: report.served,
      serverErrors: report.errors,
      storeErrors: report.storeErrors,
      storeErrorSample: report.storeErrorSample,
      wallMs: report.wallMs,
      peakActive: report.peakActive,
      requestSpreadMs: report.requestSpreadMs,
      memPerStreamKB: (perStream('heap') + perStream('external')) / 1024,
      rssPerStreamKB: perStream('rss') / 1024,
      cpuPct: report.cpuPct,
      serverLoopDelayP99: report.loop?.p99Ms,
      serverLoopDelayMax: report.loop?.maxMs,
      gcPauseMaxMs: report.gc?.maxMs,
      gcPauseMsPerSec: report.gc ? report.gc.totalMs / (report.wallMs / 1000) : NaN,
      cpuUsPerToken: load.tokens ? (report.cpuMs * 1000) / load.tokens : NaN,
    };
  } finally {
    server.kill();
  }
}

export async function runServer({ quick = false, log = console.log } = {}) {
  const notes = [];
  const ours = await buildOursForNode('server');
  if (ours.error) notes.push(`ours: ${ours.error}`);
  const ns = quick ? [100, 1000] : [100, 1000, 5000];
  const tokensPerStream = quick ? 60 : 160;
  const rate = 20;
  const results = [];
  for (const n of ns) {
    for (const impl of SERVER_IMPLS) {
      if (impl.id === 'ours' && ours.error) {
        results.push({ impl: impl.id, n, error: ours.error });
        continue;
      }
      let row;
      try {
        row = await runCase(impl, n, { tokensPerStream, rate, oursServer: ours.outfile });
      } catch (err) {
        row = { impl: impl.id, n, error: String(err.message ?? err).slice(0, 300) };
      }
      results.push(row);
      const f = (v, d = 1) => (Number.isFinite(v) ? v.toFixed(d) : '–');
      log(
        `  server N=${String(n).padEnd(5)} ${impl.id.padEnd(6)} ${row.error ? 'ERROR ' + row.error : `gap +${f(row.addedGapP50)}/+${f(row.addedGapP99)} ms (p50/p99), drift p99 ${f(row.latenessP99, 0)} ms, rate p50/p1 ${f(row.rateP50)}/${f(row.rateP1)} tok/s, all open after ${f(row.openMs / 1000)} s, ${f(row.memPerStreamKB)} KB/stream, CPU ${f(row.cpuPct, 0)}% (${f(row.cpuUsPerToken)} µs/token), ${row.completed}/${n} ok, loadgen lag p99 ${f(row.loadgenLagP99, 0)} ms`}`,
      );
    }
  }
  // Issue #13: the same N=1,000 streams recording into a resume store (none / memory / Redis).
  let resume;
  try {
    const { runResume } = await import('./resume.mjs');
    resume = await runResume({ quick, log, oursServer: ours.outfile, tokensPerStream, rate });
  } catch (err) {
    notes.push(`resume stores: ${String(err.message ?? err).slice(0, 300)}`);
  }
  return { notes, ns, tokensPerStream, rate, results, resume };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await runServer({ quick: process.argv.includes('--quick') });
