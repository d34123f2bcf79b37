import { afterEach, describe, expect, it, vi } from 'vitest';
import { Emitter } from '../../src/core/emitter';

interface Events {
  ping: (n: number) => void;
  error: (error: Error) => void;
}

class TestEmitter extends Emitter<Events> {
  fire<K extends keyof Events>(event: K, ...args: Parameters<Events[K]>) {
    this.emit(event, ...args);
  }
}

afterEach(() => vi.unstubAllGlobals());

describe('Emitter', () => {
  it("emitting 'error' (or anything) with no listener is a no-op", () => {
    const emitter = new TestEmitter();
    expect(() => emitter.fire('error', new Error('nobody listens'))).not.toThrow();
  });

  it('calls listeners in order; off and once work; adding during an emit waits for the next one', () => {
    const emitter = new TestEmitter();
    const calls: string[] = [];
    const late = (n: number) => calls.push(`late${n}`);
    emitter.on('ping', (n) => {
      calls.push(`a${n}`);
      emitter.on('ping', late);
    });
    emitter.once('ping', (n) => calls.push(`once${n}`));
    emitter.fire('ping', 1);
    emitter.off('ping', late);
    emitter.fire('ping', 2);
    expect(calls).toEqual(['a1', 'once1', 'a2']);
  });

  it('off() removes a once listener by its original function', () => {
    const emitter = new TestEmitter();
    const listener = vi.fn();
    emitter.once('ping', listener).off('ping', listener);
    emitter.fire('ping', 1);
    expect(listener).not.toHaveBeenCalled();
  });

  it('reports a throwing listener with reportError and keeps calling the others', () => {
    const reportError = vi.fn();
    vi.stubGlobal('reportError', reportError);
    const emitter = new TestEmitter();
    const after = vi.fn();
    emitter.on('ping', () => {
      throw new Error('boom');
    });
    emitter.on('ping', after);
    expect(() => emitter.fire('ping', 1)).not.toThrow();
    expect(after).toHaveBeenCalledWith(1);
    expect(reportError).toHaveBeenCalledWith(new Error('boom'));
  });

  it('without reportError, rethrows from a microtask (never into the emitter)', () => {
    vi.stubGlobal('reportError', undefined);
    const tasks: Array<() => void> = [];
    vi.stubGlobal('queueMicrotask', (task: () => void) => tasks.push(task));
    const emitter = new TestEmitter();
    emitter.on('ping', () => {
      throw new Error('later');
    });
    expect(() => emitter.fire('ping', 1)).not.toThrow();
    expect(tasks).toHaveLength(1);
    expect(() => tasks[0]!()).toThrow('later');
  });
});
