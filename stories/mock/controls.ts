import { useEffect, useMemo, useRef } from 'react';
import { SCENARIO_IDS, SCENARIOS, type ScenarioId } from './scenarios';
import { createMockFetch } from './streaming-fetch';

/** Story args that drive the mock endpoint. */
export interface MockArgs {
  /** Which reply the mock endpoint streams. */
  scenario: ScenarioId;
  /** Pace of the stream. */
  tokensPerSecond: number;
  /** Fail mid-stream (an `error` event) after this many tokens. Empty: the scenario's default. */
  errorAt?: number;
  /** Fail before the stream with this HTTP status. 0: the scenario's default. */
  status: number;
  /** Time to first byte, ms. */
  latency: number;
  /** Retries for retryable failures (429, 5xx, dropped connections). */
  maxRetries: number;
}

export const mockArgs: MockArgs = {
  scenario: 'short',
  tokensPerSecond: 40,
  status: 0,
  latency: 300,
  maxRetries: 0,
};

export const mockArgTypes = {
  scenario: {
    control: { type: 'select', labels: Object.fromEntries(SCENARIO_IDS.map((id) => [id, SCENARIOS[id].title])) },
    options: SCENARIO_IDS,
    table: { category: 'Mock endpoint' },
  },
  tokensPerSecond: {
    name: 'tokens / s',
    control: { type: 'range', min: 1, max: 1000, step: 1 },
    table: { category: 'Mock endpoint' },
  },
  errorAt: {
    name: 'error after N tokens',
    control: { type: 'number', min: 0, step: 1 },
    table: { category: 'Mock endpoint' },
  },
  status: {
    name: 'HTTP status',
    control: { type: 'select', labels: { 0: 'scenario default', 400: '400 Bad Request', 401: '401 Unauthorized', 429: '429 Too Many Requests', 500: '500 Server Error', 503: '503 Unavailable' } },
    options: [0, 400, 401, 429, 500, 503],
    table: { category: 'Mock endpoint' },
  },
  latency: {
    name: 'latency (ms)',
    control: { type: 'range', min: 0, max: 3000, step: 50 },
    table: { category: 'Mock endpoint' },
  },
  maxRetries: {
    name: 'max retries',
    control: { type: 'number', min: 0, max: 5, step: 1 },
    table: { category: 'Mock endpoint' },
  },
} as const;

/** A mock `fetch` for these args; a new one only when they change. */
export function useMockFetch({ scenario, tokensPerSecond, errorAt, status, latency }: MockArgs): typeof fetch {
  return useMemo(
    () =>
      createMockFetch({
        scenario,
        tokensPerSecond,
        // Storybook's number control gives null when emptied.
        errorAt: typeof errorAt === 'number' ? errorAt : undefined,
        status: status || undefined,
        latency,
      }),
    [scenario, tokensPerSecond, errorAt, status, latency],
  );
}

/** Calls `send` once after mounting when `enabled`, so a story shows its stream without a click. */
export function useAutoSend(enabled: boolean | undefined, send: () => void): void {
  const sent = useRef(false);
  const latest = useRef(send);
  latest.current = send;
  useEffect(() => {
    if (!enabled || sent.current) return;
    sent.current = true;
    latest.current();
  }, [enabled]);
}
