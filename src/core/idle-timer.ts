export const DEFAULT_IDLE_TIMEOUT = 60_000;

/**
 * Calls `onIdle` when `touch()` has not been called for `ms` (0 disables). Per chunk it only
 * stores a timestamp; the single timer re-arms itself for the remaining time.
 */
export function idleTimer(ms: number, onIdle: () => void): { touch: () => void; clear: () => void } {
  let last = Date.now();
  let timer: ReturnType<typeof setTimeout> | undefined;
  const check = () => {
    const idle = Date.now() - last;
    if (idle >= ms) onIdle();
    else timer = setTimeout(check, ms - idle);
  };
  if (ms > 0) timer = setTimeout(check, ms);
  return {
    touch: () => {
      last = Date.now();
    },
    clear: () => clearTimeout(timer),
  };
}
