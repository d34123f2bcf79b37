import type { ConvertibleMessage, ToolDefinitions } from '../protocol/convert/types';
import type { ClientTools, Message, RequestContext } from './types';

/** The definitions a request carries: what the model needs to know, never `execute`. */
function definitions(tools: ClientTools | undefined): ToolDefinitions {
  const result: Record<string, { description?: string; parameters?: Record<string, unknown>; strict?: boolean }> = {};
  for (const [name, { description, parameters, strict }] of Object.entries(tools ?? {})) result[name] = { description, parameters, strict };
  return result;
}

/**
 * A failed or empty reply is not sent back; a reply made only of tool calls is. The reply in
 * flight ends with the `step-start` of the step being asked for: that boundary is not sent.
 */
function conversation(messages: Message[]): ConvertibleMessage[] {
  return messages
    .filter((m) => m.role === 'user' || m.content || m.parts?.some((part) => part.type === 'tool-call'))
    .map(({ role, content, parts }) => {
      if (!parts) return { role, content };
      return { role, content, parts: parts.at(-1)?.type === 'step-start' ? parts.slice(0, -1) : parts };
    });
}

/**
 * The request body when tools are involved, in the endpoint's wire format: the conversation with
 * tool calls and results (converted by the same converters `ai-stream-kit/server` exports) and
 * the tool definitions. The kit protocol (and 'auto') sends messages with their parts as they
 * are, and the definitions as `tools: { name: { description, parameters } }`. Each provider's
 * converter loads on demand, like its decoder.
 */
export async function buildToolRequestBody({ messages, model, systemPrompt, protocol, body, tools }: RequestContext): Promise<unknown> {
  const history = conversation(messages);
  const defined = definitions(tools);
  const hasTools = Object.keys(defined).length > 0;
  const system = systemPrompt || undefined;
  if (protocol === 'openai-chat') {
    const [{ toOpenAIChatMessages }, { toOpenAIChatTools }] = await Promise.all([import('../protocol/convert/openai-chat'), import('../protocol/convert/tools')]);
    return {
      model,
      messages: toOpenAIChatMessages(history, { system }),
      ...(hasTools && { tools: toOpenAIChatTools(defined) }),
      stream: true,
      stream_options: { include_usage: true },
      ...body,
    };
  }
  if (protocol === 'anthropic') {
    const [{ toAnthropicMessages }, { toAnthropicTools }] = await Promise.all([import('../protocol/convert/anthropic'), import('../protocol/convert/tools')]);
    const converted = toAnthropicMessages(history, { system });
    return {
      model,
      system: converted.system,
      messages: converted.messages,
      ...(hasTools && { tools: toAnthropicTools(defined) }),
      max_tokens: 4096,
      stream: true,
      ...body,
    };
  }
  if (protocol === 'openai-responses') {
    const [{ toOpenAIResponsesInput }, { toOpenAIResponsesTools }] = await Promise.all([
      import('../protocol/convert/openai-responses'),
      import('../protocol/convert/tools'),
    ]);
    return {
      model,
      instructions: system,
      input: toOpenAIResponsesInput(history),
      ...(hasTools && { tools: toOpenAIResponsesTools(defined) }),
      stream: true,
      ...body,
    };
  }
  const systemMessages = system ? [{ role: 'system', content: system }] : [];
  return { model, messages: [...systemMessages, ...history], ...(hasTools && { tools: defined }), stream: true, ...body };
}
