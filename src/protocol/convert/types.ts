/**
 * What the converters take: kit messages as a client sends them (`{ role, content, parts? }`) and
 * tool definitions as `AIStream`'s `tools` option holds them (extra fields such as `execute` are ignored).
 */
import type { MessagePart } from '../../shared/message-parts';

export interface ConvertibleMessage {
  role: 'user' | 'assistant' | 'system';
  /** The text; used only when `parts` is absent. */
  content?: string;
  /** The message in stream order. When present, `content` is ignored. */
  parts?: readonly MessagePart[];
}

/** A JSON Schema object. */
export type JSONSchema = Record<string, unknown>;

export interface ToolDefinition {
  description?: string;
  /** JSON Schema of the arguments object. Default: an object with no properties. */
  parameters?: JSONSchema;
  /**
   * OpenAI strict schema adherence (`strict: true` needs every property required and
   * `additionalProperties: false`). Default false, also for Responses (whose own default is
   * strict). Anthropic ignores it.
   */
  strict?: boolean;
}

export type ToolDefinitions = Readonly<Record<string, ToolDefinition>>;

export interface ConvertOptions {
  /** A system prompt placed before `system` messages of the list. */
  system?: string;
  /**
   * Tool calls that have no outcome yet (no output, error or denial), e.g. a question the user
   * never answered before writing on. Providers reject a call without its result, so by default
   * they are left out of the request ('drop'); 'error' throws a `ConversionError` instead.
   */
  pendingToolCalls?: 'drop' | 'error';
}

/** The conversation cannot be expressed in the provider's request shape. */
export class ConversionError extends Error {
  override readonly name = 'ConversionError';
  constructor(
    message: string,
    /** Index of the offending message in the input list. */
    readonly messageIndex: number,
  ) {
    super(message);
  }
}
