export { toOpenAIChatMessages, type OpenAIChatMessage, type OpenAIChatContentPart, type OpenAIChatToolCall } from './openai-chat';
export { toOpenAIResponsesInput, type OpenAIResponsesInputItem, type OpenAIResponsesContentPart } from './openai-responses';
export { toAnthropicMessages, type AnthropicMessage, type AnthropicContentBlock, type AnthropicRequestMessages } from './anthropic';
export {
  toOpenAIChatTools,
  toOpenAIResponsesTools,
  toAnthropicTools,
  type OpenAIChatTool,
  type OpenAIResponsesTool,
  type AnthropicTool,
} from './tools';
export { ConversionError, type ConvertibleMessage, type ConvertOptions, type JSONSchema, type ToolDefinition, type ToolDefinitions } from './types';
