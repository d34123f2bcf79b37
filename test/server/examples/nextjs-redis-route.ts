// app/api/chat/route.ts: the same route on every instance (or serverless function)
import OpenAI from 'openai';
import { createClient } from 'redis';
import { OpenAIAdapter, createCancelResponse, createKitResponse, createResumeResponse } from 'ai-stream-kit/server';
import { createRedisResumeStore } from 'ai-stream-kit/server/redis';

const openai = new OpenAI(); // reads OPENAI_API_KEY
// One client per process, shared by every request.
const redis = await createClient({ url: process.env.REDIS_URL }).on('error', console.error).connect();
const resumeStore = createRedisResumeStore({ client: redis });

export async function POST(request: Request): Promise<Response> {
  const resumed = await createResumeResponse(request, resumeStore);
  if (resumed) return resumed;

  const { messages } = await request.json();
  const completion = openai.chat.completions.create({ model: 'gpt-4o', messages, stream: true });
  return createKitResponse(OpenAIAdapter(completion, { resumeStore, signal: request.signal }));
}

// Stop: AIStream.stop() sends DELETE /api/chat?streamId=…; whichever instance gets it stops the reply.
export const DELETE = (request: Request) => createCancelResponse(request, resumeStore);
