import type { JSONDialect } from './detect-format';
import type { Decoder, StreamPart } from './parts';

/** Decodes an already-parsed event object of one dialect. */
export type ObjectDecoder = (value: unknown) => StreamPart[];

/** What every provider module exports under the same names, so it can be loaded on demand. */
export interface ProviderDecoders {
  /** Decodes one SSE event (Ollama has no SSE format). */
  sseDecoder?: Decoder;
  /** Decodes one parsed event object (an NDJSON line). */
  objectDecoder: ObjectDecoder;
  /** Decodes a whole non-streaming reply (an `application/json` body), `done` aside. */
  replyDecoder: ObjectDecoder;
}

/**
 * The provider decoders live in chunks of their own, loaded when a body turns out to speak
 * their dialect: an app that talks to a kit server never downloads them. The module system
 * caches each one, so only the first reply of a dialect waits for it.
 */
export const loadDecoders: Record<JSONDialect, () => Promise<ProviderDecoders>> = {
  'openai-chat': () => import('./openai-chat'),
  'openai-responses': () => import('./openai-responses'),
  anthropic: () => import('./anthropic'),
  ollama: () => import('./ollama'),
};
