/**
 * The normalized part model. Every wire format decodes into these; one reducer
 * (`applyPart` in core/reducer.ts) folds them into the assistant message.
 */

/** Why the model stopped. Provider values are mapped onto these; unknown ones pass through. */
export type FinishReason =
  | 'stop'
  | 'length'
  | 'tool_calls'
  | 'content_filter'
  | 'error'
  | 'aborted'
  | (string & {});

export interface Usage {
  promptTokens: number;
  completionTokens: number;
  totalTokens: number;
}

/**
 * Tool calls are addressed by `key`: the provider's own handle for the call inside one
 * reply (OpenAI Chat `index`, Anthropic content-block `index`, Responses `item_id`).
 * `id` is the call id the model gives (what a tool result must refer to).
 */
export type ToolCallKey = string | number;

export type StreamPart =
  | { type: 'text-delta'; delta: string }
  | { type: 'reasoning-delta'; delta: string }
  /**
   * Anthropic: the signature of the thinking block just streamed, or a redacted block's data.
   * OpenAI Responses: the id (and encrypted content) of the reasoning item just streamed. Kept
   * on the reasoning part so the block can be sent back (a tool loop with thinking needs it).
   */
  | { type: 'reasoning-signature'; signature?: string; redactedData?: string; itemId?: string; encryptedContent?: string }
  /** `providerExecuted`: the provider runs this tool itself (Anthropic server tools); the client never does. */
  | { type: 'tool-call-start'; key: ToolCallKey; id: string; name: string; providerExecuted?: boolean }
  | { type: 'tool-call-delta'; key: ToolCallKey; delta: string }
  /** `args`, when given, is the complete argument text and replaces what the deltas built. */
  | { type: 'tool-call-end'; key: ToolCallKey; args?: string }
  /** The result of a tool the server ran (call `id`): its output, or `errorText` when it failed. */
  | { type: 'tool-result'; id: string; output?: unknown; errorText?: string }
  /** A citation (Anthropic `citations_delta`, OpenAI Responses `url_citation`, kit `source`). */
  | { type: 'source'; id: string; url?: string; title?: string; citedText?: string; documentIndex?: number; fileId?: string }
  /** Custom data for generative UI; a later part with the same `name` and `id` replaces it. */
  | { type: 'data'; name: string; data: unknown; id?: string }
  /** A boundary between steps of one reply (the reply goes on after tool results). */
  | { type: 'step-start' }
  /** Fields given are absolute values for the current reply (not increments). */
  | { type: 'usage'; usage: Partial<Usage> }
  | { type: 'finish'; reason: FinishReason }
  | { type: 'metadata'; metadata: Record<string, unknown> }
  /** The stream states who speaks (OpenAI `delta.role`, Anthropic `message_start`); not message state. */
  | { type: 'role'; role: string }
  /** An error the server reported inside the stream. */
  | { type: 'error'; message: string; code?: string; retryable?: boolean }
  /** The server says the reply is complete; nothing after it belongs to this reply. */
  | { type: 'done' };

/** One Server-Sent Event as eventsource-parser hands it over. */
export interface SSEEvent {
  event?: string | undefined;
  data: string;
  id?: string | undefined;
}

/** A decoder turns one event into zero or more parts. Pure: no state between calls. */
export type Decoder = (event: SSEEvent) => StreamPart[];

export type WireFormat = 'kit' | 'openai-chat' | 'openai-responses' | 'anthropic' | 'text' | 'ndjson';
