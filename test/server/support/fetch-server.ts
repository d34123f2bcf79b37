/**
 * Serves a fetch-style handler (`(request: Request) => Response`) over real HTTP on 127.0.0.1,
 * the way Next.js / Hono's Node adapters do: the request's signal aborts when the client goes,
 * and the body is piped with backpressure.
 */
import { createServer, type IncomingHttpHeaders } from 'node:http';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { listen } from './node-server';

export type FetchHandler = (request: Request) => Response | Promise<Response>;

export interface FetchServer {
  url(path?: string): string;
  close(): Promise<void>;
}

export async function serveFetch(handler: FetchHandler): Promise<FetchServer> {
  const server = createServer(async (req, res) => {
    res.on('error', () => {});
    const controller = new AbortController();
    res.on('close', () => controller.abort());
    const hasBody = req.method !== 'GET' && req.method !== 'HEAD';
    const request = new Request(`http://127.0.0.1${req.url}`, {
      method: req.method,
      headers: toHeaders(req.headers),
      body: hasBody ? (Readable.toWeb(req) as ReadableStream<Uint8Array>) : undefined,
      signal: controller.signal,
      ...(hasBody && { duplex: 'half' }),
    } as RequestInit);
    let response: Response;
    try {
      response = await handler(request);
    } catch (error) {
      res.writeHead(500).end(String(error));
      return;
    }
    const headers: Record<string, string> = {};
    response.headers.forEach((value, name) => (headers[name] = value));
    res.writeHead(response.status, headers);
    if (!response.body) return void res.end();
    await pipeline(Readable.fromWeb(response.body as never), res).catch(() => {});
  });
  return listen(server);
}

function toHeaders(headers: IncomingHttpHeaders): Headers {
  const result = new Headers();
  for (const [name, value] of Object.entries(headers)) {
    if (Array.isArray(value)) value.forEach((item) => result.append(name, item));
    else if (value !== undefined) result.set(name, value);
  }
  return result;
}
