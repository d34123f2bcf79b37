/**
 * A real `redis-server` (Debian package `redis-server`) on a random loopback port, without
 * persistence, for the tests; `restart()` brings it back empty on the same port.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';

export interface RedisServer {
  readonly port: number;
  readonly url: string;
  /** Stops it (SIGKILL: nothing is saved, like a crash). */
  kill(): Promise<void>;
  /** Starts it again on the same port, empty. */
  start(): Promise<void>;
  stop(): Promise<void>;
}

const BINARY = process.env.REDIS_SERVER ?? 'redis-server';

async function freePort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as { port: number };
  await new Promise((resolve) => probe.close(resolve));
  return port;
}

function launch(port: number): Promise<ChildProcess> {
  const child = spawn(BINARY, ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--protected-mode', 'no'], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  return new Promise((resolve, reject) => {
    let output = '';
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes('Ready to accept connections')) {
        child.stdout!.off('data', onData);
        child.stdout!.resume();
        resolve(child);
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.once('error', (error) => reject(new Error(`${BINARY} could not start (apt-get install redis-server): ${error.message}`)));
    child.once('exit', (code) => reject(new Error(`${BINARY} exited with ${code}: ${output.slice(-500)}`)));
  });
}

async function halt(child: ChildProcess | undefined, signal: NodeJS.Signals): Promise<void> {
  if (!child || child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill(signal);
  await exited;
}

export async function startRedisServer(): Promise<RedisServer> {
  let port = await freePort();
  let child: ChildProcess;
  try {
    child = await launch(port);
  } catch {
    // The port was taken between the probe and the launch: one more try on another.
    port = await freePort();
    child = await launch(port);
  }
  return {
    port,
    url: `redis://127.0.0.1:${port}`,
    kill: () => halt(child, 'SIGKILL'),
    stop: () => halt(child, 'SIGTERM'),
    async start() {
      child = await launch(port);
    },
  };
}
