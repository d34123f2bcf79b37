// app/api/chat/route.ts — writing the events yourself
import { createStreamingResponse } from 'ai-stream-kit/server';

export async function POST(request: Request): Promise<Response> {
  const { messages } = await request.json();
  const { response, stream } = createStreamingResponse({ signal: request.signal, enableHeartbeat: true });

  // Runs after the Response is returned; `stream.signal` fires if the client goes away.
  void (async () => {
    try {
      stream.start({ model: 'echo-1' });
      for (const word of String(messages.at(-1).content).split(' ')) {
        if (stream.signal.aborted) return;
        stream.sendToken(`${word} `);
        await stream.ready();
      }
      stream.sendToolCallStart('t1', 'call_1', 'save_note');
      stream.sendToolCallDelta('t1', '{"text":"hi"}');
      stream.sendToolCallEnd('t1');
      stream.sendUsage({ promptTokens: 5, completionTokens: 3 });
      stream.sendFinish('tool_calls');
      stream.end();
    } catch (error) {
      stream.abort(error);
    }
  })();

  return response;
}
