/** Which models the demo offers: the embedded demo model always, real providers when configured. */

export type Provider = 'demo' | 'openai' | 'anthropic';

export interface ModelInfo {
  /** What the page sends as `model`: `demo`, `openai:<model>`, `anthropic:<model>`. */
  id: string;
  provider: Provider;
  /** The provider's model name. */
  model: string;
  label: string;
}

/** Server-side only: everything needed to call a provider. Never sent to the browser. */
export interface ProviderConfig {
  openai?: { apiKey: string; baseURL?: string; model: string };
  anthropic?: { apiKey: string; baseURL?: string; model: string };
  /** Offer the page's tools to the provider (default). `DEMO_PROVIDER_TOOLS=0` for a model without tool support. */
  offerTools?: boolean;
}

export const DEFAULT_OPENAI_MODEL = 'gpt-4o-mini';
export const DEFAULT_ANTHROPIC_MODEL = 'claude-haiku-4-5';

const nonEmpty = (value: string | undefined) => (value && value.trim() ? value.trim() : undefined);

export function providerConfig(env: Record<string, string | undefined>): ProviderConfig {
  const config: ProviderConfig = {};
  if (env.DEMO_PROVIDER_TOOLS?.trim() === '0') config.offerTools = false;
  const openaiKey = nonEmpty(env.OPENAI_API_KEY);
  if (openaiKey) {
    config.openai = { apiKey: openaiKey, model: nonEmpty(env.OPENAI_MODEL) ?? DEFAULT_OPENAI_MODEL };
    const baseURL = nonEmpty(env.OPENAI_BASE_URL);
    if (baseURL) config.openai.baseURL = baseURL;
  }
  const anthropicKey = nonEmpty(env.ANTHROPIC_API_KEY);
  if (anthropicKey) {
    config.anthropic = { apiKey: anthropicKey, model: nonEmpty(env.ANTHROPIC_MODEL) ?? DEFAULT_ANTHROPIC_MODEL };
    const baseURL = nonEmpty(env.ANTHROPIC_BASE_URL);
    if (baseURL) config.anthropic.baseURL = baseURL;
  }
  return config;
}

/** Real providers first (the page picks the first entry), the demo model last. */
export function availableModels(config: ProviderConfig): ModelInfo[] {
  const models: ModelInfo[] = [];
  if (config.openai) {
    const { model, baseURL } = config.openai;
    models.push({
      id: `openai:${model}`,
      provider: 'openai',
      model,
      label: baseURL ? `${model} (OpenAI-compatible, ${hostOf(baseURL)})` : `${model} (OpenAI)`,
    });
  }
  if (config.anthropic) {
    const { model } = config.anthropic;
    models.push({ id: `anthropic:${model}`, provider: 'anthropic', model, label: `${model} (Anthropic)` });
  }
  models.push({ id: 'demo', provider: 'demo', model: 'demo', label: 'Demo model (offline, deterministic)' });
  return models;
}

function hostOf(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return 'custom URL';
  }
}
