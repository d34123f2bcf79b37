// app/api/chat/route.ts — a conversation with tool calls and results, forwarded to Anthropic
import Anthropic from '@anthropic-ai/sdk';
import { AnthropicAdapter, createKitResponse, toAnthropicMessages, toAnthropicTools } from 'ai-stream-kit/server';

const anthropic = new Anthropic(); // reads ANTHROPIC_API_KEY

const tools = toAnthropicTools({
  get_weather: {
    description: 'Current weather in a city',
    parameters: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] },
  },
});

export async function POST(request: Request): Promise<Response> {
  const { messages } = await request.json(); // kit messages: { role, content, parts? }
  const { system, messages: conversation } = toAnthropicMessages(messages, { system: 'Answer briefly.' });
  const reply = anthropic.messages.create(
    { model: 'claude-haiku-4-5', max_tokens: 1024, system, messages: conversation, tools, stream: true },
    { signal: request.signal },
  );
  return createKitResponse(AnthropicAdapter(reply));
}
