import { useEffect, useState } from 'react';
import type { AIStream } from '../../src/core/ai-stream';
import type { FinishInfo, StreamStatus } from '../../src/core/types';

export interface ReplyMetrics {
  /** Send → first token (text or reasoning), in ms. Retries' waits included: that is what the user waited. */
  timeToFirstToken: number | undefined;
  /** Output tokens per second, first token → end. */
  tokensPerSecond: number | undefined;
  /** Output tokens of the reply (the server's count when it sent usage, else the tokens received). */
  tokens: number;
  /** First token → end, in ms. */
  duration: number | undefined;
  retries: number;
  resumes: number;
  restarts: number;
  state: 'idle' | 'waiting' | 'streaming' | 'complete' | 'stopped' | 'error';
}

const EMPTY: ReplyMetrics = {
  timeToFirstToken: undefined,
  tokensPerSecond: undefined,
  tokens: 0,
  duration: undefined,
  retries: 0,
  resumes: 0,
  restarts: 0,
  state: 'idle',
};

/** Timing of the last reply, measured from the stream's own events. */
export function useReplyMetrics(stream: AIStream): ReplyMetrics {
  const [metrics, setMetrics] = useState<ReplyMetrics>(EMPTY);

  useEffect(() => {
    let sentAt = 0;
    let firstAt: number | undefined;
    let received = 0;
    let current: ReplyMetrics = EMPTY;
    let frame: number | undefined;
    const publish = (next: Partial<ReplyMetrics>, now = false) => {
      current = { ...current, ...next };
      if (now) {
        if (frame !== undefined) cancelAnimationFrame(frame);
        frame = undefined;
        setMetrics(current);
      } else if (frame === undefined) {
        frame = requestAnimationFrame(() => {
          frame = undefined;
          setMetrics(current);
        });
      }
    };
    const live = () => {
      if (firstAt === undefined) return {};
      const elapsed = performance.now() - firstAt;
      return { tokens: received, duration: elapsed, tokensPerSecond: elapsed > 250 ? (received * 1000) / elapsed : undefined };
    };

    const onStatus = (status: StreamStatus) => {
      if (status === 'submitted') {
        sentAt = performance.now();
        firstAt = undefined;
        received = 0;
        current = EMPTY;
        publish({ state: 'waiting' }, true);
      }
    };
    const onOutput = () => {
      const now = performance.now();
      if (firstAt === undefined) {
        firstAt = now;
        publish({ timeToFirstToken: now - sentAt, state: 'streaming' }, true);
      }
      received++;
      publish(live());
    };
    const onRestart = () => {
      // The partial reply was discarded: count again from here.
      received = 0;
      firstAt = undefined;
      publish({ restarts: current.restarts + 1 }, true);
    };
    const onFinish = (info: FinishInfo) => {
      const end = performance.now();
      const tokens = info.usage?.completionTokens ?? received;
      const duration = firstAt === undefined ? undefined : end - firstAt;
      publish(
        {
          tokens,
          duration,
          tokensPerSecond: duration ? (tokens * 1000) / duration : undefined,
          state: info.isError ? 'error' : info.isAbort ? 'stopped' : 'complete',
        },
        true,
      );
    };
    const onError = () => publish({ state: 'error' }, true);
    const onRetry = () => publish({ retries: current.retries + 1 }, true);
    const onResume = () => publish({ resumes: current.resumes + 1 }, true);

    stream
      .on('status', onStatus)
      .on('token', onOutput)
      .on('reasoning', onOutput)
      .on('restart', onRestart)
      .on('finish', onFinish)
      .on('error', onError)
      .on('retry', onRetry)
      .on('resume', onResume);
    return () => {
      if (frame !== undefined) cancelAnimationFrame(frame);
      stream
        .off('status', onStatus)
        .off('token', onOutput)
        .off('reasoning', onOutput)
        .off('restart', onRestart)
        .off('finish', onFinish)
        .off('error', onError)
        .off('retry', onRetry)
        .off('resume', onResume);
    };
  }, [stream]);

  return metrics;
}
