/**
 * The cancel request (docs/protocol.md#cancel): Stop on a reply the server keeps running for a
 * reconnect (a resume store) must say so, since closing the connection no longer ends it.
 * `DELETE <endpoint>?streamId=<id>`: no body (proxies and some runtimes drop DELETE bodies), and
 * the id in the URL, which every proxy forwards, rather than in a custom header.
 */
export const CANCEL_STREAM_ID_PARAM = 'streamId';

/** The default method of the cancel request. */
export const CANCEL_METHOD = 'DELETE';

/** `endpoint` with `?streamId=<id>` added (kept relative when it is). */
export function cancelURL(endpoint: string, streamId: string): string {
  const [path, hash] = splitHash(endpoint);
  const separator = path.includes('?') ? (path.endsWith('?') || path.endsWith('&') ? '' : '&') : '?';
  return `${path}${separator}${CANCEL_STREAM_ID_PARAM}=${encodeURIComponent(streamId)}${hash}`;
}

function splitHash(url: string): [string, string] {
  const at = url.indexOf('#');
  return at < 0 ? [url, ''] : [url.slice(0, at), url.slice(at)];
}
