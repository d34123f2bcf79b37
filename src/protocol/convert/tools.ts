/** Tool definitions (`{ [name]: { description, parameters } }`) → each provider's `tools`. */
import type { JSONSchema, ToolDefinitions } from './types';

export interface OpenAIChatTool {
  type: 'function';
  function: { name: string; description?: string; parameters: JSONSchema; strict?: boolean };
}

export interface OpenAIResponsesTool {
  type: 'function';
  name: string;
  description?: string;
  parameters: JSONSchema;
  /**
   * Always set: when `strict` is left out, the Responses API normalizes the schema to strict mode
   * (optional fields become required), so a definition that did not ask for strict gets `false`.
   */
  strict: boolean;
}

export interface AnthropicTool {
  name: string;
  description?: string;
  input_schema: JSONSchema & { type: 'object' };
}

const EMPTY_OBJECT_SCHEMA = { type: 'object', properties: {} } as const;

const described = (description: string | undefined) => (description ? { description } : {});

export function toOpenAIChatTools(tools: ToolDefinitions): OpenAIChatTool[] {
  return Object.entries(tools).map(([name, tool]) => ({
    type: 'function',
    function: {
      name,
      ...described(tool.description),
      parameters: tool.parameters ?? EMPTY_OBJECT_SCHEMA,
      ...(tool.strict ? { strict: true } : {}),
    },
  }));
}

export function toOpenAIResponsesTools(tools: ToolDefinitions): OpenAIResponsesTool[] {
  return Object.entries(tools).map(([name, tool]) => ({
    type: 'function',
    name,
    ...described(tool.description),
    parameters: tool.parameters ?? EMPTY_OBJECT_SCHEMA,
    strict: tool.strict ?? false,
  }));
}

export function toAnthropicTools(tools: ToolDefinitions): AnthropicTool[] {
  return Object.entries(tools).map(([name, tool]) => ({
    name,
    ...described(tool.description),
    input_schema: { ...(tool.parameters ?? EMPTY_OBJECT_SCHEMA), type: 'object' },
  }));
}
