import type { Message as ChatMessage, ToolCall } from '../../src';
import { SCENARIOS, tokenize, type ScenarioId } from './scenarios';

/** A fixed time, so stories render the same every time. */
export const TIMESTAMP = Date.UTC(2025, 0, 15, 9, 30);

export const userMessage = (content: string, id = 'user-1'): ChatMessage => ({ id, role: 'user', content, timestamp: TIMESTAMP });

export const systemMessage = (content: string, id = 'system-1'): ChatMessage => ({ id, role: 'system', content, timestamp: TIMESTAMP });

export const assistantMessage = (overrides: Partial<ChatMessage> = {}): ChatMessage => ({
  id: 'assistant-1',
  role: 'assistant',
  content: '',
  timestamp: TIMESTAMP,
  status: 'complete',
  ...overrides,
});

/** The scenario's tool calls, finished (arguments parsed). */
export function scenarioToolCalls(id: ScenarioId): ToolCall[] | undefined {
  return SCENARIOS[id].toolCalls?.map((call) => ({
    id: call.id,
    name: call.name,
    argsText: JSON.stringify(call.args),
    args: call.args,
    state: 'complete',
  }));
}

/** Tool results by call id, for `Message`'s `toolResults`. */
export function scenarioToolResults(id: ScenarioId): Record<string, unknown> {
  return Object.fromEntries((SCENARIOS[id].toolCalls ?? []).map((call) => [call.id, call.result]));
}

/** The scenario's whole reply as a finished assistant message. */
export function scenarioReply(id: ScenarioId, overrides: Partial<ChatMessage> = {}): ChatMessage {
  const scenario = SCENARIOS[id];
  const completionTokens = tokenize(scenario.text).length + (scenario.reasoning ? tokenize(scenario.reasoning).length : 0);
  return assistantMessage({
    id: `assistant-${id}`,
    content: scenario.text,
    reasoning: scenario.reasoning,
    toolCalls: scenarioToolCalls(id),
    finishReason: scenario.finishReason,
    usage: { promptTokens: scenario.promptTokens, completionTokens, totalTokens: scenario.promptTokens + completionTokens },
    ...overrides,
  });
}
