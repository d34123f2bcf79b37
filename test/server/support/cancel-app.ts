/**
 * A chat route as a user writes it with a resume store, answering the cancel request: Node
 * (`cancelStreamingResponse`, `resumeStreamingResponse`, `pipeToResponse`) and fetch-style
 * (`createCancelResponse`, `createResumeResponse`, `OpenAIAdapter`) variants, both calling the
 * official `openai` client with the stream's signal. Ownership is by the `x-user` header: a
 * stream id starts with its owner's name, so every instance can check it without shared state.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import OpenAI from 'openai';
import {
  OpenAIAdapter,
  cancelStreamingResponse,
  createCancelResponse,
  createKitResponse,
  createResumeResponse,
  pipeToResponse,
  resumeStreamingResponse,
  type CancellableResumeStore,
  type StreamClosedError,
} from '../../../src/server/index';
import { FAKE_OPENAI_KEY } from './fake-openai-stream';

export interface Producer {
  streamId: string;
  signal: AbortSignal;
}

const userOf = (header: string | string[] | null | undefined) => (typeof header === 'string' && /^[a-z]+$/.test(header) ? header : 'anonymous');
const newStreamId = (user: string) => `${user}_${Math.random().toString(36).slice(2, 10)}`;
const owns = (user: string, streamId: string) => streamId.startsWith(`${user}_`);

function completion(baseURL: string, signal: AbortSignal) {
  const openai = new OpenAI({ apiKey: FAKE_OPENAI_KEY, baseURL, maxRetries: 0 });
  return openai.chat.completions.create({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'Hi' }], stream: true }, { signal });
}

/** Node / Express style: DELETE cancels, a Last-Event-ID resumes, anything else starts a reply. */
export function nodeChatRoute(store: CancellableResumeStore, baseURL: string, producers: Producer[]) {
  const authorize = (req: IncomingMessage, streamId: string) => owns(userOf(req.headers['x-user']), streamId);
  return async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    if (req.method === 'DELETE') {
      await cancelStreamingResponse(req, res, store, { authorize });
      return;
    }
    if (await resumeStreamingResponse(req, res, store, { authorize })) return;
    for await (const _ of req); // the body (the conversation) is not needed by this fake
    const streamId = newStreamId(userOf(req.headers['x-user']));
    await pipeToResponse(
      (signal) => {
        producers.push({ streamId, signal });
        return completion(baseURL, signal);
      },
      res,
      { resumeStore: store, streamId, provider: 'openai' },
    );
  };
}

/** The fetch-style twin (a Next.js route's DELETE and POST). */
export function fetchChatRoute(store: CancellableResumeStore, baseURL: string, producers: Producer[]) {
  const authorize = (request: Request, streamId: string) => owns(userOf(request.headers.get('x-user')), streamId);
  return async (request: Request): Promise<Response> => {
    if (request.method === 'DELETE') return createCancelResponse(request, store, { authorize });
    const resumed = await createResumeResponse(request, store, { authorize });
    if (resumed) return resumed;
    await request.text();
    const streamId = newStreamId(userOf(request.headers.get('x-user')));
    return createKitResponse(
      OpenAIAdapter(
        (signal) => {
          producers.push({ streamId, signal });
          return completion(baseURL, signal);
        },
        { resumeStore: store, streamId, signal: request.signal },
      ),
    );
  };
}

/** Why the producer's signal fired (`cancelled` for a cancel request). */
export const closedCode = (producer: Producer | undefined) => (producer?.signal.reason as StreamClosedError | undefined)?.code;
