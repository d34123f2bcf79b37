// Tool-call arguments (issue 11): a 5-step reply, 10 parallel calls per step, arguments streamed in
// small deltas, folded by our reducer (reduceReply). The cost per argument delta must not grow with
// the arguments' length (re-parsing the partial JSON on every delta would be O(n²)).
// Run: node bench/decode/tool-args.mjs   (prints ns per delta for short and long arguments, and their ratio)
import { buildOursForNode } from '../lib/build.mjs';

const { mod, error } = await buildOursForNode('index');
if (error) throw new Error(error);
const { reduceReply, startReply } = mod;

/** The parts of one reply: per step 10 calls whose `argChars` of arguments arrive in 8-character deltas, interleaved. */
function replyParts(argChars) {
  const parts = [];
  for (let step = 0; step < 5; step++) {
    if (step > 0) parts.push({ type: 'step-start' });
    const args = Array.from({ length: 10 }, (_, call) => JSON.stringify({ note: `${step}-${call}-`.padEnd(argChars - 12, 'x') }));
    for (let call = 0; call < 10; call++) parts.push({ type: 'tool-call-start', key: call, id: `call_${step}_${call}`, name: 'write_note' });
    for (let offset = 0; offset < argChars; offset += 8) {
      for (let call = 0; call < 10; call++) {
        const delta = args[call].slice(offset, offset + 8);
        if (delta) parts.push({ type: 'tool-call-delta', key: call, delta });
      }
    }
    for (let call = 0; call < 10; call++) parts.push({ type: 'tool-call-end', key: call });
    parts.push({ type: 'finish', reason: 'tool_calls' });
  }
  return parts;
}

function nsPerDelta(argChars) {
  const parts = replyParts(argChars);
  const deltas = parts.filter((p) => p.type === 'tool-call-delta').length;
  const fold = () => {
    let state = startReply({ id: 'a', role: 'assistant', content: '', timestamp: 0, status: 'streaming' });
    for (const part of parts) state = reduceReply(state, part);
    return state;
  };
  for (let i = 0; i < 3; i++) fold();
  const times = [];
  for (let i = 0; i < 7; i++) {
    const start = process.hrtime.bigint();
    const state = fold();
    times.push(Number(process.hrtime.bigint() - start) / deltas);
    if (state.message.toolCalls.length !== 50 || state.message.toolCalls.some((c) => c.state !== 'complete')) throw new Error('wrong fold');
  }
  return times.sort((a, b) => a - b)[3];
}

const short = nsPerDelta(256);
const long = nsPerDelta(16384);
console.log(`5 steps × 10 parallel calls: ${short.toFixed(0)} ns per argument delta at 256-char arguments, ${long.toFixed(0)} ns at 16,384-char arguments → ${(long / short).toFixed(2)}× (flat ≈ 1)`);
