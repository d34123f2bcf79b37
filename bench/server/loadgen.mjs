// Load generator: opens N SSE streams to the server on loopback (ramped), records when every
// token event arrives. argv: JSON { port, n, rampMs, marker, rate, tokensPerStream }. Prints JSON stats.
import http from 'node:http';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { percentile } from '../lib/stats.mjs';

const args = JSON.parse(process.argv[2]);
const interval = 1000 / args.rate;
const marker = args.marker;
const agent = new http.Agent({ keepAlive: false, maxSockets: Infinity });
const lag = monitorEventLoopDelay({ resolution: 10 });
lag.enable();

const streams = [];
let openCount = 0;
let done = 0;
let failed = 0;
let allOpenAt = Infinity;

function open(i) {
  const rec = { arrivals: [], ok: false };
  streams.push(rec);
  const req = http.request({ host: '127.0.0.1', port: args.port, path: `/stream?i=${i}`, method: 'GET', agent }, (res) => {
    openCount++;
    if (openCount === args.n) allOpenAt = performance.now();
    let carry = '';
    res.on('data', (chunk) => {
      const t = performance.now();
      const s = carry + chunk.toString('latin1');
      let k = s.indexOf(marker);
      while (k >= 0) {
        rec.arrivals.push(t);
        k = s.indexOf(marker, k + marker.length);
      }
      carry = s.slice(-(marker.length - 1));
    });
    res.on('end', () => {
      rec.ok = true;
      done++;
      finish();
    });
    res.on('error', () => {
      failed++;
      finish();
    });
  });
  req.on('error', () => {
    failed++;
    finish();
  });
  req.end();
}

const t0 = performance.now();
const step = args.rampMs / args.n;
let next = 0;
(function ramp() {
  const due = Math.floor((performance.now() - t0) / step) + 1;
  while (next < Math.min(args.n, due)) open(next++);
  if (next < args.n) setTimeout(ramp, Math.max(1, step));
})();

const deadline = setTimeout(() => report(true), args.tokensPerStream * interval + args.rampMs + 60_000);

function finish() {
  if (done + failed === args.n) report(false);
}

function report(timedOut) {
  clearTimeout(deadline);
  lag.disable();
  // Steady state only: each stream's first SKIP tokens (connection set-up, the server still
  // accepting the ramp) are not counted as streaming delay.
  const SKIP = Math.min(10, Math.floor(args.tokensPerStream / 5));
  let total = 0;
  for (const s of streams) total += Math.max(0, s.arrivals.length - 1 - SKIP);
  const gaps = new Float64Array(total);
  const late = new Float64Array(total);
  const rates = [];
  let g = 0;
  let tokens = 0;
  for (const s of streams) {
    const a = s.arrivals;
    tokens += a.length;
    for (let i = SKIP + 1; i < a.length; i++) {
      gaps[g] = a[i] - a[i - 1] - interval;
      late[g] = a[i] - (a[SKIP] + (i - SKIP) * interval);
      g++;
    }
    if (a.length > SKIP + 2) rates.push(((a.length - 1 - SKIP) / (a[a.length - 1] - a[SKIP])) * 1000);
  }
  const gs = gaps.subarray(0, g).sort();
  const ls = late.subarray(0, g).sort();
  rates.sort((p, q) => p - q);
  const out = {
    n: args.n,
    completed: done,
    failed,
    timedOut,
    tokens,
    expectedTokens: args.n * args.tokensPerStream,
    steadyGaps: g,
    openMs: Number.isFinite(allOpenAt) ? allOpenAt - t0 : NaN,
    rateP50: percentile(rates, 50),
    rateP1: percentile(rates, 1),
    addedGapP50: percentile(gs, 50),
    addedGapP99: percentile(gs, 99),
    addedGapMax: gs[gs.length - 1],
    latenessP50: percentile(ls, 50),
    latenessP99: percentile(ls, 99),
    loadgenLagP99: lag.percentile(99) / 1e6,
  };
  process.stdout.write(JSON.stringify(out));
  process.exit(0);
}
