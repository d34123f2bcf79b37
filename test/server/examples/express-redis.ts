// server.ts: every instance behind the load balancer runs this file
import express from 'express';
import OpenAI from 'openai';
import { createClient } from 'redis';
import { pipeToResponse, resumeStreamingResponse } from 'ai-stream-kit/server';
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

// Stop from any instance: the reply (and its model call) is aborted wherever it runs.
app.post('/api/chat/stop', async (req, res) => {
  // Check here that req.body.streamId belongs to the user asking.
  res.json({ stopped: await resumeStore.cancel(req.body.streamId) });
});
