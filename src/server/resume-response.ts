import { reportError } from './error-payload';
import type { KitStreamWriter } from './kit-stream-writer';
import type { ResumableEvent, ResumeStore } from './resume-store';
import { parseEventId } from './stream-id';
import { StreamingResponse, type NodeResponseLike, type NodeStreamingOptions } from './streaming-response';
import type { KitErrorPayload, StreamingOptions } from './types';
import { WebStreamingResponse } from './web-streaming-response';

/** Decides whether the requester may have the rest of `streamId` (e.g. the stream belongs to their session). */
export type ResumeAuthorizer<Req> = (request: Req, streamId: string) => boolean | Promise<boolean>;

/** Options of a resumed response (the stream id comes from `Last-Event-ID`; nothing is recorded again). */
export type ResumeOptions = Omit<StreamingOptions, 'streamId' | 'resumeStore'> & {
  /**
   * Called before anything is read or replayed; `false` answers 403 and replays nothing. Without
   * it, whoever presents a valid `Last-Event-ID` gets the rest of that reply.
   */
  authorize?: ResumeAuthorizer<Request>;
};
export type NodeResumeOptions<Req = NodeRequestLike> = Omit<NodeStreamingOptions, 'streamId' | 'resumeStore'> & {
  /** See `ResumeOptions.authorize`; gets your framework's request (Express `req`, with its session / user). */
  authorize?: ResumeAuthorizer<Req>;
};

/** What the Node helper reads of the request: its headers. */
export interface NodeRequestLike {
  headers?: Record<string, string | string[] | undefined>;
}

