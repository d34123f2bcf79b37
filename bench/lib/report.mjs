// Turns the results object into bench/results/latest.md.
import { fmt } from './stats.mjs';

const x = (a, b, d = 2) => {
  if (!Number.isFinite(a) || !Number.isFinite(b) || b === 0) return '–';
  const r = a / b;
  return `${r !== 0 && Math.abs(r) < 0.01 ? r.toPrecision(1) : r.toFixed(d)}×`;
};
const kb = (b) => (Number.isFinite(b) ? `${(b / 1000).toFixed(1)} kB` : '–');
const kb2 = (b) => (Number.isFinite(b) ? `${(b / 1000).toFixed(2)} kB` : '–');
const ms = (v, d = 1) => (Number.isFinite(v) ? `${fmt(v, d)} ms` : '–');
const table = (head, rows) => [`| ${head.join(' | ')} |`, `|${head.map(() => '---').join('|')}|`, ...rows.map((r) => `| ${r.join(' | ')} |`)].join('\n');
const status = (ok) => (ok === undefined ? 'not measured' : ok ? '**met**' : '**NOT MET**');

export function renderReport(res) {
  const L = [];
  const verdicts = [];
  const losses = [];
  const m = res.machine;
  L.push(`# ai-stream-kit benchmarks${res.quick ? ' (quick smoke run: small N, single runs — not for conclusions)' : ''}`);
  L.push('');
  L.push(`Generated ${res.date} by \`npm run bench${res.quick ? ' -- --quick' : ''}\` in ${(res.durationMs / 60000).toFixed(1)} min. No benchmark here is a pass/fail test: the machine is shared and noisy, so compare figures **within this run** (the ratios), not across runs.`);
  L.push('');
  L.push('## Machine');
  L.push('');
  L.push(`- CPU: ${m.cpu}, ${m.cores} cores; memory ${m.memoryGiB} GiB; ${m.os}; load average at start ${m.loadAvgAtStart.join(' / ')}`);
  L.push(`- Node ${m.node}; ${m.chromium} (headless, via playwright-core ${m.packages['playwright-core']})`);
  L.push(`- ours: ${m.ours}`);
  L.push(`- peers: ${Object.entries(m.packages).map(([k, v]) => `${k} ${v}`).join(', ')}`);
  L.push('');

  // ---- targets (filled below, printed at the top)
  const targetsAt = L.length;

  // ---- decoding
  if (res.decode) {
    const d = res.decode;
    L.push('## 1. Decoding (Node)');
    L.push('');
    L.push(
      `Recorded streams of the same ${fmt(d.fixtures[0].chars, 0)}-character markdown reply cut into ${fmt(d.fixtures[0].textEvents, 0)} tokens of 1–6 characters: ` +
        d.fixtures.map((f) => `${f.name} ${(f.bytes / 1e6).toFixed(2)} MB / ${fmt(f.events, 0)} events`).join('; ') +
        `. Bytes are fed in ${d.fixtures.map((f) => fmt(f.chunks, 0)).join(' / ')} network-sized chunks (16 B – 8 KiB, split mid-event and mid-character). Every implementation runs in its own process; median of ${d.rounds} rounds (loopback HTTP: 1) × up to ${d.iterations} timed iterations (at least 2, at most ~3 s) after warm-up; every run's decoded text is checked against the reply.`,
    );
    L.push('');
    for (const mode of d.modes) {
      for (const f of d.fixtures) {
        const rows = d.results.filter((r) => r.mode === mode.id && r.protocol === f.protocol);
        if (!rows.length) continue;
        const ours = rows.find((r) => r.impl === 'ours-decode');
        L.push(`### ${f.name}, ${mode.label}`);
        L.push('');
        L.push(
          table(
            ['implementation', 'MB/s', 'events/s', 'ms / stream', 'speed ÷ ours-decode'],
            rows.map((r) => [r.label, r.error ? `error: ${r.error}` : fmt(r.mbps, 1), r.error ? '' : fmt(r.eventsPerSec, 0), r.error ? '' : fmt(r.ms, 1), r.error || !ours || ours.error ? '–' : x(r.mbps, ours.mbps)]),
          ),
        );
        L.push('');
        if (ours && !ours.error) {
          for (const r of rows) {
            if (r.kind === 'peer' && !r.error && r.mbps > 1.1 * ours.mbps) losses.push(`Decoding ${f.name} (${mode.id}): **${r.label} is ${x(r.mbps, ours.mbps)} as fast as our decodeBody**.`);
          }
          const esp = rows.find((r) => r.impl === 'floor-esp');
          if (esp && !esp.error && mode.id === 'memory') {
            const ratio = ours.mbps / esp.mbps;
            verdicts.push([`Decoding ${f.name}: decodeBody ≥ 0.8× eventsource-parser + JSON.parse`, `${ratio.toFixed(2)}× (${fmt(ours.mbps, 1)} vs ${fmt(esp.mbps, 1)} MB/s, in memory)`, status(ratio >= 0.8)]);
            const chunks = rows.find((r) => r.impl === 'ours-streamchunks');
            if (chunks && !chunks.error) {
              const chunksRatio = chunks.mbps / esp.mbps;
              verdicts.push([`Decoding ${f.name}: streamChunks ≥ 0.8× eventsource-parser + JSON.parse`, `${chunksRatio.toFixed(2)}× (${fmt(chunks.mbps, 1)} vs ${fmt(esp.mbps, 1)} MB/s, in memory)`, status(chunksRatio >= 0.8)]);
            }
          }
        }
      }
    }
    for (const n of d.notes ?? []) L.push(`- note: ${n}`);
    L.push('');
  }

  // ---- tool-call arguments
  if (res.tools?.results?.length) {
    const t = res.tools;
    const [short, long] = t.lengths;
    const row = (impl) => t.results.filter((r) => r.impl === impl);
    L.push('## 1b. Tool-call arguments (Node)');
    L.push('');
    L.push(
      `A ${t.steps}-step reply with ${t.calls} parallel tool calls per step, arguments streamed in ${t.deltaChars}-character deltas (OpenAI Chat Completions SSE), at two argument lengths. ` +
        `Ours: decodeBody + reduceReply, the client's own path (bytes → parts → message), median of ${t.runs.timed} folds. AI SDK: what its UI stream does per tool-input delta (append, then \`parsePartialJson\` of the whole text so far), one step. The cost per delta must not grow with the arguments' length.`,
    );
    L.push('');
    const impls = [
      ['ours', 'ours: decodeBody + reduceReply'],
      ['aisdk', 'AI SDK: parsePartialJson per delta'],
    ].filter(([impl]) => row(impl).length);
    L.push(
      table(
        ['implementation', `ns / delta at ${fmt(short, 0)}-char args`, `ns / delta at ${fmt(long, 0)}-char args`, 'long ÷ short', 'verdict'],
        impls.map(([impl, label]) => {
          const a = row(impl).find((r) => r.argChars === short);
          const b = row(impl).find((r) => r.argChars === long);
          if (!a || !b || a.error || b.error) return [label, a?.error ?? b?.error ?? '–', '', '', ''];
          const ratio = b.nsPerDelta / a.nsPerDelta;
          return [label, fmt(a.nsPerDelta, 0), fmt(b.nsPerDelta, 0), x(b.nsPerDelta, a.nsPerDelta), ratio <= 1.5 ? 'flat' : 'grows with length'];
        }),
      ),
    );
    L.push('');
    const a = row('ours').find((r) => r.argChars === short);
    const b = row('ours').find((r) => r.argChars === long);
    if (a && b && !a.error && !b.error) {
      const ratio = b.nsPerDelta / a.nsPerDelta;
      verdicts.push([`Tool-call arguments: cost per delta flat in the arguments' length (${fmt(long, 0)} ÷ ${fmt(short, 0)} chars ≤ 1.5×)`, `${ratio.toFixed(2)}× (${fmt(b.nsPerDelta, 0)} vs ${fmt(a.nsPerDelta, 0)} ns per delta)`, status(ratio <= 1.5)]);
    }
    for (const n of t.notes ?? []) L.push(`- note: ${n}`);
    L.push('');
  }

  // ---- rendering
  if (res.render?.render) {
    const r = res.render.render;
    const rep = res.render.reply;
    L.push('## 2. Rendering (headless Chromium)');
    L.push('');
    L.push(
      `The same ${fmt(rep.chars, 0)}-character markdown reply (headings, prose, lists, tables, fenced code; ${fmt(rep.tokens, 0)} tokens) streamed from a local server. ` +
        'Scripting / main-thread (task) / layout time come from CDP `Performance.getMetrics` around the run; React commits and their cost from `<Profiler onRender>` (React\'s profiling build, in every React variant); ' +
        '"flush" = one React commit (render + DOM mutation, measured from render start to onRender) or, for the raw floor, one `textContent +=`; first/last 10 % = flushes while the first/last 10 % of the reply was on screen; ' +
        'last byte → final paint = from the last network chunk the page received (fetch tap) to the frame after the last DOM mutation. Longest task from the `longtask` observer (only tasks ≥ 50 ms exist; 0 = none). ' +
        'useChat variants read the AI SDK UI message stream written by its own `createUIMessageStream` + `pipeUIMessageStreamToResponse`; ours read our protocol written by our `StreamingResponse`; the floor reads the same protocol written by hand.',
    );
    L.push('');
    const variants = r.variants;
    const label = (id) => variants.find((v) => v.id === id)?.label ?? id;
    const missing = variants.filter((v) => v.missing);
    if (missing.length) {
      L.push(`Not measured: ${missing.map((v) => `${v.label} — ${v.missing}`).join('; ')}.`);
      L.push('');
    }
    const oursId = r.fast['ours-chat'] && !r.fast['ours-chat'].error ? 'ours-chat' : 'ours-md';
    const short = oursId === 'ours-chat' ? '`<Chat/>`' : '`useChatStream` + `<StreamingMarkdown/>`';
    L.push(`### Fast: the whole reply as fast as the server can write it (${r.fastRuns} run${r.fastRuns > 1 ? 's' : ''}, median; a run that had not finished after the cap is stopped and shown as such)`);
    L.push('');
    const fastRows = Object.values(r.fast);
    L.push(
      table(
        ['variant', 'finished', 'scripting', 'main-thread (tasks)', 'layout', 'React commits', 'frames', 'max commits / frame', 'longest task', 'flush first 10 %', 'flush last 10 %', 'last ÷ first', 'last byte → final paint', 'start → final paint'],
        fastRows.map((v) =>
          v.error
            ? [label(v.variant), `error: ${v.error}`, '', '', '', '', '', '', '', '', '', '', '', '']
            : [
                label(v.variant),
                v.unfinished ? `**no**, not within ${fmt((v.capMs ?? 30000) / 1000, 0)} s: ${Math.round(v.shownFraction * 100)} % shown when stopped at ${fmt(v.wallCapMs / 1000, 0)} s${v.terminated ? ' (stuck in one long task)' : ''}` : 'yes',
                `${v.unfinished ? '≥ ' : ''}${ms(v.scriptMs, 0)}`,
                `${v.unfinished ? '≥ ' : ''}${ms(v.taskMs, 0)}`,
                ms(v.layoutMs, 0),
                fmt(v.commits, 0),
                fmt(v.frames, 0),
                fmt(v.maxCommitsPerFrame, 0),
                ms(v.longestTaskMs, 0),
                ms(v.firstFlushMs, 2),
                ms(v.lastFlushMs, 2),
                x(v.lastFlushMs, v.firstFlushMs),
                ms(v.lastByteToPaintMs, 0),
                ms(v.totalMs, 0),
              ],
        ),
      ),
    );
    L.push('');
    const ours = r.fast[oursId];
    const raw = r.fast.raw;
    if (ours && !ours.error) {
      L.push(`Ratios, fast (${label(oursId)}):`);
      L.push('');
      const rows = [];
      for (const v of fastRows) {
        if (v.variant === oursId || v.error || (v.variant === 'ours-md' && oursId !== 'ours-md')) continue;
        rows.push([
          `ours ÷ ${label(v.variant)}`,
          v.unfinished ? `≤ ${x(ours.scriptMs, v.scriptMs)}` : x(ours.scriptMs, v.scriptMs),
          v.unfinished ? `≤ ${x(ours.taskMs, v.taskMs)}` : x(ours.taskMs, v.taskMs),
          x(ours.totalMs, v.totalMs),
          x(ours.commits, v.commits),
        ]);
        if (v.kind === 'peer' || label(v.variant).startsWith('useChat')) {
          if (!v.unfinished && v.scriptMs < 0.9 * ours.scriptMs) losses.push(`Rendering, fast: **${label(v.variant)} spends less scripting time than ours** (${ms(v.scriptMs, 0)} vs ${ms(ours.scriptMs, 0)}).`);
          if (!v.unfinished && v.totalMs < 0.9 * ours.totalMs) losses.push(`Rendering, fast: **${label(v.variant)} reaches the final paint sooner than ours** (${ms(v.totalMs, 0)} vs ${ms(ours.totalMs, 0)}).`);
        }
      }
      L.push(table(['ratio', 'scripting', 'main-thread', 'start → final paint', 'commits'], rows));
      L.push('');
      if (raw && !raw.error) {
        verdicts.push([`Rendering, fast: ${short} main-thread time within 3× of the raw DOM floor`, `${x(ours.taskMs, raw.taskMs)} main-thread (tasks); scripting alone ${x(ours.scriptMs, raw.scriptMs)}`, status(ours.taskMs <= 3 * raw.taskMs)]);
      }
      verdicts.push([`Rendering, fast: at most one React commit per animation frame (${short})`, `max ${fmt(ours.maxCommitsPerFrame, 0)} in a frame; ${fmt(ours.framesWithMultipleCommits, 0)} of ${fmt(ours.frames, 0)} frames had more than one (commits ${ours.multiCommitFrames || '–'}); ${fmt(ours.commits, 0)} commits`, status(ours.maxCommitsPerFrame <= 1)]);
      verdicts.push([`Rendering, fast: per-commit cost not growing with the reply (${short})`, `last 10 % ÷ first 10 % = ${x(ours.lastFlushMs, ours.firstFlushMs)} (${ms(ours.firstFlushMs, 2)} → ${ms(ours.lastFlushMs, 2)})`, status(ours.lastFlushMs <= 1.5 * ours.firstFlushMs + 0.5)]);
    }
    if (r.paced && Object.keys(r.paced).length) {
      const p = r.pacedPlan;
      L.push(`### Paced: ${p.rate} tokens/s (1 run each)`);
      L.push('');
      L.push(
        `Head = the first ${p.headTokens} tokens (${fmt(p.headChars, 0)} chars) at ${p.rate} tokens/s into an empty reply. Then everything up to the last ${p.tailTokens} tokens arrives as one delta (rendered once — per-token it would take some peers minutes), the server waits until the page is quiet, and ` +
          `tail = the last ${p.tailTokens} tokens at ${p.rate} tokens/s into a reply already ${fmt(p.tailFromChars, 0)} chars long. Main-thread cost per second of streaming, median flush cost per phase.`,
      );
      L.push('');
      const pacedRows = Object.values(r.paced);
      L.push(
        table(
          ['variant', 'finished', 'head: scripting / s', 'head: main-thread / s', 'head: flush', 'tail: scripting / s', 'tail: main-thread / s', 'tail: flush', 'tail ÷ head flush', 'tail: longest task', 'commits / frame', 'last byte → final paint'],
          pacedRows.map((v) =>
            v.error
              ? [label(v.variant), `error: ${v.error}`, '', '', '', '', '', '', '', '', '', '']
              : [
                  label(v.variant),
                  v.unfinished ? `**no** (could not keep up): ${Math.round(v.shownFraction * 100)} % shown when stopped at ${fmt(v.wallCapMs / 1000, 0)} s` : 'yes',
                  ms(v.headScriptPerSec, 1),
                  ms(v.headTaskPerSec, 1),
                  ms(v.headFlushMs, 2),
                  ms(v.tailScriptPerSec, 1),
                  ms(v.tailTaskPerSec, 1),
                  ms(v.tailFlushMs, 2),
                  x(v.tailFlushMs, v.headFlushMs),
                  ms(v.tailLongestMs, 0),
                  fmt(v.commitsPerFrame, 2),
                  ms(v.lastByteToPaintMs, 0),
                ],
          ),
        ),
      );
      L.push('');
      const po = r.paced[oursId];
      const pr = r.paced.raw;
      if (po && !po.error) {
        const rows = [];
        for (const v of pacedRows) {
          if (v.variant === oursId || v.error || (v.variant === 'ours-md' && oursId !== 'ours-md')) continue;
          rows.push([`ours ÷ ${label(v.variant)}`, x(po.headScriptPerSec, v.headScriptPerSec), x(po.tailScriptPerSec, v.tailScriptPerSec), x(po.tailTaskPerSec, v.tailTaskPerSec), x(po.tailFlushMs, v.tailFlushMs)]);
          if (v.kind === 'peer' && v.tailTaskPerSec < 0.9 * po.tailTaskPerSec) losses.push(`Rendering, 50 tokens/s tail: **${label(v.variant)} uses less main-thread time per second than ours** (${ms(v.tailTaskPerSec, 0)}/s vs ${ms(po.tailTaskPerSec, 0)}/s).`);
        }
        L.push(`Ratios, paced (${label(oursId)}):`);
        L.push('');
        L.push(table(['ratio', 'head scripting / s', 'tail scripting / s', 'tail main-thread / s', 'tail flush'], rows));
        L.push('');
        if (pr && !pr.error) verdicts.push([`Rendering, 50 tokens/s: ${short} main-thread time within 3× of the raw DOM floor`, `tail ${x(po.tailTaskPerSec, pr.tailTaskPerSec)}, head ${x(po.headTaskPerSec, pr.headTaskPerSec)} main-thread; scripting tail ${x(po.tailScriptPerSec, pr.tailScriptPerSec)}`, status(po.tailTaskPerSec <= 3 * pr.tailTaskPerSec && po.headTaskPerSec <= 3 * pr.headTaskPerSec)]);
        verdicts.push([`Rendering, 50 tokens/s: per-commit cost not growing (${short})`, `tail ÷ head flush = ${x(po.tailFlushMs, po.headFlushMs)} (${ms(po.headFlushMs, 2)} → ${ms(po.tailFlushMs, 2)})`, status(po.tailFlushMs <= 1.5 * po.headFlushMs + 0.5)]);
      }
    }
    if (r.steady && Object.keys(r.steady).length) {
      const sp = r.steadyPlan;
      L.push(`### Steady: ${sp.rate} tokens/s from an empty reply (1 run each)`);
      L.push('');
      L.push(
        `A markdown reply of ${fmt(sp.chars, 0)} characters (${fmt(sp.tokens, 0)} tokens) at a steady ${sp.rate} tokens/s, the start of the reply included. ` +
          'Long tasks are the `longtask` entries (≥ 50 ms) from the request to the final paint; commits per frame count React commits between two animation frames.',
      );
      L.push('');
      const steadyRows = Object.values(r.steady);
      L.push(
        table(
          ['variant', 'finished', 'React commits', 'frames', 'commits / frame', 'max commits / frame', 'frames with > 1 commit', 'long tasks (≥ 50 ms)', 'longest task', 'main-thread / s', 'scripting / s'],
          steadyRows.map((v) =>
            v.error
              ? [label(v.variant), `error: ${v.error}`, '', '', '', '', '', '', '', '', '']
              : [
                  label(v.variant),
                  v.unfinished ? '**no**' : 'yes',
                  fmt(v.commits, 0),
                  fmt(v.frames, 0),
                  fmt(v.commitsPerFrame, 2),
                  fmt(v.maxCommitsPerFrame, 0),
                  fmt(v.framesWithMultipleCommits, 0),
                  fmt(v.longTasks, 0),
                  ms(v.longestTaskMs, 0),
                  ms(v.taskPerSec, 0),
                  ms(v.scriptPerSec, 0),
                ],
          ),
        ),
      );
      L.push('');
      const so = r.steady[oursId];
      const sr = r.steady.raw;
      if (so && !so.error) {
        verdicts.push([`Rendering, ${sp.rate} tokens/s: no task over 50 ms while a reply streams (${short})`, `${fmt(so.longTasks, 0)} long tasks, longest ${ms(so.longestTaskMs, 0)}${sr && !sr.error ? ` (raw DOM floor in the same run: ${fmt(sr.longTasks, 0)}, longest ${ms(sr.longestTaskMs, 0)})` : ''}`, status(so.longTasks === 0)]);
        verdicts.push([`Rendering, ${sp.rate} tokens/s: at most one React commit per animation frame (${short})`, `${fmt(so.commits, 0)} commits in ${fmt(so.frames, 0)} frames; max ${fmt(so.maxCommitsPerFrame, 0)} in a frame, ${fmt(so.framesWithMultipleCommits, 0)} frames with more than one (commits ${so.multiCommitFrames || '–'})`, status(so.maxCommitsPerFrame <= 1)]);
        if (sr && !sr.error) verdicts.push([`Rendering, ${sp.rate} tokens/s: ${short} main-thread ≤ 1.5× raw DOM append`, `${x(so.taskPerSec, sr.taskPerSec)} (${ms(so.taskPerSec, 0)}/s vs ${ms(sr.taskPerSec, 0)}/s)`, status(so.taskPerSec <= 1.5 * sr.taskPerSec)]);
      }
    }
    L.push('Notes: the raw floor shows unformatted text; its `textContent +=` re-lays-out the whole text on every write, which is why its main-thread (layout) time can exceed a markdown renderer\'s while its scripting stays tiny. streamdown runs without its optional highlighter plugin and without Tailwind CSS; ours runs with its own stylesheet and no highlighter.');
    L.push('');
  }

  // ---- hooks
  if (res.render?.hooks?.results) {
    const h = res.render.hooks;
    L.push(`## Hooks (issue #4): a ${fmt(h.tokens, 0)}-token reply as fast as possible, rendered as plain text`);
    L.push('');
    L.push(`Same protocol for ours and the naive hook (written by the hand-written floor server, so only the client differs); useChat reads the AI SDK UI message stream. ${h.runs} run(s), median. "render time" = sum of React Profiler actualDuration.`);
    L.push('');
    const label = (id) => h.variants.find((v) => v.id === id)?.label ?? id;
    const rows = Object.values(h.results);
    L.push(
      table(
        ['hook', 'finished', 'React commits', 'render time', 'scripting', 'main-thread', 'frames', 'max commits / frame', 'frames with > 1 commit', 'longest task', 'start → final paint'],
        rows.map((v) =>
          v.error
            ? [label(v.variant), `error: ${v.error}`, '', '', '', '', '', '', '', '', '']
            : [
                label(v.variant),
                v.unfinished ? `**no**, not within ${fmt((v.capMs ?? 30000) / 1000, 0)} s: ${Math.round(v.shownFraction * 100)} % shown when stopped at ${fmt(v.wallCapMs / 1000, 0)} s` : 'yes',
                fmt(v.commits, 0),
                ms(v.renderMs, 0),
                ms(v.scriptMs, 0),
                ms(v.taskMs, 0),
                fmt(v.frames, 0),
                fmt(v.maxCommitsPerFrame, 0),
                fmt(v.framesWithMultipleCommits, 0),
                ms(v.longestTaskMs, 0),
                ms(v.totalMs, 0),
              ],
        ),
      ),
    );
    L.push('');
    const o = h.results['hooks-ours'];
    if (o && !o.error) {
      const rr = rows.filter((v) => v.variant !== 'hooks-ours' && !v.error).map((v) => [`ours ÷ ${label(v.variant)}`, x(o.commits, v.commits), x(o.renderMs, v.renderMs), x(o.scriptMs, v.scriptMs), x(o.totalMs, v.totalMs)]);
      L.push(table(['ratio', 'commits', 'render time', 'scripting', 'start → final paint'], rr));
      L.push('');
      verdicts.push(['Hooks: useChatStream at most one React commit per animation frame', `max ${fmt(o.maxCommitsPerFrame, 0)} in a frame (${fmt(o.framesWithMultipleCommits, 0)} of ${fmt(o.frames, 0)} frames had more than one: commits ${o.multiCommitFrames || '–'})`, status(o.maxCommitsPerFrame <= 1)]);
      for (const v of rows) {
        if (v.error || v.variant === 'hooks-ours' || v.unfinished) continue;
        if (v.scriptMs < 0.9 * o.scriptMs) losses.push(`Hooks: **${label(v.variant)} spends less scripting time than useChatStream** (${ms(v.scriptMs, 0)} vs ${ms(o.scriptMs, 0)}).`);
        if (v.totalMs < 0.9 * o.totalMs) losses.push(`Hooks: **${label(v.variant)} reaches the final paint sooner than useChatStream** (${ms(v.totalMs, 0)} vs ${ms(o.totalMs, 0)}).`);
      }
    }
  }

  // ---- streaming code block (issue #14)
  if (res.codeblock?.rows?.length) {
    const rows = res.codeblock.rows;
    L.push('## Streaming code block (Chromium)');
    L.push('');
    L.push(`One fenced TypeScript block of ${fmt(rows[0].lines, 0)} lines streamed in ${fmt(rows[0].tokens, 0)} tokens into \`StreamingMarkdown\`, one React commit per token, each in its own task (\`bench/render/code-block.mjs\`). Commit cost is the median over the first and last 10 % of the tokens; "after warm-up" leaves out the first 1 % (loading Shiki, compiling the grammar).`);
    L.push('');
    L.push(
      table(
        ['variant', 'commit, first 10 % (median / mean)', 'commit, last 10 % (median / mean)', 'last ÷ first (means)', 'last 10 % p95', 'max commit (after warm-up)', 'longest task', 'long tasks', 'coloured spans'],
        rows.map((r) => [r.label, `${fmt(r.firstCommitMs, 1)} / ${fmt(r.firstCommitMeanMs, 3)} ms`, `${fmt(r.lastCommitMs, 1)} / ${fmt(r.lastCommitMeanMs, 3)} ms`, fmt(r.lastOverFirst, 2), `${fmt(r.lastP95Ms, 2)} ms`, `${fmt(r.maxCommitMs, 1)} (${fmt(r.maxCommitAfterWarmupMs, 1)}) ms`, `${fmt(r.longestTaskMs, 0)} ms`, fmt(r.longTasks, 0), fmt(r.colouredSpans, 0)]),
      ),
    );
    L.push('');
  }

  // ---- bundle
  if (res.bundle) {
    const b = res.bundle;
    L.push('## 3. Bundle size (esbuild, minified, gzip -9; React and react-dom excluded everywhere)');
    L.push('');
    const groups = { core: 'Core client (no React)', hook: 'Chat hook', ui: 'Chat UI with markdown', markdown: 'Markdown renderer alone' };
    for (const [g, title] of Object.entries(groups)) {
      const rows = b.results.filter((r) => r.group === g);
      const ours = rows.find((r) => r.kind === 'ours' && !r.error);
      L.push(`### ${title}`);
      L.push('');
      L.push(table(['entry', 'min', 'min+gzip', 'min+brotli', 'gzip ÷ ours'], rows.map((r) => [r.label, r.error ? `error: ${r.error}` : kb(r.min), r.error ? '' : kb(r.gzip), r.error ? '' : kb(r.brotli), r.error || !ours ? '–' : x(r.gzip, ours.gzip)])));
      L.push('');
      for (const r of rows) if (ours && r.kind === 'peer' && !r.error && r.gzip < 0.9 * ours.gzip) losses.push(`Bundle (${title}): **${r.label} is smaller than ${ours.label}** (${kb(r.gzip)} vs ${kb(ours.gzip)} gzip).`);
    }
    if (b.apps?.length) {
      L.push('### What an app loads: up front vs on demand (a one-import app bundled by rolldown as vite 8 does, code splitting on, React external; min+gzip per chunk file)');
      L.push('');
      L.push("The esbuild figures above and size-limit's inline every on-demand chunk. Here the app's bundler splits them: \"up front\" is the entry chunk and its static imports, each feature row what its dynamic `import()` adds on first use (chunks shared between features counted in each), \"all\" every chunk once. Vite's preload helper (any vite app with a dynamic import carries it once) is not included.");
      L.push('');
      for (const a of b.apps) {
        if (a.error) {
          L.push(`${a.label}: error: ${a.error}`);
          L.push('');
          continue;
        }
        L.push(`#### ${a.label}`);
        L.push('');
        const rows = [[`**up front** (${a.upFrontChunks} chunk(s); target ≤ ${kb(a.target)})`, kb2(a.upFrontGzip), a.upFrontGzip <= a.target ? 'within target' : `**over by ${kb(a.upFrontGzip - a.target)}**`]];
        for (const f of a.features) rows.push([`on demand: ${f.feature}`, `+${kb2(f.gzip)}`, '']);
        rows.push([`**all loaded** (${a.allChunks} chunks)`, kb2(a.allGzip), '']);
        L.push(table(['what', 'min+gzip', 'target'], rows));
        L.push('');
        verdicts.push([`Bundle (app build, up front): ${a.label} ≤ ${kb(a.target)}`, kb(a.upFrontGzip), status(a.upFrontGzip <= a.target)]);
      }
    }
    if (b.css) L.push(`Our stylesheet (ai-stream-kit/ui/styles.css), not counted above: ${kb(b.css.min)} min, ${kb(b.css.gzip)} gzip.`);
    L.push('');
    if (b.sizeLimit?.checks) {
      L.push('### The target budgets (bench/size-limit.json, run by size-limit on the sources like the root config)');
      L.push('');
      L.push(table(['check', 'size (min+gzip)', 'limit', 'result'], b.sizeLimit.checks.map((c) => [c.name, kb(c.size), kb(c.sizeLimit), c.passed ? 'within budget' : `**over by ${kb(c.size - c.sizeLimit)}**`])));
      L.push('');
      for (const c of b.sizeLimit.checks) verdicts.push([`Bundle (size-limit): ${c.name}`, kb(c.size), status(c.passed)]);
    }
    if (b.repoSizeLimit?.checks) {
      L.push("### The repository's own size-limit config (`.size-limit.json`, what `npm test` enforces today)");
      L.push('');
      L.push(table(['check', 'size (min+gzip)', 'limit', 'result'], b.repoSizeLimit.checks.map((c) => [c.name, kb(c.size), kb(c.sizeLimit), c.passed ? 'within budget' : `**over by ${kb(c.size - c.sizeLimit)}**`])));
      L.push('');
    }
    if (!b.sizeLimit?.checks && b.sizeLimit?.error) {
      L.push(`size-limit could not run: ${b.sizeLimit.error}`);
      L.push('');
    }
    const get = (id) => b.results.find((r) => r.id === id);
    const ch = get('ours-core-hooks');
    if (ch && !ch.error && !b.sizeLimit?.checks) verdicts.push(['Bundle: core + React hooks ≤ 12 kB min+gzip (from source)', kb(ch.gzip), status(ch.gzip <= 12000)]);
    const chat = get('ours-chat');
    if (!b.sizeLimit?.checks) verdicts.push(['Bundle: `<Chat/>` with markdown, no highlighter ≤ 30 kB min+gzip (from source)', chat && !chat.error ? kb(chat.gzip) : `not measured (${chat?.error ?? 'missing'})`, chat && !chat.error ? status(chat.gzip <= 30000) : 'not measured']);
  }

  // ---- server
  if (res.server) {
    const s = res.server;
    L.push(`## 4. Server: N concurrent SSE streams at ${s.rate} tokens/s each (${s.tokensPerStream} tokens per stream), one Node process, load generator on loopback`);
    L.push('');
    L.push(
      'The first 10 tokens of each stream are not counted (connection set-up). Added inter-token delay = arrival gap between consecutive token events at the client minus the nominal 50 ms (p50 / p99 over every gap of every stream). Drift = how late token i arrives against the schedule (first counted token + i × 50 ms), accumulated. Tokens/s per stream = the rate each stream was delivered at (nominal 20; p1 = the slowest 1 % of streams). Memory = (heap + external at the sample with the most open streams − baseline after GC) ÷ open streams. CPU = server process CPU time ÷ wall time from first request to last stream end (100 % = one core). The token source (one timer per stream) is the same for all three; the load generator shares the 2 cores. A server that cannot keep up shows it first as requests accepted late ("all requests in after" ≫ the 2.5 s ramp, "most open at once" < N), since streams already open keep their pace: CPU µs / token × 20 tokens/s × N > 1 s means one core cannot serve N streams.',
    );
    L.push('');
    for (const n of s.ns) {
      const rows = s.results.filter((r) => r.n === n);
      const ours = rows.find((r) => r.impl === 'ours' && !r.error);
      L.push(`### N = ${fmt(n, 0)}`);
      L.push('');
      const lab = { floor: 'floor: hand-written `res.write` loop', ours: 'ours: `StreamingResponse`', aisdk: 'AI SDK: `createUIMessageStream` + `pipeUIMessageStreamToResponse`' };
      L.push(
        table(
          ['server', 'streams ok', 'most open at once', 'all requests in after', 'tokens/s per stream p50 / p1', 'added delay p50', 'added delay p99', 'drift p99', 'memory / stream', 'RSS / stream', 'CPU', 'CPU µs / token', 'load-gen lag p99'],
          rows.map((r) =>
            r.error
              ? [lab[r.impl], `error: ${r.error}`, '', '', '', '', '', '', '', '', '', '', '']
              : [lab[r.impl], `${r.completed}/${r.n}${r.timedOut ? ' (load generator gave up)' : ''}`, fmt(r.peakActive, 0), Number.isFinite(r.openMs) ? `${fmt(r.openMs / 1000, 1)} s` : '–', `${fmt(r.rateP50, 1)} / ${fmt(r.rateP1, 1)}`, ms(r.addedGapP50, 1), ms(r.addedGapP99, 1), ms(r.latenessP99, 0), `${fmt(r.memPerStreamKB, 1)} KB`, `${fmt(r.rssPerStreamKB, 1)} KB`, `${fmt(r.cpuPct, 0)} %`, fmt(r.cpuUsPerToken, 1), ms(r.loadgenLagP99, 0)],
          ),
        ),
      );
      L.push('');
      if (ours) {
        const rr = rows.filter((r) => r.impl !== 'ours' && !r.error).map((r) => [`ours ÷ ${lab[r.impl]}`, x(ours.addedGapP99 + 50, r.addedGapP99 + 50), x(ours.memPerStreamKB, r.memPerStreamKB), x(ours.cpuUsPerToken, r.cpuUsPerToken)]);
        L.push(table(['ratio', 'p99 gap (incl. the 50 ms)', 'memory / stream', 'CPU / token'], rr));
        L.push('');
        const peer = rows.find((r) => r.impl === 'aisdk' && !r.error);
        if (peer) {
          if (peer.cpuUsPerToken < 0.9 * ours.cpuUsPerToken) losses.push(`Server N=${n}: **the AI SDK uses less CPU per token than StreamingResponse** (${fmt(peer.cpuUsPerToken, 1)} vs ${fmt(ours.cpuUsPerToken, 1)} µs).`);
          if (peer.memPerStreamKB < 0.9 * ours.memPerStreamKB) losses.push(`Server N=${n}: **the AI SDK uses less memory per stream than StreamingResponse** (${fmt(peer.memPerStreamKB, 1)} vs ${fmt(ours.memPerStreamKB, 1)} KB).`);
          if (peer.addedGapP99 + 50 < 0.9 * (ours.addedGapP99 + 50)) losses.push(`Server N=${n}: **the AI SDK has a lower p99 added inter-token delay than StreamingResponse** (${ms(peer.addedGapP99)} vs ${ms(ours.addedGapP99)}).`);
        }
      }
    }
    if (s.resume) {
      const r = s.resume;
      L.push(`### Resume stores: N = ${fmt(r.n, 0)} replies at ${r.rate} tokens/s (${r.tokensPerStream} tokens each), every event recorded`);
      L.push('');
      L.push(
        'The same `StreamingResponse` with no store, the memory store and the Redis store (a local redis-server started by the bench, no persistence; one node-redis client). Added delay as above. Events/s = token events delivered ÷ wall time from first request to last stream end. Redis memory per stream = `MEMORY USAGE` of 50 finished stream keys (averaged) and `INFO used_memory` after the run − before, ÷ stream keys kept (they stay until their TTL). Redis CPU = redis-server CPU time ÷ the same wall time. What the added delay is made of: server loop delay = how late the server process\'s event loop ran a callback (p99 / max, `monitorEventLoopDelay`), GC = its main-thread garbage-collection pauses (ms per second of wall time / longest), load-gen lag = the same loop delay in the load generator, which shares the 2 cores and stamps the arrivals.',
      );
      L.push('');
      const none = r.results.find((row) => row.impl === 'ours' && !row.error);
      const labels = { ours: 'no store', 'ours-memory': 'memory store', 'ours-redis': 'Redis store' };
      L.push(
        table(
          ['store', 'streams ok', 'added delay p50', 'added delay p99', 'p99 added by the store (vs no store)', 'events/s', 'CPU µs / token (Node)', 'memory / stream (Node)', 'Redis memory / stream (MEMORY USAGE)', 'Redis used_memory Δ / stream', 'entries / stream', 'Redis CPU', 'store errors', 'server loop delay p99 / max', 'GC pause ms/s / longest', 'load-gen lag p99'],
          r.results.map((row) =>
            row.error
              ? [labels[row.impl], `error: ${row.error}`, '', '', '', '', '', '', '', '', '', '', '', '', '', '']
              : [labels[row.impl], `${row.completed}/${row.n}`, ms(row.addedGapP50, 2), ms(row.addedGapP99, 1), none && row !== none ? ms(row.addedGapP99 - none.addedGapP99, 1) : '–', fmt(row.eventsPerSec, 0), fmt(row.cpuUsPerToken, 1), `${fmt(row.memPerStreamKB, 1)} KB`, row.redisMemoryUsagePerStreamKB ? `${fmt(row.redisMemoryUsagePerStreamKB, 1)} KB` : '–', row.redisUsedMemoryPerStreamKB ? `${fmt(row.redisUsedMemoryPerStreamKB, 1)} KB` : '–', row.redisEntriesPerStream ? fmt(row.redisEntriesPerStream, 0) : '–', Number.isFinite(row.redisCpuPct) ? `${fmt(row.redisCpuPct, 0)} %` : '–', row.storeErrors ?? 0, `${ms(row.serverLoopDelayP99, 1)} / ${ms(row.serverLoopDelayMax, 0)}`, `${fmt(row.gcPauseMsPerSec, 1)} / ${ms(row.gcPauseMaxMs, 1)}`, ms(row.loadgenLagP99, 0)],
          ),
        ),
      );
      L.push('');
      for (const row of r.results.filter((row) => row.impl !== 'ours' && !row.error)) {
        verdicts.push([`Server: ${fmt(r.n, 0)} replies at 20 tok/s, ${labels[row.impl]}: p99 added delay < 10 ms`, ms(row.addedGapP99, 1), status(row.addedGapP99 < 10)]);
      }
    }
    for (const n of s.notes ?? []) L.push(`- note: ${n}`);
    L.push('');
  }

  // ---- targets & losses at the top
  const top = ['## Targets', ''];
  top.push(verdicts.length ? table(['target', 'measured', 'status'], verdicts) : 'No target could be measured in this run.');
  top.push('');
  top.push('## Where we lose to a peer (by more than 10 %; smaller gaps are within this machine\'s noise)');
  top.push('');
  top.push(losses.length ? losses.map((l) => `- ${l}`).join('\n') : '- Nowhere in this run (floors are not peers; see the targets above for those).');
  top.push('');
  if (res.missing?.length) {
    top.push('## Not measured in this run');
    top.push('');
    top.push(res.missing.map((n) => `- ${n}`).join('\n'));
    top.push('');
  }
  L.splice(targetsAt, 0, ...top);
  return L.join('\n') + '\n';
}
