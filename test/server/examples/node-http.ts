import { createServer } from 'node:http';
import OpenAI from 'openai';
import { StreamingResponse } from 'ai-stream-kit/server';

const openai = new OpenAI(); // reads OPENAI_API_KEY

export const server = createServer(async (req, res) => {
  if (req.method !== 'POST' || req.url !== '/api/chat') return void res.writeHead(404).end();
  let body = '';
  for await (const chunk of req) body += chunk;
  const { messages } = JSON.parse(body);

  const stream = new StreamingResponse(res, { enableHeartbeat: true });
  stream.start();
  try {
    const completion = await openai.chat.completions.create(
      { model: 'gpt-4o', messages, stream: true, stream_options: { include_usage: true } },
      { signal: stream.signal }, // the client leaves → the OpenAI request is cancelled
    );
    for await (const chunk of completion) {
      const choice = chunk.choices[0];
      if (choice?.delta.content) stream.sendToken(choice.delta.content);
      if (choice?.finish_reason) stream.sendFinish(choice.finish_reason);
      if (chunk.usage) {
        stream.sendUsage({
          promptTokens: chunk.usage.prompt_tokens,
          completionTokens: chunk.usage.completion_tokens,
          totalTokens: chunk.usage.total_tokens,
        });
      }
      await stream.ready(); // write no faster than the client reads
    }
    stream.end();
  } catch (error) {
    stream.abort(error); // the client gets a generic message and a code; the error goes to console.error
  }
});
