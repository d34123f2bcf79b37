import Anthropic from '@anthropic-ai/sdk';
import express from 'express';
import { cancelStreamingResponse, createMemoryResumeStore, pipeToResponse, resumeStreamingResponse } from 'ai-stream-kit/server';

const anthropic = new Anthropic(); // reads ANTHROPIC_API_KEY
const resumeStore = createMemoryResumeStore();

export const app = express();
app.use(express.json());

app.post('/api/chat', async (req, res) => {
  // A client that lost the connection comes back with Last-Event-ID: continue where it stopped.
  if (await resumeStreamingResponse(req, res, resumeStore)) return;

  // Text, thinking, tool calls, stop reason and usage, in the kit protocol. The call is made with
  // the signal pipeToResponse gives, so a cancelled reply stops it even before Anthropic answers;
  // a failed call (401, 429, ...) reaches the client as a masked error event.
  await pipeToResponse(
    (signal) =>
      anthropic.messages.create(
        { model: 'claude-sonnet-4-5', max_tokens: 1024, messages: req.body.messages, stream: true },
        { signal },
      ),
    res,
    { resumeStore, enableHeartbeat: true },
  );
});

// Stop: with a resume store the reply outlives its connection, so AIStream.stop() sends
// DELETE /api/chat?streamId=…; this stops the reply and its Anthropic call.
app.delete('/api/chat', (req, res) => cancelStreamingResponse(req, res, resumeStore));
