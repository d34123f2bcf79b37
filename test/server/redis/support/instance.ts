/**
 * One server instance of the two-instance tests, run as its own process (`node --import tsx`).
 * env: REDIS_URL, MODEL_URL, TTL_MS. Talks to the test over IPC: { port } when listening,
 * { type: 'started', streamId, prompt } per fresh reply, { type: 'resumed' } per resumed one, { type: 'store-error', ... }.
 */
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createClient } from 'redis';
import { StreamingResponse, cancelStreamingResponse, resumeStreamingResponse } from '../../../../src/server/index';
import { createRedisResumeStore } from '../../../../src/server/redis/index';

const send = (message: object) => process.send?.(message);
// If the test process dies (a timeout kills its worker), do not outlive it.
process.on('disconnect', () => process.exit(0));

const client = createClient({ url: process.env.REDIS_URL, socket: { reconnectStrategy: (retries) => Math.min(retries * 20, 200) } });
client.on('error', () => {});
await client.connect();
const store = createRedisResumeStore({
  client,
  ttlMs: Number(process.env.TTL_MS ?? 60_000),
  onError: (error) => send({ type: 'store-error', operation: error.operation, streamId: error.streamId, message: error.message }),
});

async function readBody(req: IncomingMessage): Promise<string> {
  let body = '';
  for await (const chunk of req) body += chunk;
  return body;
}

/** The model's NDJSON lines, one token each. */
async function* modelTokens(body: ReadableStream<Uint8Array>): AsyncGenerator<string> {
  const decoder = new TextDecoder();
  let buffered = '';
  for await (const chunk of body as ReadableStream<Uint8Array> & AsyncIterable<Uint8Array>) {
    buffered += decoder.decode(chunk, { stream: true });
    let newline;
    while ((newline = buffered.indexOf('\n')) >= 0) {
      const line = buffered.slice(0, newline);
      buffered = buffered.slice(newline + 1);
      if (line) yield (JSON.parse(line) as { token: string }).token;
    }
  }
}

const server = createServer(async (req, res) => {
  if (req.url === '/health') {
    res.end(JSON.stringify({ redis: client.isReady }));
    return;
  }
  if (req.method === 'DELETE') {
    await cancelStreamingResponse(req, res, store);
    return;
  }
  const body = await readBody(req);
  if (await resumeStreamingResponse(req, res, store)) {
    send({ type: 'resumed' });
    return;
  }

  const { messages } = JSON.parse(body) as { messages: { content: string }[] };
  const prompt = messages.at(-1)!.content;
  const stream = new StreamingResponse(res, { resumeStore: store }).start();
  send({ type: 'started', streamId: stream.streamId, prompt });
  try {
    const model = await fetch(`${process.env.MODEL_URL}?prompt=${encodeURIComponent(prompt)}`, { signal: stream.signal });
    for await (const token of modelTokens(model.body!)) {
      stream.sendToken(token);
      await stream.ready();
    }
    stream.end();
  } catch (error) {
    stream.abort(error);
  }
});
server.listen(0, '127.0.0.1', () => send({ port: (server.address() as AddressInfo).port }));
