// app/api/chat/route.ts
import OpenAI from 'openai';
import { OpenAIAdapter, createKitResponse } from 'ai-stream-kit/server';

const openai = new OpenAI(); // reads OPENAI_API_KEY

export async function POST(request: Request): Promise<Response> {
  const { messages } = await request.json();
  const completion = openai.chat.completions.create(
    { model: 'gpt-4o', messages, stream: true, stream_options: { include_usage: true } },
    { signal: request.signal },
  );
  return createKitResponse(OpenAIAdapter(completion));
}
