/**
 * Response headers of a kit stream. `Connection` is not here: it is an HTTP/1.1 hop-by-hop
 * header that HTTP/2 forbids, so only the Node variant adds it, and only on HTTP/1.x.
 */
export function kitResponseHeaders(customHeaders?: Record<string, string>): Record<string, string> {
  return {
    'Content-Type': 'text/event-stream; charset=utf-8',
    // no-transform: proxies must not compress or rewrite (that would buffer the stream).
    'Cache-Control': 'no-cache, no-transform',
    // nginx buffers proxied responses unless told not to.
    'X-Accel-Buffering': 'no',
    ...customHeaders,
  };
}

/** `new Response(stream)` with the kit's headers; `init.headers` are added on top. */
export function createKitResponse(body: ReadableStream<Uint8Array>, init: ResponseInit = {}): Response {
  const headers = new Headers(kitResponseHeaders());
  new Headers(init.headers).forEach((value, name) => headers.set(name, value));
  return new Response(body, { status: 200, ...init, headers });
}
