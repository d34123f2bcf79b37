// server.ts: every instance behind the load balancer runs this file
import express from 'express';
import OpenAI from 'openai';
import { createClient } from 'redis';
import { cancelStreamingResponse, pipeToResponse, resumeStreamingResponse } from 'ai-stream-kit/server';
import { createRedisResumeStore } from 'ai-stream-kit/server/redis';

const openai = new OpenAI(); // reads OPENAI_API_KEY
const redis = await createClient({ url: process.env.REDIS_URL }).on('error', console.error).connect();
const resumeStore = createRedisResumeStore({ client: redis });

export const app = express();
app.use(express.json());

app.post('/api/chat', async (req, res) => {
  // The reconnect may land on any instance: it replays from Redis, then follows the live reply.
  if (await resumeStreamingResponse(req, res, resumeStore)) return;
  const completion = openai.chat.completions.create({ model: 'gpt-4o', messages: req.body.messages, stream: true });
  await pipeToResponse(completion, res, { resumeStore, provider: 'openai' });
});

// Stop (AIStream.stop() sends DELETE /api/chat?streamId=…) from any instance: the reply and its
// model call are stopped wherever they run. Pass `authorize` so only the stream's owner can.
app.delete('/api/chat', (req, res) => cancelStreamingResponse(req, res, resumeStore));
