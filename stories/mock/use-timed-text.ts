import { useEffect, useState } from 'react';
import { tokenize } from './scenarios';

export interface TimedText {
  /** The text so far. */
  content: string;
  /** Still appending. */
  streaming: boolean;
  /** Starts again from the beginning. */
  restart: () => void;
}

/**
 * Appends `text` token by token on a timer (no fetch involved), for components that take the
 * text as a prop. Same pacing as the mock endpoint: a tick every 1000 / tokensPerSecond ms (at
 * least 16 ms) with as many tokens as are due.
 */
export function useTimedText(text: string, tokensPerSecond: number, { startDelay = 0 }: { startDelay?: number } = {}): TimedText {
  const [run, setRun] = useState(0);
  const [state, setState] = useState({ content: '', streaming: true });

  useEffect(() => {
    const tokens = tokenize(text);
    const instant = !(tokensPerSecond > 0) || !Number.isFinite(tokensPerSecond);
    const interval = instant ? 0 : Math.max(1000 / tokensPerSecond, 16);
    const perTick = instant ? Infinity : (tokensPerSecond * interval) / 1000;
    let emitted = 0;
    let tick = 0;
    let timer: ReturnType<typeof setTimeout>;
    setState({ content: '', streaming: true });
    const step = () => {
      tick++;
      emitted = Math.min(tokens.length, instant ? tokens.length : Math.floor(tick * perTick));
      const done = emitted >= tokens.length;
      setState({ content: tokens.slice(0, emitted).join(''), streaming: !done });
      if (!done) timer = setTimeout(step, interval);
    };
    timer = setTimeout(step, startDelay);
    return () => clearTimeout(timer);
  }, [text, tokensPerSecond, startDelay, run]);

  return { ...state, restart: () => setRun((n) => n + 1) };
}
