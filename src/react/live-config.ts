import type { StreamConfig } from '../core/types';

/**
 * A StreamConfig whose every field is read from `ref` when the core reads it, so a re-render
 * with new options (endpoint, headers, body, callbacks) applies to the next request without
 * recreating the stream or touching a reply in flight. Callbacks (`on…`) are stable wrappers
 * around the latest ones, since the stream registers them once.
 */
export function liveConfig(ref: { readonly current: StreamConfig }): StreamConfig {
  const callbacks: Record<string, (...args: never[]) => unknown> = {};
  return new Proxy({} as StreamConfig, {
    get: (_target, key: keyof StreamConfig) =>
      /^on[A-Z]/.test(key)
        ? (callbacks[key] ??= (...args: never[]) => (ref.current[key] as ((...args: never[]) => unknown) | undefined)?.(...args))
        : ref.current[key],
  });
}
