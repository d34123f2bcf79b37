/**
 * The cancel request (docs/protocol.md#cancel): Stop on a reply the server keeps running for a
 * reconnect (a resume store) must say so, since closing the connection no longer ends it.
 * `DELETE <endpoint>?streamId=<id>`: no body (proxies and some runtimes drop DELETE bodies), and
 * the id in the URL, which every proxy forwards, rather than in a custom header.
 */
export const CANCEL_STREAM_ID_PARAM = 'streamId';

/** The default method of the cancel request. */
export const CANCEL_METHOD = 'DELETE';

/** `endpoint` with `streamId=<id>` added to its query (kept relative when it is). */
export function cancelURL(endpoint: string, streamId: string): string {
  return `${endpoint}${endpoint.includes('?') ? '&' : '?'}${CANCEL_STREAM_ID_PARAM}=${encodeURIComponent(streamId)}`;
}
