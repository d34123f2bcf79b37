import type { MessagePart, ToolCallPart, ToolCallState } from '../../src/core/message-parts';

/** A tool-call part in a given state, with its arguments parsed (unless they still stream). */
export function toolPart(state: ToolCallState, over: Partial<ToolCallPart> = {}): ToolCallPart {
  const args = over.args ?? { city: 'Paris', unit: 'celsius' };
  return { type: 'tool-call', id: 'call_weather', name: 'get_weather', argsText: JSON.stringify(args), args, state, ...over };
}

/** A three-step reply: reasoning and two parallel calls, a search with citations, then the answer. */
export const threeStepParts: MessagePart[] = [
  { type: 'step-start' },
  { type: 'reasoning', text: 'The user wants to compare the weather in two cities. I will look both up at once.' },
  { type: 'text', text: 'Let me check both cities.' },
  toolPart('output-available', { id: 'call_paris', args: { city: 'Paris' }, output: { tempC: 18, sky: 'partly cloudy' } }),
  toolPart('output-available', { id: 'call_rome', args: { city: 'Rome' }, output: { tempC: 24, sky: 'sunny' } }),
  { type: 'step-start' },
  { type: 'text', text: 'Rome is warmer. Let me see whether that lasts.' },
  { type: 'tool-call', id: 'call_forecast', name: 'search_web', argsText: '{"query":"Rome weekend forecast"}', args: { query: 'Rome weekend forecast' }, state: 'output-available', output: '3 results' },
  { type: 'step-start' },
  { type: 'text', text: 'Rome is **6 °C warmer** today (24 °C, sunny) than Paris (18 °C, partly cloudy), and the weekend stays sunny there.' },
  { type: 'source', id: 'src_1', url: 'https://weather.example.com/rome', title: 'Rome weekend forecast' },
  { type: 'source', id: 'src_2', url: 'https://news.example.org/europe-heat', citedText: 'Southern Europe stays warm and dry through Sunday.' },
];
