/**
 * A minimal tool loop for the tests: asks the model, appends its step to one assistant message as
 * parts, settles each call, and asks again until the model answers without calls. What the
 * client tool loop will do, reduced to what exercising the converters needs.
 */
import type { ConvertibleMessage } from 'ai-stream-kit/server';
import type { MessagePart, ToolCallPart } from '../../../src/core/message-parts';
import { dataUrl, png } from '../../helpers/images';

/** One model reply, as the SDK's final message gives it. */
export interface ModelStep {
  reasoning?: { text: string; signature?: string };
  text: string;
  toolCalls: { id: string; name: string; args: Record<string, unknown> }[];
}

export type CallModel = (messages: readonly ConvertibleMessage[]) => Promise<ModelStep>;

/** How a call ends: an output, an error (a thrown tool) or a denial. */
export type Outcome = Pick<ToolCallPart, 'state' | 'output' | 'errorText' | 'denialReason'>;
export type Settle = (call: ModelStep['toolCalls'][number]) => Outcome | Promise<Outcome>;

export async function runTurn(messages: ConvertibleMessage[], callModel: CallModel, settle: Settle, maxSteps = 5): Promise<ConvertibleMessage> {
  const parts: MessagePart[] = [];
  const assistant: ConvertibleMessage = { role: 'assistant', parts };
  for (let step = 0; step < maxSteps; step++) {
    const reply = await callModel([...messages, ...(parts.length > 0 ? [assistant] : [])]);
    parts.push({ type: 'step-start' });
    if (reply.reasoning) parts.push({ type: 'reasoning', text: reply.reasoning.text, ...(reply.reasoning.signature ? { signature: reply.reasoning.signature } : {}) });
    if (reply.text) parts.push({ type: 'text', text: reply.text });
    const calls: ToolCallPart[] = reply.toolCalls.map((call) => ({
      type: 'tool-call',
      id: call.id,
      name: call.name,
      argsText: JSON.stringify(call.args),
      args: call.args,
      state: 'input-available',
    }));
    parts.push(...calls);
    if (calls.length === 0) break;
    const outcomes = await Promise.all(reply.toolCalls.map(settle));
    calls.forEach((call, i) => Object.assign(call, outcomes[i]));
  }
  messages.push(assistant);
  return assistant;
}

export const PDF_DATA_URL = `data:application/pdf;base64,${Buffer.from('%PDF-1.4 itinerary').toString('base64')}`;
export const PNG_DATA_URL = dataUrl('image/png', png(2, 2));

/** Tools of the scenario, in each provider's converter input shape. */
export const tools = {
  get_weather: { description: 'Weather in a city', parameters: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] } },
  delete_note: { description: 'Deletes a note', parameters: { type: 'object', properties: { id: { type: 'number' } } } },
  flaky: { description: 'Fails', parameters: { type: 'object', properties: {} } },
  get_time: { description: "The user's local time" },
};

/** Settles the scenario's calls: weather answers, delete_note is denied, flaky throws. */
export const settleScenario: Settle = async ({ name, args }) => {
  if (name === 'get_weather') return { state: 'output-available', output: { city: args.city, celsius: args.city === 'Paris' ? 18 : 24 } };
  if (name === 'delete_note') return { state: 'output-denied', denialReason: 'keep my notes' };
  if (name === 'flaky') return { state: 'output-error', errorText: 'flaky: service unavailable' };
  return { state: 'output-available', output: '14:05' };
};

/** Four steps: parallel weather calls, a denial next to an error, a plain call, the answer. */
export const scenarioSteps = [
  { text: 'Checking both cities.', toolCalls: [{ id: 'call_paris', name: 'get_weather', args: { city: 'Paris' } }, { id: 'call_rome', name: 'get_weather', args: { city: 'Rome' } }] },
  { toolCalls: [{ id: 'call_del', name: 'delete_note', args: { id: 7 } }, { id: 'call_flaky', name: 'flaky', args: {} }] },
  { text: 'One more thing.', toolCalls: [{ id: 'call_time', name: 'get_time', args: {} }] },
  { text: 'Paris 18°C, Rome 24°C; I kept your note.' },
];

export const firstUserMessage = (): ConvertibleMessage => ({
  role: 'user',
  parts: [
    { type: 'text', text: 'Plan my trip from this itinerary and photo.' },
    { type: 'file', mediaType: 'application/pdf', url: PDF_DATA_URL, name: 'itinerary.pdf', size: 18 },
    { type: 'file', mediaType: 'image/png', url: PNG_DATA_URL, name: 'photo.png' },
  ],
});
