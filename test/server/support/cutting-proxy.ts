/**
 * A TCP proxy that cuts each connection after a chosen number of response bytes: a real
 * network drop, at any byte (inside headers, inside an event, between events).
 */
import { connect, createServer, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';

export interface CuttingProxy {
  url(path?: string): string;
  /** Connections cut so far. */
  readonly cuts: number;
  close(): Promise<void>;
}

/** `cutAfter(n)` gives the byte budget of the n-th connection (0-based); Infinity = never cut. */
export async function startCuttingProxy(targetPort: number, cutAfter: (connection: number) => number): Promise<CuttingProxy> {
  const sockets = new Set<Socket>();
  let connections = 0;
  let cuts = 0;
  const track = (socket: Socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => {});
  };
  const server = createServer((client) => {
    track(client);
    const upstream = connect(targetPort, '127.0.0.1');
    track(upstream);
    let budget = cutAfter(connections++);
    client.pipe(upstream);
    upstream.on('data', (chunk: Buffer) => {
      if (chunk.length <= budget) {
        budget -= chunk.length;
        client.write(chunk);
        return;
      }
      if (budget > 0) client.write(chunk.subarray(0, budget));
      budget = 0;
      cuts++;
      upstream.destroy();
      // end() flushes what was written, then closes: the client sees a body cut mid-way.
      client.end();
    });
    upstream.on('end', () => client.end());
    upstream.on('close', () => client.end());
    client.on('close', () => upstream.destroy());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: (path = '/') => `http://127.0.0.1:${port}${path}`,
    get cuts() {
      return cuts;
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

/** A small seeded PRNG (mulberry32), so a failing run can be replayed from its seed. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
