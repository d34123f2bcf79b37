import { buildDemoPage } from './build';
import { DEFAULT_TOKENS_PER_SECOND } from './demo-model/model';
import { DEFAULT_HOST, DEFAULT_PORT, startDemoServer } from './server';

/** `npm start`: build the page if needed, serve it, stop cleanly on Ctrl+C. */
export async function main(env: NodeJS.ProcessEnv = process.env): Promise<void> {
  const started = performance.now();
  const port = parseNumber(env.PORT, 'PORT', DEFAULT_PORT);
  const tokensPerSecond = parseNumber(env.DEMO_TOKENS_PER_SECOND, 'DEMO_TOKENS_PER_SECOND', DEFAULT_TOKENS_PER_SECOND);
  const host = env.HOST?.trim() || DEFAULT_HOST;

  const build = await buildDemoPage({ force: env.DEMO_REBUILD === '1' });
  console.log(build.built ? `Built the demo page in ${(build.ms / 1000).toFixed(1)} s` : 'Demo page is up to date');

  let server;
  try {
    server = await startDemoServer({ port, host, tokensPerSecond, env, staticDir: build.outDir, testHooks: env.DEMO_TEST_HOOKS === '1' });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EADDRINUSE') {
      console.error(`Port ${port} is already in use. Start on another one with PORT=<port> npm start`);
      process.exit(1);
    }
    throw error;
  }

  const models = server.models.map((m) => m.label).join(', ');
  console.log(`Models: ${models}`);
  console.log(`Demo model speed: ${tokensPerSecond} tokens/s (DEMO_TOKENS_PER_SECOND)`);
  console.log(`Ready in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  console.log(`\n  ai-stream-kit demo: ${server.url}\n`);
  console.log('Press Ctrl+C to stop.');

  let stopping = false;
  const stop = (signal: NodeJS.Signals) => {
    if (stopping) {
      // A second Ctrl+C: don't wait any longer.
      process.exit(130);
    }
    stopping = true;
    console.log(`\n${signal === 'SIGINT' ? 'Ctrl+C' : signal}: stopping…`);
    server
      .close()
      .then(() => {
        console.log('Stopped.');
        process.exit(0);
      })
      .catch(() => process.exit(1));
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

function parseNumber(value: string | undefined, name: string, fallback: number): number {
  if (value === undefined || value.trim() === '') return fallback;
  const number = Number(value);
  if (!Number.isFinite(number) || number < 0) {
    console.error(`${name} must be a non-negative number (got "${value}")`);
    process.exit(1);
  }
  return number;
}
