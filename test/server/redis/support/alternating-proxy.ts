/**
 * A load balancer that never sends a client back where it was: each new connection goes to the
 * next instance in turn, and may be cut after a number of response bytes (a real network drop).
 * The budget is chosen per connection, knowing whether the request resumes (`Last-Event-ID`).
 * Responses are marked `Connection: close` so every request opens a new connection.
 */
import { connect, createServer, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';

export interface AlternatingProxy {
  url(path?: string): string;
  /** Instance ports, in turn. Replace it to take an instance out. */
  targets: number[];
  readonly cuts: number;
  readonly connections: number;
  close(): Promise<void>;
}

export type CutBudget = (info: { connection: number; resuming: boolean }) => number;

export async function startAlternatingProxy(targets: number[], budget: CutBudget = () => Infinity): Promise<AlternatingProxy> {
  const sockets = new Set<Socket>();
  let connections = 0;
  let cuts = 0;
  const track = (socket: Socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => {});
  };
  const proxy: AlternatingProxy = {
    targets,
    url: (path = '/') => `http://127.0.0.1:${port}${path}`,
    get cuts() {
      return cuts;
    },
    get connections() {
      return connections;
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
  const server = createServer((client) => {
    track(client);
    const connection = connections++;
    const upstream = connect(proxy.targets[connection % proxy.targets.length]!, '127.0.0.1');
    track(upstream);
    let head = '';
    let left: number | undefined;
    client.on('data', (chunk: Buffer) => {
      if (left === undefined) {
        head += chunk.toString('latin1');
        if (head.includes('\r\n\r\n')) left = budget({ connection, resuming: /\r\nlast-event-id:/i.test(head) });
      }
      upstream.write(chunk);
    });
    let responseHead = true;
    upstream.on('data', (received: Buffer) => {
      let chunk = received;
      // One request per connection, as behind a balancer that routes per connection: the client must not reuse it.
      if (responseHead) {
        const text = chunk.toString('latin1');
        responseHead = !text.includes('\r\n\r\n');
        chunk = Buffer.from(text.replace(/\r\nconnection: keep-alive\r\n/i, '\r\nConnection: close\r\n'), 'latin1');
      }
      const budgetLeft = left ?? Infinity;
      if (chunk.length <= budgetLeft) {
        if (left !== undefined) left -= chunk.length;
        client.write(chunk);
        return;
      }
      if (budgetLeft > 0) client.write(chunk.subarray(0, budgetLeft));
      left = 0;
      cuts++;
      upstream.destroy();
      client.end();
    });
    upstream.on('end', () => client.end());
    upstream.on('close', () => client.end());
    client.on('close', () => upstream.destroy());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return proxy;
}
