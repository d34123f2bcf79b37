import { useEffect, useState } from 'react';

export interface ModelInfo {
  id: string;
  provider: 'demo' | 'openai' | 'anthropic';
  model: string;
  label: string;
}

export interface ModelsState {
  models: ModelInfo[];
  /** Scenario commands the demo model understands. */
  scenarios: Array<{ command: string; description: string }>;
  tokensPerSecond: number | undefined;
  error: string | undefined;
  loading: boolean;
}

/** What the server has configured (GET /api/models). Keys never come back: only model names. */
export function useModels(): ModelsState {
  const [state, setState] = useState<ModelsState>({ models: [], scenarios: [], tokensPerSecond: undefined, error: undefined, loading: true });
  useEffect(() => {
    const controller = new AbortController();
    fetch('/api/models', { signal: controller.signal })
      .then(async (response) => {
        if (!response.ok) throw new Error(`GET /api/models answered ${response.status}`);
        const body = (await response.json()) as Omit<ModelsState, 'error' | 'loading'>;
        setState({ ...body, error: undefined, loading: false });
      })
      .catch((error: unknown) => {
        if (controller.signal.aborted) return;
        setState((previous) => ({ ...previous, loading: false, error: error instanceof Error ? error.message : String(error) }));
      });
    return () => controller.abort();
  }, []);
  return state;
}
