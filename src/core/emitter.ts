type Listener = (...args: unknown[]) => void;
type OnceWrapper = Listener & { listener?: unknown };

/**
 * Reports an exception thrown by a listener without letting it unwind into the stream.
 * Like DOM EventTarget: the other listeners still run and the error is not swallowed —
 * `reportError` where the platform has it (browsers, Deno, workers), otherwise it is rethrown
 * from a microtask, where it reaches window.onerror / process 'uncaughtException'.
 */
function reportListenerError(error: unknown): void {
  const report = (globalThis as { reportError?: (error: unknown) => void }).reportError;
  if (typeof report === 'function') report(error);
  else
    queueMicrotask(() => {
      throw error;
    });
}

/**
 * A tiny typed event emitter (no Node `events`: the core runs in browsers and edge workers).
 * Emitting an event nobody listens to — including 'error' — is a no-op, never a throw.
 */
export class Emitter<Events extends { [K in keyof Events]: (...args: never[]) => void }> {
  // Arrays are replaced, never mutated, so an emit in progress is not disturbed by on/off.
  #listeners: Partial<Record<keyof Events, Listener[]>> = {};

  on<K extends keyof Events>(event: K, listener: Events[K]): this {
    this.#listeners[event] = [...(this.#listeners[event] ?? []), listener as unknown as Listener];
    return this;
  }

  off<K extends keyof Events>(event: K, listener: Events[K]): this {
    const list = this.#listeners[event];
    const drop = listener as unknown;
    if (list) this.#listeners[event] = list.filter((l) => l !== drop && (l as OnceWrapper).listener !== drop);
    return this;
  }

  once<K extends keyof Events>(event: K, listener: Events[K]): this {
    const wrapper: OnceWrapper = (...args) => {
      this.off(event, wrapper as unknown as Events[K]);
      (listener as unknown as Listener)(...args);
    };
    wrapper.listener = listener;
    return this.on(event, wrapper as unknown as Events[K]);
  }

  /** Whether anyone listens to `event` (a store may then skip work only listeners could see). */
  protected hasListeners(event: keyof Events): boolean {
    return !!this.#listeners[event]?.length;
  }

  protected emit<K extends keyof Events>(event: K, ...args: Parameters<Events[K]>): void {
    for (const listener of this.#listeners[event] ?? []) {
      try {
        listener(...args);
      } catch (error) {
        reportListenerError(error);
      }
    }
  }
}
