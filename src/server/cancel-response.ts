import { CANCEL_STREAM_ID_PARAM } from '../protocol/cancel';
import { reportError } from './error-payload';
import type { CancelOutcome, ResumeStore } from './resume-store';
import { isAuthorized, type NodeRequestLike, type ResumeAuthorizer } from './resume-response';
import type { NodeResponseLike } from './streaming-response';
import { isStreamId } from './stream-id';
import type { KitErrorPayload } from './types';

/** A store that can stop a reply: the memory store and the Redis store both can. */
export type CancellableResumeStore = ResumeStore & Required<Pick<ResumeStore, 'cancel'>>;

/** Options of the cancel helpers. */
export interface CancelOptions<Req> {
  /**
   * The same hook as the resume helpers': only whoever may resume a stream may stop it. Anything
   * but `true` (a throw too) answers 403 and stops nothing. Without it, whoever knows a stream
   * id can stop that reply.
   */
  authorize?: ResumeAuthorizer<Req>;
  /** Gets what a failing store threw (the client gets a masked 503). Default console.error. */
  onError?: (error: unknown) => void;
}

/**
 * What a cancel request got: `stopped` and `finished` answer 204 (stopping a reply that already
 * ended is harmless, like resuming one), `unknown` 404, `invalid` 400, `forbidden` 403, `failed` 503.
 */
export type CancelAnswer = CancelOutcome | 'invalid' | 'forbidden' | 'failed';

const STATUS: Record<CancelAnswer, number> = { stopped: 204, finished: 204, unknown: 404, invalid: 400, forbidden: 403, failed: 503 };
const BODY: Partial<Record<CancelAnswer, KitErrorPayload>> = {
  invalid: { error: `The cancel request needs a stream id (1 to 128 letters, digits or _): ?${CANCEL_STREAM_ID_PARAM}=<id>`, code: 'invalid_request' },
  forbidden: { error: 'Not allowed to stop this stream', code: 'forbidden' },
  unknown: { error: 'No such stream (it never existed or has expired)', code: 'not_found' },
  failed: { error: 'The reply could not be stopped', code: 'cancel_failed', retryable: true },
};
const HEADERS = { 'Cache-Control': 'no-store' };
const JSON_HEADERS = { ...HEADERS, 'Content-Type': 'application/json; charset=utf-8' };

/**
 * Answers the cancel request (`DELETE <endpoint>?streamId=<id>`, sent by `AIStream.stop()`) on
 * Node / Express: checks `authorize`, stops the reply through the store — its producer's
 * `signal` fires, on whichever instance runs it — and answers 204 (404 unknown stream, 403
 * refused, 400 no or malformed id, 503 store failure). Resolves to what it answered.
 *
 * ```ts
 * app.delete('/api/chat', (req, res) => cancelStreamingResponse(req, res, store, { authorize }));
 * ```
 */
export async function cancelStreamingResponse<Req extends NodeRequestLike & { url?: string | undefined }>(
  req: Req,
  res: NodeResponseLike,
  store: CancellableResumeStore,
  options: CancelOptions<Req> = {},
): Promise<CancelAnswer> {
  const answer = await cancelStream(req, streamIdOf(req.url), store, options);
  const body = BODY[answer];
  res.writeHead(STATUS[answer], body ? JSON_HEADERS : HEADERS);
  if (body) res.write(new TextEncoder().encode(JSON.stringify(body)));
  res.end();
  return answer;
}

/**
 * The fetch-style twin of `cancelStreamingResponse` (Next.js route handlers, Hono, workers).
 *
 * ```ts
 * export const DELETE = (request: Request) => createCancelResponse(request, store, { authorize });
 * ```
 */
export async function createCancelResponse(
  request: Request,
  store: CancellableResumeStore,
  options: CancelOptions<Request> = {},
): Promise<Response> {
  const answer = await cancelStream(request, streamIdOf(request.url), store, options);
  const body = BODY[answer];
  return new Response(body ? JSON.stringify(body) : null, { status: STATUS[answer], headers: body ? JSON_HEADERS : HEADERS });
}

async function cancelStream<Req>(
  request: Req,
  streamId: string | undefined,
  store: CancellableResumeStore,
  { authorize, onError }: CancelOptions<Req>,
): Promise<CancelAnswer> {
  if (!streamId) return 'invalid';
  // Before the store is asked anything: a stranger learns nothing, not even whether the stream exists.
  if (authorize && !(await isAuthorized(authorize, request, streamId, onError))) return 'forbidden';
  try {
    return await store.cancel(streamId);
  } catch (error) {
    reportError(onError, error, BODY.failed!);
    return 'failed';
  }
}

/** The `streamId` query parameter of a request URL (absolute, or a path as Node gives it). */
function streamIdOf(url: string | undefined): string | undefined {
  if (!url) return undefined;
  let value: string | null;
  try {
    value = new URL(url, 'http://localhost').searchParams.get(CANCEL_STREAM_ID_PARAM);
  } catch {
    return undefined;
  }
  // Anything but a stream id the kit could have chosen names no stream: 400, like a missing one.
  return isStreamId(value) ? value : undefined;
}
