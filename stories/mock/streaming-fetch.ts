// A `fetch` replacement that answers like an ai-stream-kit server (docs/protocol.md), entirely in
// the browser: no service worker, no network. Pass it as the `fetch` option of AIStream or the
// hooks: `new AIStream({ endpoint: '/api/chat', fetch: createMockFetch({ scenario: 'short' }) })`.

import { HTTP_ERRORS, SCENARIOS, tokenize, type Scenario, type ScenarioId } from './scenarios';

export interface MockFetchOptions {
  /** Which reply to stream (see scenarios.ts), or a scenario of your own. */
  scenario: ScenarioId | Scenario;
  /** Paced units (text tokens, reasoning tokens, tool-argument pieces) per second. Default 40. `Infinity` (or ≤ 0): everything in one chunk. */
  tokensPerSecond?: number;
  /** Send an `error` event (then `done`) after this many units. Overrides the scenario's own mid-stream error. */
  errorAt?: number;
  /** Answer with this HTTP status and a JSON error body instead of a stream (when ≥ 400). Overrides the scenario's. */
  status?: number;
  /** Milliseconds before the response headers arrive (time to first byte). Default 300. */
  latency?: number;
  /** Send a `usage` event every this many units (0: only at the end). Default 20. */
  usageEvery?: number;
  /** Called with every request the mock receives. */
  onRequest?: (request: MockRequest) => void;
}

export interface MockRequest {
  url: string;
  method: string;
  headers: Record<string, string>;
  /** The parsed JSON body (or the raw text if it is not JSON). */
  body: unknown;
}

export interface MockEvent {
  event: string;
  data: Record<string, unknown>;
  /** Counts toward tokensPerSecond (tokens, reasoning, argument pieces); the others ride along. */
  paced: boolean;
}

const encoder = new TextEncoder();

/** One SSE event in the kit framing. */
export function encodeEvent(id: string, event: string, data: unknown): string {
  return `id: ${id}\nevent: ${event}\ndata: ${JSON.stringify(data)}\n\n`;
}

const resolveScenario = (scenario: ScenarioId | Scenario): Scenario =>
  typeof scenario === 'string' ? SCENARIOS[scenario] : scenario;

/** Splits a JSON text into the small pieces a model streams tool arguments in. */
function argPieces(json: string): string[] {
  const pieces: string[] = [];
  for (let i = 0; i < json.length; i += 6) pieces.push(json.slice(i, i + 6));
  return pieces;
}

/** Every event of one reply, in order (without ids). Deterministic for given options. */
export function scenarioEvents(
  scenarioInput: ScenarioId | Scenario,
  { streamId = 'mock', errorAt, usageEvery = 20 }: { streamId?: string; errorAt?: number; usageEvery?: number } = {},
): MockEvent[] {
  const scenario = resolveScenario(scenarioInput);
  const events: MockEvent[] = [{ event: 'start', data: { streamId, model: scenario.model }, paced: false }];
  const failAt = errorAt ?? scenario.errorMidStream?.atToken;
  let units = 0;
  const usage = () => ({ promptTokens: scenario.promptTokens, completionTokens: units, totalTokens: scenario.promptTokens + units });
  /** Adds a paced event; false once the mid-stream error point is reached. */
  const paced = (event: string, data: Record<string, unknown>): boolean => {
    if (failAt !== undefined && units >= failAt) return false;
    events.push({ event, data, paced: true });
    units++;
    if (usageEvery > 0 && units % usageEvery === 0) events.push({ event: 'usage', data: usage(), paced: false });
    return true;
  };

  let ok = true;
  if (scenario.reasoning) {
    for (const token of tokenize(scenario.reasoning)) if (!(ok = paced('reasoning', { token }))) break;
  }
  scenario.toolCalls?.forEach((call, key) => {
    if (!ok) return;
    events.push({ event: 'tool-call-start', data: { key, id: call.id, name: call.name }, paced: false });
    for (const delta of argPieces(JSON.stringify(call.args))) if (!(ok = paced('tool-call-delta', { key, delta }))) return;
    events.push({ event: 'tool-call-end', data: { key }, paced: false });
  });
  if (ok) {
    let index = 0;
    for (const token of tokenize(scenario.text)) if (!(ok = paced('token', { token, index: index++ }))) break;
  }

  if (!ok) {
    const error: { message: string; code: string; retryable?: boolean } = scenario.errorMidStream ?? {
      message: 'The model is overloaded. Please try again.',
      code: 'overloaded',
    };
    events.push({ event: 'usage', data: usage(), paced: false });
    events.push({ event: 'error', data: { error: error.message, code: error.code, retryable: !!error.retryable }, paced: false });
    events.push({ event: 'done', data: {}, paced: false });
    return events;
  }
  events.push({ event: 'usage', data: usage(), paced: false });
  events.push({ event: 'finish', data: { reason: scenario.finishReason }, paced: false });
  events.push({ event: 'done', data: {}, paced: false });
  return events;
}

