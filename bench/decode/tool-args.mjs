// Tool-call arguments (issue 11): a 5-step reply, 10 parallel calls per step, arguments streamed
// in 8-character deltas as OpenAI Chat Completions SSE, decoded by decodeBody and folded by our
// reducer (reduceReply), the client's own path. The cost per argument delta must not grow with
// the arguments' length: re-parsing the partial JSON on every delta (what the AI SDK's UI stream
// does with parsePartialJson) is O(n) per delta, O(n²) per call.
//
//   npm run bench -- --only=tools      (part of the full run; writes the report row)
//   node bench/decode/tool-args.mjs    (prints the figures)
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { buildOursForNode } from '../lib/build.mjs';
import { BENCH } from '../lib/paths.mjs';
import { median } from '../lib/stats.mjs';

const STEPS = 5;
const CALLS = 10;
const DELTA_CHARS = 8;
export const ARG_LENGTHS = [1024, 16384];

/** One step's arguments: `CALLS` JSON objects of `argChars` characters. */
function stepArgs(step, argChars) {
  // `{"note":""}` is 11 characters.
  return Array.from({ length: CALLS }, (_, call) => JSON.stringify({ note: `${step}-${call}-`.padEnd(argChars - 11, 'x') }));
}

/** One step as OpenAI Chat Completions SSE: the calls start, their arguments interleave in small deltas, then `tool_calls`. */
function stepBody(step, argChars) {
  const args = stepArgs(step, argChars);
  const chunk = (delta, finish = null) => `data: ${JSON.stringify({ id: `chatcmpl-${step}`, object: 'chat.completion.chunk', created: 1, model: 'm', choices: [{ index: 0, delta, finish_reason: finish }] })}\n\n`;
  let body = chunk({ role: 'assistant', content: null });
  for (let call = 0; call < CALLS; call++) body += chunk({ tool_calls: [{ index: call, id: `call_${step}_${call}`, type: 'function', function: { name: 'write_note', arguments: '' } }] });
  let deltas = 0;
  for (let offset = 0; offset < argChars; offset += DELTA_CHARS) {
    for (let call = 0; call < CALLS; call++) {
      const piece = args[call].slice(offset, offset + DELTA_CHARS);
      if (!piece) continue;
      body += chunk({ tool_calls: [{ index: call, function: { arguments: piece } }] });
      deltas++;
    }
  }
  body += chunk({}, 'tool_calls') + 'data: [DONE]\n\n';
  return { bytes: new TextEncoder().encode(body), deltas, args };
}

/** A body in network-sized chunks (8 KiB), as fetch would hand it over. */
function streamOf(bytes) {
  let offset = 0;
  return new ReadableStream({
    pull(controller) {
      if (offset >= bytes.length) return controller.close();
      controller.enqueue(bytes.subarray(offset, offset + 8192));
      offset += 8192;
    },
  });
}

/** ns per delta of one fold of the whole reply (all steps) through decodeBody + reduceReply. */
async function oursFold(mod, steps) {
  const { decodeBody, reduceReply, startReply } = mod;
  const deltas = steps.reduce((n, s) => n + s.deltas, 0);
  const fold = async () => {
    let state = startReply({ id: 'a', role: 'assistant', content: '', timestamp: 0, status: 'streaming' });
    for (const [i, step] of steps.entries()) {
      if (i > 0) state = reduceReply(state, { type: 'step-start' });
      for await (const batch of decodeBody(streamOf(step.bytes), { protocol: 'openai-chat', contentType: 'text/event-stream' })) {
        for (const event of batch) for (const part of event.parts) state = reduceReply(state, part);
      }
    }
    return state;
  };
  const start = process.hrtime.bigint();
  const state = await fold();
  const ns = Number(process.hrtime.bigint() - start);
  const calls = state.message.parts.filter((p) => p.type === 'tool-call');
  if (calls.length !== STEPS * CALLS || calls.some((c) => c.state !== 'input-available')) throw new Error('ours: wrong fold');
  if (calls[0].argsText !== steps[0].args[0] || calls.at(-1).argsText !== steps.at(-1).args.at(-1)) throw new Error('ours: arguments do not match');
  return ns / deltas;
}

