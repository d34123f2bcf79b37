import type { Message, RequestContext } from './types';

/** A failed or empty reply is not sent back: providers reject empty assistant turns. */
function history(messages: Message[]) {
  return messages.filter((m) => m.content || m.role === 'user').map((m) => ({ role: m.role, content: m.content }));
}

/**
 * The JSON body `send()` posts when `config.body` is not given, shaped for the endpoint's
 * wire format so a thin proxy can forward it to the provider unchanged.
 */
export function buildRequestBody({ messages, model, systemPrompt, protocol, body }: RequestContext): unknown {
  if (protocol === 'anthropic') {
    // Anthropic takes the system prompt as a top-level field, never as a message role.
    const system = [systemPrompt, ...messages.filter((m) => m.role === 'system').map((m) => m.content)]
      .filter(Boolean)
      .join('\n\n');
    return {
      model,
      system: system || undefined,
      messages: history(messages.filter((m) => m.role !== 'system')),
      max_tokens: 4096,
      stream: true,
      ...body,
    };
  }
  if (protocol === 'openai-responses') {
    return { model, instructions: systemPrompt, input: history(messages), stream: true, ...body };
  }
  const system = systemPrompt ? [{ role: 'system', content: systemPrompt }] : [];
  return {
    model,
    messages: [...system, ...history(messages)],
    stream: true,
    ...(protocol === 'openai-chat' && { stream_options: { include_usage: true } }),
    ...body,
  };
}
