// Test page for lazy-decode.test.ts: an app that uses AIStream alone, as Vite bundles it. Each
// reply comes from an in-page fetch with the given Content-Type and body.
import { AIStream } from '../../../src/core';

export interface ScriptedReply {
  contentType: string;
  body: string;
}

export interface ReplyOutcome {
  text: string | undefined;
  error?: { code: string; message: string };
}

declare global {
  interface Window {
    __decode: { run(reply: ScriptedReply): Promise<ReplyOutcome> };
  }
}

window.__decode = {
  async run({ contentType, body }) {
    const reply = async () => new Response(body, { headers: { 'Content-Type': contentType } });
    const stream = new AIStream({ endpoint: '/chat', retry: { maxRetries: 0 }, fetch: reply });
    const outcome: ReplyOutcome = { text: undefined };
    await stream.send('Hi').catch((error: { code: string; message: string }) => {
      outcome.error = { code: error.code, message: error.message };
    });
    outcome.text = stream.getMessages()[1]?.content;
    return outcome;
  },
};
