// Server with a resume store (issue #13): N concurrent replies at 20 tokens/s through
// StreamingResponse with no store, the memory store and the Redis store (its own redis-server,
// started here on a free loopback port without persistence). Redis memory per stream comes from
// INFO memory (used_memory after the run − before, ÷ replies still kept) and MEMORY USAGE.
import { spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { buildOursForNode } from '../lib/build.mjs';
import { runCase } from './index.mjs';

export const RESUME_IMPLS = [
  { id: 'ours', label: 'no store', marker: '\nevent: token\n' },
  { id: 'ours-memory', label: 'memory store (`createMemoryResumeStore`)', marker: '\nevent: token\n' },
  { id: 'ours-redis', label: 'Redis store (`createRedisResumeStore`)', marker: '\nevent: token\n' },
];

async function freePort() {
  const probe = createServer();
  await new Promise((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address();
  await new Promise((resolve) => probe.close(resolve));
  return port;
}

async function startRedis() {
  const port = await freePort();
  const child = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], { stdio: ['ignore', 'pipe', 'pipe'] });
  await new Promise((resolve, reject) => {
    let out = '';
    child.stdout.on('data', (d) => {
      out += d;
      if (out.includes('Ready to accept connections')) resolve();
    });
    child.once('error', (e) => reject(new Error(`redis-server could not start (apt-get install redis-server): ${e.message}`)));
    child.once('exit', (code) => reject(new Error(`redis-server exited with ${code}: ${out.slice(-300)}`)));
  });
  return { url: `redis://127.0.0.1:${port}`, stop: () => child.kill() };
}

const infoField = (info, name) => Number(new RegExp(`^${name}:([\\d.]+)`, 'm').exec(info)?.[1]);

export async function runResume({ quick, log, oursServer, tokensPerStream, rate }) {
  const n = 1000;
  const redisBuild = await buildOursForNode('server/redis');
  if (redisBuild.error) throw new Error(redisBuild.error);
  const redis = await startRedis();
  const { createClient } = await import('redis');
  const admin = createClient({ url: redis.url });
  admin.on('error', () => {});
  await admin.connect();
  const results = [];
  try {
    for (const impl of RESUME_IMPLS) {
      let row;
      try {
        await admin.sendCommand(['FLUSHALL']);
        const before = String(await admin.sendCommand(['INFO']));
        row = await runCase(impl, n, { tokensPerStream, rate, oursServer, oursRedis: redisBuild.outfile, redisUrl: redis.url });
        row.eventsPerSec = row.tokens / (row.wallMs / 1000);
        if (impl.id === 'ours-redis') {
          const after = String(await admin.sendCommand(['INFO']));
          const keys = Number(await admin.sendCommand(['DBSIZE']));
          const streams = [];
          for await (const batch of admin.scanIterator({ MATCH: 'bench:*', COUNT: 200, TYPE: 'stream' })) {
            for (const key of batch) if (streams.length < 50 && !key.includes(':wake:')) streams.push(key);
            if (streams.length >= 50) break;
          }
          let usage = 0;
          let entries = 0;
          for (const key of streams) {
            usage += Number(await admin.sendCommand(['MEMORY', 'USAGE', key, 'SAMPLES', '0']));
            entries += Number(await admin.sendCommand(['XLEN', key]));
          }
          row.redisStreamsKept = keys;
          row.redisUsedMemoryPerStreamKB = (infoField(after, 'used_memory') - infoField(before, 'used_memory')) / Math.max(1, keys) / 1024;
          row.redisMemoryUsagePerStreamKB = usage / Math.max(1, streams.length) / 1024;
          row.redisEntriesPerStream = entries / Math.max(1, streams.length);
          const cpu = (info) => infoField(info, 'used_cpu_user') + infoField(info, 'used_cpu_sys');
          row.redisCpuPct = ((cpu(after) - cpu(before)) * 1000 * 100) / row.wallMs;
        }
      } catch (err) {
        row = { impl: impl.id, n, error: String(err.message ?? err).slice(0, 300) };
      }
      results.push(row);
      const f = (v, d = 1) => (Number.isFinite(v) ? v.toFixed(d) : '–');
      log(
        `  resume N=${n} ${impl.id.padEnd(12)} ${row.error ? 'ERROR ' + row.error : `gap +${f(row.addedGapP50)}/+${f(row.addedGapP99)} ms (p50/p99), ${f(row.eventsPerSec, 0)} events/s, ${row.completed}/${n} ok, CPU ${f(row.cpuUsPerToken)} µs/token, ${f(row.memPerStreamKB)} KB/stream (Node)${row.redisMemoryUsagePerStreamKB ? `, Redis ${f(row.redisMemoryUsagePerStreamKB)} KB/stream (MEMORY USAGE), ${f(row.redisUsedMemoryPerStreamKB)} KB (used_memory Δ), Redis CPU ${f(row.redisCpuPct, 0)}%, store errors ${row.storeErrors}${row.storeErrorSample ? ` (first: ${row.storeErrorSample})` : ''}` : ''}`}`,
      );
    }
  } finally {
    admin.destroy();
    redis.stop();
  }
  return { n, tokensPerStream, rate, quick, results };
}
