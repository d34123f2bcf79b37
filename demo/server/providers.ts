import type AnthropicClient from '@anthropic-ai/sdk';
import type OpenAIClient from 'openai';
import type { MessagePart } from '../../src/core/message-parts';
import {
  ConversionError,
  toAnthropicMessages,
  toAnthropicTools,
  toOpenAIChatMessages,
  toOpenAIChatTools,
  type ToolDefinitions,
} from '../../src/server/index';
import type { ModelInfo, ProviderConfig } from './models';

/** The SDKs load on the first request to their provider: the demo model alone never pays for them. */
const sdk: { openai?: typeof OpenAIClient; anthropic?: typeof AnthropicClient } = {};
const loadOpenAI = async () => (sdk.openai ??= (await import('openai')).default);
const loadAnthropic = async () => (sdk.anthropic ??= (await import('@anthropic-ai/sdk')).default);

/** Loads the SDKs of the configured providers in the background, so the first reply does not wait for them. */
export function preloadProviderSDKs(config: ProviderConfig): void {
  if (config.openai) loadOpenAI().catch(() => {});
  if (config.anthropic) loadAnthropic().catch(() => {});
}

type ProviderAPIError = InstanceType<typeof OpenAIClient.APIError> | InstanceType<typeof AnthropicClient.APIError>;

function asProviderError(error: unknown): ProviderAPIError | undefined {
  if (sdk.openai && error instanceof sdk.openai.APIError) return error;
  if (sdk.anthropic && error instanceof sdk.anthropic.APIError) return error;
  return undefined;
}

export interface ChatMessage {
  role: 'user' | 'assistant' | 'system';
  content: string;
  /** With the page's tools: the message in stream order, tool calls and their results included. */
  parts?: MessagePart[];
}

export interface ProviderRequest {
  messages: ChatMessage[];
  /** The page's tools: the model may call them, the page runs them and asks again. */
  tools: ToolDefinitions;
}

/**
 * Opens the provider's stream for the conversation. Tool calls and results go in each
 * provider's shape through the converters of `ai-stream-kit/server`, and the page's tool
 * definitions with them. Resolves once the provider accepted the request (HTTP 200), so a bad
 * key, an unknown model or a rate limit rejects here, before anything was streamed to the
 * browser. The SDKs' own retries are off: the kit's client retries, visibly.
 */
export async function openProviderStream(
  model: ModelInfo,
  config: ProviderConfig,
  { messages, tools }: ProviderRequest,
  signal: AbortSignal,
): Promise<AsyncIterable<unknown>> {
  const hasTools = config.offerTools !== false && Object.keys(tools).length > 0;
  if (model.provider === 'openai' && config.openai) {
    const OpenAI = await loadOpenAI();
    const client = new OpenAI({ apiKey: config.openai.apiKey, baseURL: config.openai.baseURL, maxRetries: 0 });
    return client.chat.completions.create(
      {
        model: model.model,
        messages: toOpenAIChatMessages(messages) as OpenAIClient.ChatCompletionMessageParam[],
        ...(hasTools && { tools: toOpenAIChatTools(tools) as OpenAIClient.ChatCompletionTool[] }),
        stream: true,
        stream_options: { include_usage: true },
      },
      { signal },
    );
  }
  if (model.provider === 'anthropic' && config.anthropic) {
    const Anthropic = await loadAnthropic();
    const client = new Anthropic({ apiKey: config.anthropic.apiKey, baseURL: config.anthropic.baseURL, maxRetries: 0 });
    const { system, messages: turns } = toAnthropicMessages(messages);
    // Anthropic's conversation starts with the user: drop a greeting the page may show first.
    const firstUser = turns.findIndex((turn) => turn.role === 'user');
    return client.messages.create(
      {
        model: model.model,
        max_tokens: 4096,
        ...(system && { system }),
        messages: (firstUser < 0 ? [] : turns.slice(firstUser)) as AnthropicClient.MessageParam[],
        ...(hasTools && { tools: toAnthropicTools(tools) as AnthropicClient.Tool[] }),
        stream: true,
      },
      { signal },
    );
  }
  throw new Error(`No provider configured for ${model.id}`);
}

export interface HttpFailure {
  status: number;
  message: string;
  code: string;
  /** Seconds, for a Retry-After header. */
  retryAfter?: string;
}

/**
 * What the browser is told when the provider refused the request: the provider's own message
 * and code with its status (4xx as is, 5xx as 502 Bad Gateway). Never a stack trace; anything
 * that is not a provider error becomes a plain 500.
 */
export function providerFailure(error: unknown, model: ModelInfo, config: ProviderConfig): HttpFailure {
  // The conversation has something the provider cannot take (e.g. a file type it does not read).
  if (error instanceof ConversionError) return { status: 400, message: error.message, code: 'unsupported_content' };
  const apiError = asProviderError(error);
  if (!apiError) return { status: 500, message: 'Internal server error', code: 'internal_error' };
  const provider = model.provider === 'anthropic' ? 'Anthropic' : 'OpenAI';
  if (apiError.status === undefined) {
    const baseURL = (model.provider === 'anthropic' ? config.anthropic?.baseURL : config.openai?.baseURL) ?? 'its default URL';
    return {
      status: 502,
      message: `Could not reach ${provider} at ${baseURL}: ${apiError.message}`,
      code: 'provider_unreachable',
    };
  }
  const status = apiError.status >= 400 && apiError.status < 500 ? apiError.status : 502;
  const failure: HttpFailure = { status, message: providerMessage(apiError), code: providerCode(apiError) };
  const retryAfter = apiError.headers?.get('retry-after');
  if (retryAfter) failure.retryAfter = retryAfter;
  return failure;
}

function providerMessage(error: ProviderAPIError): string {
  // OpenAI: `error.error` is the body's `error` object. Anthropic: `apiMessage` is `body.error.message`.
  const inner = (error as { error?: { message?: unknown } }).error?.message;
  if (typeof inner === 'string' && inner) return inner;
  const apiMessage = (error as { apiMessage?: unknown }).apiMessage;
  if (typeof apiMessage === 'string' && apiMessage) return apiMessage;
  // The SDKs prefix the status: "401 Incorrect API key provided".
  return error.message.replace(/^\d{3}\s+/, '') || `The provider answered ${error.status}`;
}

function providerCode(error: ProviderAPIError): string {
  const fields = error as { code?: unknown; type?: unknown };
  if (typeof fields.code === 'string' && fields.code) return fields.code;
  if (typeof fields.type === 'string' && fields.type) return fields.type;
  return `http_${error.status}`;
}
