// Decoding benchmark (issue #7, item 1): recorded OpenAI / Anthropic SSE → text, in Node.
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';
import { decodeFixtures } from '../lib/fixtures.mjs';
import { buildOursForNode } from '../lib/build.mjs';
import { median } from '../lib/stats.mjs';

const here = dirname(fileURLToPath(import.meta.url));

export const IMPLS = [
  { id: 'floor-json', label: 'floor: JSON.parse only (events pre-split)', kind: 'floor' },
  { id: 'floor-esp', label: 'floor: eventsource-parser + JSON.parse', kind: 'floor' },
  { id: 'ours-decode', label: 'ours: decodeBody', kind: 'ours' },
  { id: 'ours-streamchunks', label: 'ours: streamChunks (for await, no AIStream)', kind: 'ours' },
  { id: 'ours-aistream', label: 'ours: AIStream.send (full client)', kind: 'ours' },
  { id: 'aisdk-parse', label: 'AI SDK: parseJsonEventStream + zod schema', kind: 'peer' },
  { id: 'aisdk-streamtext', label: 'AI SDK: streamText(@ai-sdk/openai|anthropic).textStream', kind: 'peer' },
  { id: 'official-sdk', label: 'official SDK (openai / @anthropic-ai/sdk) stream', kind: 'peer' },
];

function runChild(script, arg) {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [script, JSON.stringify(arg)], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (err += d));
    child.on('close', () => {
      try {
        resolve(JSON.parse(out));
      } catch {
        resolve({ error: `worker crashed: ${(err || out).slice(0, 400)}` });
      }
    });
  });
}

async function startFixtureServer() {
  const child = spawn(process.execPath, [join(here, 'fixture-server.mjs')], { stdio: ['ignore', 'pipe', 'inherit'] });
  const port = await new Promise((resolve, reject) => {
    child.stdout.once('data', (d) => resolve(Number(String(d).trim())));
    child.once('exit', () => reject(new Error('fixture server exited')));
  });
  return { port, stop: () => child.kill() };
}

export async function runDecode({ quick = false, log = console.log } = {}) {
  const fixtures = decodeFixtures();
  const ours = await buildOursForNode('index');
  const notes = [];
  if (ours.error) notes.push(`ours not built: ${ours.error}`);
  const warmup = quick ? 2 : 4;
  const iterations = quick ? 3 : 8;
  const rounds = quick ? 1 : 3;
  const modes = [{ id: 'memory', label: 'in memory (recorded chunks as a ReadableStream / fetch)' }, { id: 'http', label: 'over loopback HTTP (separate server process)' }];
  const server = await startFixtureServer();
  const results = [];
  try {
    for (const mode of modes) {
      for (let f = 0; f < fixtures.length; f++) {
        const fx = fixtures[f];
        const impls = IMPLS.filter((i) => !(mode.id === 'http' && i.id === 'floor-json'));
        const samples = Object.fromEntries(impls.map((i) => [i.id, { times: [], cpu: [], errors: [] }]));
        // Rounds interleave the implementations so machine noise spreads over all of them.
        // Loopback HTTP is noisier and mostly repeats the in-memory ranking: one round.
        for (let r = 0; r < (mode.id === 'http' ? 1 : rounds); r++) {
          for (const impl of impls) {
            if (impl.kind === 'ours' && ours.error) {
              samples[impl.id].errors.push(ours.error);
              continue;
            }
            const url = mode.id === 'http' ? `http://127.0.0.1:${server.port}/v1/${fx.protocol}` : undefined;
            const res = await runChild(join(here, 'worker.mjs'), { impl: impl.id, fixture: f, warmup, iterations, url });
            if (res.error) samples[impl.id].errors.push(res.error);
            else {
              samples[impl.id].times.push(...res.times);
              samples[impl.id].cpu.push(res.cpuMs);
              if (!res.ok) samples[impl.id].errors.push('decoded text did not match');
            }
          }
        }
        for (const impl of impls) {
          const s = samples[impl.id];
          const ms = median(s.times);
          const row = {
            mode: mode.id,
            fixture: fx.name,
            protocol: fx.protocol,
            impl: impl.id,
            label: impl.label,
            kind: impl.kind,
            ms,
            cpuMs: median(s.cpu),
            mbps: s.times.length ? fx.bytes.length / 1e6 / (ms / 1000) : NaN,
            eventsPerSec: s.times.length ? fx.events / (ms / 1000) : NaN,
            samples: s.times.length,
            error: s.times.length ? undefined : [...new Set(s.errors)].join('; '),
          };
          results.push(row);
          log(`  decode ${mode.id.padEnd(6)} ${fx.protocol.padEnd(11)} ${impl.id.padEnd(17)} ${row.error ? 'ERROR ' + row.error.slice(0, 160) : `${ms.toFixed(1)} ms  ${row.mbps.toFixed(1)} MB/s  ${Math.round(row.eventsPerSec).toLocaleString()} ev/s`}`);
        }
      }
    }
  } finally {
    server.stop();
  }
  return {
    fixtures: fixtures.map((f) => ({ name: f.name, protocol: f.protocol, bytes: f.bytes.length, events: f.events, textEvents: f.textEvents, chunks: f.chunks.length, chars: f.text.length })),
    modes,
    warmup,
    iterations,
    rounds,
    results,
    notes,
  };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const r = await runDecode({ quick: process.argv.includes('--quick') });
  console.log(JSON.stringify(r.notes));
}
