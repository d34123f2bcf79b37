import { CANCEL_METHOD, cancelURL } from '../protocol/cancel';
import { AIStreamError, errorText } from '../shared/errors';
import { httpError } from './http-error';
import type { StreamConfig } from './types';

/** What `sendCancelRequest` needs of an AIStream's config: where and how the stream request went. */
export type CancelRequestConfig = Pick<StreamConfig, 'endpoint' | 'headers' | 'credentials' | 'fetch' | 'cancel'>;

/**
 * Sends the cancel request for the reply `streamId` (docs/protocol.md#cancel):
 * `DELETE <endpoint>?streamId=<id>` (or `config.cancel`'s endpoint and method) with the stream
 * request's headers and credentials. What `stop()` sends; call it yourself to stop a reply this
 * page no longer streams (e.g. one restored after a reload).
 *
 * Resolves true when the server stopped the reply (or it had already finished), false when
 * there was nothing to ask: `cancel: false`, or the endpoint answered 404 (no such stream any
 * more) or 405 (no cancel route: a server without a resume store, where closing the connection
 * already stopped the reply). Rejects with an `AIStreamError` (`http`, `network`, `invalid`)
 * for any other failure.
 */
export async function sendCancelRequest(
  config: CancelRequestConfig,
  streamId: string,
  options: { headers?: Record<string, string> | undefined } = {},
): Promise<boolean> {
  if (config.cancel === false) return false;
  const endpoint = config.cancel?.endpoint ?? config.endpoint;
  let configured = config.headers;
  try {
    if (typeof configured === 'function') configured = await configured(); // fresh tokens, as for the stream request
  } catch (error) {
    throw new AIStreamError('invalid', `config.headers() failed: ${errorText(error)}`, { cause: error });
  }
  const headers = new Headers({ Accept: 'application/json' });
  for (const [name, value] of Object.entries({ ...configured, ...options.headers })) headers.set(name, value);
  // keepalive: a Stop right before the page goes away (reload, close) still reaches the server.
  const init: RequestInit = { method: config.cancel?.method ?? CANCEL_METHOD, headers, keepalive: true };
  if (config.credentials) init.credentials = config.credentials; // only when asked, like the stream request
  const url = cancelURL(endpoint, streamId);
  let response: Response;
  try {
    response = await (config.fetch ?? fetch)(url, init);
  } catch (error) {
    throw new AIStreamError('network', `Could not reach ${endpoint} to stop the reply: ${errorText(error)}`, { cause: error });
  }
  if (response.status === 404 || response.status === 405) {
    void response.body?.cancel().catch(() => {});
    return false;
  }
  if (!response.ok) throw await httpError(response);
  void response.body?.cancel().catch(() => {});
  return true;
}

/**
 * `stop()`'s side: sends the cancel request without waiting, and reports a failure once through
 * `report` (the AIStream's `error` event). The stopped reply stays as it is either way.
 */
export function cancelOnServer(
  config: CancelRequestConfig,
  streamId: string,
  headers: Record<string, string> | undefined,
  report: (error: AIStreamError) => void,
): void {
  sendCancelRequest(config, streamId, { headers }).catch((error: unknown) => {
    const cause = error instanceof AIStreamError ? error : undefined;
    report(
      new AIStreamError(cause?.code ?? 'network', `The reply was stopped here, but stopping it on the server failed: ${errorText(error)}`, {
        status: cause?.status,
        serverCode: cause?.serverCode,
        cause: error,
      }),
    );
  });
}