/** The body of a refused resume: says what happened, names nothing about the stream. */
const FORBIDDEN: KitErrorPayload = { error: 'Not allowed to resume this stream', code: 'forbidden' };
const JSON_HEADERS = { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store' };

/**
 * Answers a reconnect on Node / Express: when the request carries a `Last-Event-ID` the store can
 * continue from, streams the missed events and then the live ones (no `start`, original ids)
 * and resolves true once the response is over. A client that already has the stream's `done`
 * gets `204 No Content`; one `authorize` refuses gets `403`; both resolve true. Resolves false,
 * having written nothing, when there is nothing to resume: start a fresh reply then.
 *
 * ```ts
 * if (await resumeStreamingResponse(req, res, store, { authorize: (req, id) => ownsStream(req.user, id) })) return;
 * const stream = new StreamingResponse(res, { resumeStore: store });
 * ```
 */
export async function resumeStreamingResponse<Req extends NodeRequestLike>(
  req: Req,
  res: NodeResponseLike,
  store: ResumeStore,
  options: NodeResumeOptions<Req> = {},
): Promise<boolean> {
  const { authorize, ...streamingOptions } = options;
  const header = req.headers?.['last-event-id'];
  const position = parseEventId(Array.isArray(header) ? header[0] : header);
  if (!position) return false;
  if (authorize && !(await isAuthorized(authorize, req, position.streamId, options.onError))) {
    res.writeHead(403, JSON_HEADERS);
    res.write(new TextEncoder().encode(JSON.stringify(FORBIDDEN)));
    res.end();
    return true;
  }
  const opened = await openRecorded(store, position);
  if (opened.kind === 'none') return false;
  if (opened.kind === 'finished') {
    res.writeHead(204, { 'Cache-Control': 'no-store' });
    res.end();
    return true;
  }
  const stream = new StreamingResponse(res, { ...streamingOptions, streamId: position.streamId });
  await replayInto(stream, opened);
  return true;
}

/**
 * The fetch-style twin of `resumeStreamingResponse`: a `Response` replaying the missed and live
 * events (`204` when the client already has the whole stream, `403` when `authorize` refuses),
 * or undefined when the request cannot be resumed (start a fresh reply then).
 *
 * ```ts
 * const resumed = await createResumeResponse(request, store, { authorize });
 * if (resumed) return resumed;
 * ```
 */
export async function createResumeResponse(
  request: Request,
  store: ResumeStore,
  options: ResumeOptions = {},
): Promise<Response | undefined> {
  const { authorize, ...streamingOptions } = options;
  const position = parseEventId(request.headers.get('last-event-id'));
  if (!position) return undefined;
  if (authorize && !(await isAuthorized(authorize, request, position.streamId, options.onError))) {
    return new Response(JSON.stringify(FORBIDDEN), { status: 403, headers: JSON_HEADERS });
  }
  const opened = await openRecorded(store, position);
  if (opened.kind === 'none') return undefined;
  if (opened.kind === 'finished') return new Response(null, { status: 204, headers: { 'Cache-Control': 'no-store' } });
  const stream = new WebStreamingResponse({ signal: request.signal, ...streamingOptions, streamId: position.streamId });
  void replayInto(stream, opened);
  return stream.toResponse();
}

/** A hook that throws refuses (and is reported): access is never granted by accident. Shared with the cancel helpers. */
export async function isAuthorized<Req>(
  authorize: ResumeAuthorizer<Req>,
  request: Req,
  streamId: string,
  onError: ((error: unknown) => void) | undefined,
): Promise<boolean> {
  try {
    return (await authorize(request, streamId)) === true;
  } catch (error) {
    reportError(onError, error, FORBIDDEN);
    return false;
  }
}

type Opened =
  /** Nothing to resume from there: a fresh reply. */
  | { kind: 'none' }
  /** The client already has the stream's last event. */
  | { kind: 'finished' }
  | { kind: 'replay'; events: AsyncIterable<ResumableEvent>; stop: AbortController }
  /** Reading the store failed: the client gets a masked error. */
  | { kind: 'failed'; error: unknown };

/**
 * Reads from the client's own last event when the store still has it, so a client that already
 * got `done` is told so (204) instead of waiting on a stream that has nothing more to send;
 * otherwise from the event after it.
 */
async function openRecorded(store: ResumeStore, position: { streamId: string; seq: number }): Promise<Opened> {
  const stop = new AbortController();
  try {
    const fromOwn = position.seq > 0 ? await store.read(position.streamId, position.seq - 1, stop.signal) : undefined;
    if (fromOwn) {
      const iterator = fromOwn[Symbol.asyncIterator]();
      const first = await iterator.next();
      if (first.done) {
        stop.abort();
        return { kind: 'none' };
      }
      if (first.value.seq === position.seq && first.value.event === 'done') {
        stop.abort();
        await iterator.return?.();
        return { kind: 'finished' };
      }
      return { kind: 'replay', events: after(position.seq, first.value, iterator), stop };
    }
    const events = await store.read(position.streamId, position.seq, stop.signal);
    return events ? { kind: 'replay', events, stop } : { kind: 'none' };
  } catch (error) {
    stop.abort();
    return { kind: 'failed', error };
  }
}

/** `first` and the rest of `iterator`, without the events the client already has. */
async function* after(seq: number, first: ResumableEvent, iterator: AsyncIterator<ResumableEvent>): AsyncGenerator<ResumableEvent> {
  try {
    if (first.seq > seq) yield first;
    for (let next = await iterator.next(); !next.done; next = await iterator.next()) {
      if (next.value.seq > seq) yield next.value;
    }
  } finally {
    await iterator.return?.();
  }
}

async function replayInto(stream: KitStreamWriter, opened: Exclude<Opened, { kind: 'none' | 'finished' }>): Promise<void> {
  if (opened.kind === 'failed') {
    // Masked like every error; the store's message (a Redis URL, ...) goes to onError.
    stream.abort(opened.error);
    return;
  }
  const onAbort = () => opened.stop.abort();
  stream.signal.addEventListener('abort', onAbort, { once: true });
  try {
    await stream.replay(opened.events);
  } finally {
    stream.signal.removeEventListener('abort', onAbort);
    opened.stop.abort();
  }
}