const abortReason = (signal: AbortSignal | null | undefined): unknown =>
  signal?.reason ?? new DOMException('The operation was aborted.', 'AbortError');

function sleep(ms: number, signal: AbortSignal | null | undefined): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(abortReason(signal));
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(abortReason(signal));
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

function readRequest(input: RequestInfo | URL, init: RequestInit | undefined): MockRequest {
  const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
  const headers: Record<string, string> = {};
  new Headers(init?.headers).forEach((value, name) => (headers[name] = value));
  let body: unknown = init?.body;
  if (typeof body === 'string') {
    try {
      body = JSON.parse(body);
    } catch {
      // keep the text
    }
  }
  return { url, method: init?.method ?? 'GET', headers, body };
}

/**
 * A `fetch` that streams the scenario's reply as `text/event-stream`, paced by timers:
 * every `1000 / tokensPerSecond` ms (at least 16 ms) one network chunk with the next units.
 * Aborting the request's signal rejects the fetch (while waiting for headers) or errors the
 * body (while streaming) with the signal's reason, like the real fetch.
 */
export function createMockFetch(options: MockFetchOptions): typeof fetch {
  let requests = 0;
  const mockFetch = async (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
    const { tokensPerSecond = 40, latency = 300, usageEvery = 20, errorAt, onRequest } = options;
    const scenario = resolveScenario(options.scenario);
    const signal = init?.signal;
    onRequest?.(readRequest(input, init));
    const n = ++requests;
    await sleep(latency, signal);

    const status = options.status ?? scenario.errorBefore?.status ?? 200;
    if (status >= 400) {
      const known = scenario.errorBefore?.status === status ? scenario.errorBefore : HTTP_ERRORS[status];
      const error = known ?? { message: `Mock error ${status}`, code: 'mock_error' };
      return new Response(JSON.stringify({ error: { message: error.message, type: error.code, code: error.code } }), {
        status,
        headers: { 'Content-Type': 'application/json' },
      });
    }

    const streamId = `mock${n}`;
    const events = scenarioEvents(scenario, { streamId, errorAt, usageEvery });
    const instant = !(tokensPerSecond > 0) || !Number.isFinite(tokensPerSecond);
    const interval = instant ? 0 : Math.max(1000 / tokensPerSecond, 16);
    const perTick = instant ? Infinity : (tokensPerSecond * interval) / 1000;

    let timer: ReturnType<typeof setTimeout> | undefined;
    let onAbort: (() => void) | undefined;
    const body = new ReadableStream<Uint8Array>({
      start(controller) {
        let cursor = 0;
        let units = 0;
        let tick = 0;
        const finish = () => {
          if (onAbort) signal?.removeEventListener('abort', onAbort);
        };
        onAbort = () => {
          clearTimeout(timer);
          finish();
          try {
            controller.error(abortReason(signal));
          } catch {
            // already closed
          }
        };
        if (signal?.aborted) return onAbort();
        signal?.addEventListener('abort', onAbort, { once: true });

        const step = () => {
          const target = instant ? Infinity : Math.floor((tick + 1) * perTick);
          tick++;
          let chunk = '';
          while (cursor < events.length) {
            const next = events[cursor]!;
            if (next.paced && units >= target) break;
            chunk += encodeEvent(`${streamId}-${cursor + 1}`, next.event, next.data);
            if (next.paced) units++;
            cursor++;
          }
          if (chunk) controller.enqueue(encoder.encode(chunk));
          if (cursor >= events.length) {
            finish();
            controller.close();
            return;
          }
          timer = setTimeout(step, interval);
        };
        step();
      },
      cancel() {
        clearTimeout(timer);
        if (onAbort) signal?.removeEventListener('abort', onAbort);
      },
    });

    return new Response(body, {
      status: 200,
      headers: { 'Content-Type': 'text/event-stream; charset=utf-8', 'Cache-Control': 'no-cache' },
    });
  };
  return mockFetch as typeof fetch;
}
