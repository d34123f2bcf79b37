import type { KitStreamWriter } from './kit-stream-writer';
import type { ResumableEvent, ResumeStore } from './resume-store';
import { parseEventId } from './stream-id';
import { StreamingResponse, type NodeResponseLike, type NodeStreamingOptions } from './streaming-response';
import type { StreamingOptions } from './types';
import { WebStreamingResponse } from './web-streaming-response';

/** Options of a resumed response (the stream id comes from `Last-Event-ID`; nothing is recorded again). */
export type ResumeOptions = Omit<StreamingOptions, 'streamId' | 'resumeStore'>;
export type NodeResumeOptions = Omit<NodeStreamingOptions, 'streamId' | 'resumeStore'>;

interface HeadersLike {
  headers?: Record<string, string | string[] | undefined>;
}

/**
 * Answers a reconnect on Node / Express: when the request carries a `Last-Event-ID` the store can
 * continue from, streams the missed events and then the live ones (no `start`, original ids)
 * and resolves true once the response is over. Resolves false, having written nothing, when
 * there is nothing to resume: start a fresh reply then.
 *
 * ```ts
 * if (await resumeStreamingResponse(req, res, store)) return;
 * const stream = new StreamingResponse(res, { resumeStore: store });
 * ```
 */
export async function resumeStreamingResponse(
  req: HeadersLike,
  res: NodeResponseLike,
  store: ResumeStore,
  options: NodeResumeOptions = {},
): Promise<boolean> {
  const header = req.headers?.['last-event-id'];
  const opened = await openRecorded(store, Array.isArray(header) ? header[0] : header);
  if (!opened) return false;
  const stream = new StreamingResponse(res, { ...options, streamId: opened.streamId });
  await replayInto(stream, opened);
  return true;
}

/**
 * The fetch-style twin of `resumeStreamingResponse`: a `Response` replaying the missed and live
 * events, or undefined when the request cannot be resumed (start a fresh reply then).
 *
 * ```ts
 * const resumed = await createResumeResponse(request, store);
 * if (resumed) return resumed;
 * ```
 */
export async function createResumeResponse(
  request: Request,
  store: ResumeStore,
  options: ResumeOptions = {},
): Promise<Response | undefined> {
  const opened = await openRecorded(store, request.headers.get('last-event-id'));
  if (!opened) return undefined;
  const stream = new WebStreamingResponse({ signal: request.signal, ...options, streamId: opened.streamId });
  void replayInto(stream, opened);
  return stream.toResponse();
}

interface OpenedRecording {
  streamId: string;
  events: AsyncIterable<ResumableEvent>;
  /** Ends the store read (the client left). */
  stop: AbortController;
}

async function openRecorded(store: ResumeStore, lastEventId: string | null | undefined): Promise<OpenedRecording | undefined> {
  const position = parseEventId(lastEventId);
  if (!position) return undefined;
  const stop = new AbortController();
  const events = await store.read(position.streamId, position.seq, stop.signal);
  return events && { streamId: position.streamId, events, stop };
}

async function replayInto(stream: KitStreamWriter, opened: OpenedRecording): Promise<void> {
  const onAbort = () => opened.stop.abort();
  stream.signal.addEventListener('abort', onAbort, { once: true });
  try {
    await stream.replay(opened.events);
  } finally {
    stream.signal.removeEventListener('abort', onAbort);
    opened.stop.abort();
  }
}
