import { AIStreamError } from '../shared/errors';
import { loadDecoders } from './decoders';
import type { JSONDialect } from './detect-format';
import type { StreamPart } from './parts';

/**
 * Decodes a JSON body (`application/json`) as one complete, non-streaming reply: what a server
 * that ignored `stream: true` sends. Reads an OpenAI chat completion, a Responses API object,
 * an Anthropic message, an Ollama reply (`done: true`) and the error objects of those APIs,
 * loading that provider's decoder.
 *
 * Anything else is not a reply: a protocol error (never retried, unlike a dropped stream) that
 * quotes the start of the body.
 */
export async function decodeJSONReply(body: string): Promise<StreamPart[]> {
  let reply: Record<string, unknown> = {};
  try {
    reply = Object(JSON.parse(body));
  } catch {
    // not JSON at all: reported below
  }
  const dialect = replyDialect(reply);
  if (!dialect) {
    throw new AIStreamError('protocol', `Expected a streaming response but got application/json: ${body.slice(0, 100)}`);
  }
  return (await loadDecoders[dialect]()).replyDecoder(reply);
}

function replyDialect({ object, type, content, choices, error, done }: Record<string, unknown>): JSONDialect | undefined {
  const nestedError = typeof error === 'object' && error !== null;
  if (object === 'response') return 'openai-responses';
  if (type === 'message' && Array.isArray(content)) return 'anthropic';
  // Anthropic nests the error object; Responses puts code and message at the top level.
  if (type === 'error') return nestedError ? 'anthropic' : 'openai-responses';
  if (Array.isArray(choices) || nestedError) return 'openai-chat';
  return done === true ? 'ollama' : undefined;
}