/** ns per delta of the AI SDK's work on one step's streamed tool inputs: append, then parsePartialJson of the whole text so far. */
async function aiSdkFold(parsePartialJson, step) {
  const pieces = step.args.map((text) => Array.from({ length: Math.ceil(text.length / DELTA_CHARS) }, (_, i) => text.slice(i * DELTA_CHARS, (i + 1) * DELTA_CHARS)));
  const texts = step.args.map(() => '');
  const start = process.hrtime.bigint();
  let last;
  for (let d = 0; d < pieces[0].length; d++) {
    for (let call = 0; call < CALLS; call++) {
      const piece = pieces[call][d];
      if (!piece) continue;
      texts[call] += piece;
      last = (await parsePartialJson(texts[call])).value;
    }
  }
  const ns = Number(process.hrtime.bigint() - start);
  if (last?.note !== JSON.parse(step.args.at(-1)).note) throw new Error('AI SDK: wrong parse');
  return ns / step.deltas;
}

async function loadAiSdk() {
  const entry = join(BENCH, 'node_modules', 'ai', 'package.json');
  if (!existsSync(entry)) return undefined;
  try {
    const ai = await import(pathToFileURL(join(BENCH, 'node_modules', 'ai', 'dist', 'index.mjs')).href);
    return typeof ai.parsePartialJson === 'function' ? ai.parsePartialJson : undefined;
  } catch {
    return undefined;
  }
}

export async function runToolArgs({ quick = false, log = console.log } = {}) {
  const notes = [];
  const results = [];
  const ours = await buildOursForNode('index');
  if (ours.error) notes.push(`ours not built: ${ours.error}`);
  const parsePartialJson = await loadAiSdk();
  if (!parsePartialJson) notes.push('AI SDK not in bench/node_modules (npm ci --prefix bench): no re-parse comparison');
  const runs = quick ? { warmup: 1, timed: 3 } : { warmup: 2, timed: 7 };
  const replies = ARG_LENGTHS.map((argChars) => ({ argChars, steps: Array.from({ length: STEPS }, (_, step) => stepBody(step, argChars)) }));
  // Rounds alternate the two lengths, so machine noise spreads over both (the ratio is the figure).
  const samples = new Map(ARG_LENGTHS.flatMap((n) => [[`ours ${n}`, []], [`aisdk ${n}`, []]]));
  for (let round = 0; round < runs.warmup + runs.timed; round++) {
    for (const { argChars, steps } of replies) {
      if (!ours.error) {
        const ns = await oursFold(ours.mod, steps);
        if (round >= runs.warmup) samples.get(`ours ${argChars}`).push(ns);
      }
      // One step is enough for a per-delta cost (its work on a call does not depend on the step); fewer rounds, it is slow.
      if (parsePartialJson && round >= runs.warmup && round - runs.warmup < (quick ? 1 : 3)) samples.get(`aisdk ${argChars}`).push(await aiSdkFold(parsePartialJson, steps[0]));
    }
  }
  for (const { argChars, steps } of replies) {
    const deltas = steps.reduce((n, s) => n + s.deltas, 0);
    for (const [impl, label, count] of [['ours', 'ours (decodeBody + reduceReply)', deltas], ['aisdk', 'AI SDK parsePartialJson per delta', steps[0].deltas]]) {
      const times = samples.get(`${impl} ${argChars}`);
      if (!times.length) continue;
      const nsPerDelta = median(times);
      results.push({ impl, argChars, deltas: count, samples: times.length, nsPerDelta });
      log(`  tool args ${String(argChars).padStart(6)} chars  ${label.padEnd(34)} ${nsPerDelta.toFixed(0)} ns / delta (${count} deltas, ${times.length} runs)`);
    }
  }
  return { steps: STEPS, calls: CALLS, deltaChars: DELTA_CHARS, lengths: ARG_LENGTHS, runs, results, notes };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const r = await runToolArgs({ quick: process.argv.includes('--quick') });
  for (const n of r.notes) console.log(`note: ${n}`);
}
