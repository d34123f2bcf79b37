/**
 * The body of POST /api/chat, checked: `{ model?, messages: [{ role, content, parts? }], tools? }`.
 * `parts` and `tools` come from the kit client when the page has tools (docs/protocol.md,
 * "Request body"): the conversation with tool calls and results, and the tool definitions.
 */
import type { MessagePart } from '../../src/core/message-parts';
import type { ToolDefinitions } from '../../src/server/index';
import type { ChatMessage } from './providers';

const MAX_MESSAGES = 500;
const MAX_PARTS = 200;
const MAX_TOOLS = 32;
const TOOL_NAME = /^[a-zA-Z0-9_-]{1,64}$/;

export interface ChatRequest {
  model: string | undefined;
  messages: ChatMessage[];
  /** Tools the page offers (never run here: the page runs them). */
  tools: ToolDefinitions;
}

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/** The request, or what is wrong with it (a 400's message). */
export function parseChatRequest(value: unknown): ChatRequest | string {
  if (!isRecord(value)) return 'The body must be a JSON object';
  const { model, messages, tools } = value;
  if (model !== undefined && model !== null && typeof model !== 'string') return '"model" must be a string';
  if (!Array.isArray(messages) || messages.length === 0) return '"messages" must be a non-empty array';
  if (messages.length > MAX_MESSAGES) return `At most ${MAX_MESSAGES} messages`;
  const parsed: ChatMessage[] = [];
  for (const [index, message] of (messages as unknown[]).entries()) {
    const { role, content, parts } = isRecord(message) ? message : {};
    if (role !== 'user' && role !== 'assistant' && role !== 'system') return 'Each message needs a role: user, assistant or system';
    if (typeof content !== 'string') return 'Each message needs a string content';
    if (parts === undefined) {
      parsed.push({ role, content });
      continue;
    }
    const problem = partsProblem(parts);
    if (problem) return `messages[${index}].parts: ${problem}`;
    parsed.push({ role, content, parts: parts as MessagePart[] });
  }
  const definitions = parseTools(tools);
  if (typeof definitions === 'string') return definitions;
  return { model: typeof model === 'string' && model ? model : undefined, messages: parsed, tools: definitions };
}

/** Enough of the shape that the demo model and the converters can rely on the fields they read. */
function partsProblem(parts: unknown): string | undefined {
  if (!Array.isArray(parts)) return 'must be an array';
  if (parts.length > MAX_PARTS) return `at most ${MAX_PARTS} parts`;
  for (const part of parts as unknown[]) {
    if (!isRecord(part) || typeof part.type !== 'string') return 'each part needs a type';
    if ((part.type === 'text' || part.type === 'reasoning') && typeof part.text !== 'string') return `a ${part.type} part needs a string text`;
    // Attachments: inline (data:) or a URL the provider fetches; never a local or script URL.
    if (part.type === 'file' && (typeof part.mediaType !== 'string' || typeof part.url !== 'string' || !/^(data:|https:\/\/)/.test(part.url))) {
      return 'a file part needs a mediaType and a data: or https: url';
    }
    if (part.type === 'tool-call') {
      for (const field of ['id', 'name', 'argsText', 'state']) if (typeof part[field] !== 'string') return `a tool-call part needs a string ${field}`;
    }
  }
  return undefined;
}

function parseTools(tools: unknown): ToolDefinitions | string {
  if (tools === undefined || tools === null) return {};
  if (!isRecord(tools)) return '"tools" must be an object of tool definitions';
  const entries = Object.entries(tools);
  if (entries.length > MAX_TOOLS) return `At most ${MAX_TOOLS} tools`;
  const definitions: Record<string, { description?: string; parameters?: Record<string, unknown> }> = {};
  for (const [name, tool] of entries) {
    if (!TOOL_NAME.test(name)) return `Tool names are letters, digits, _ and - (at most 64): "${name.slice(0, 70)}"`;
    if (!isRecord(tool)) return `Tool "${name}" must be an object`;
    const { description, parameters } = tool;
    if (description !== undefined && typeof description !== 'string') return `Tool "${name}": description must be a string`;
    if (parameters !== undefined && !isRecord(parameters)) return `Tool "${name}": parameters must be a JSON Schema object`;
    definitions[name] = { ...(description !== undefined && { description }), ...(parameters !== undefined && { parameters }) };
  }
  return definitions;
}
