/**
 * Wire-format builders for tests: kit-protocol replies and OpenAI Chat Completions chunks,
 * as the SSE strings a server writes (pair with `respond` from ./server).
 */
import { sse } from './server';

export interface KitReplyOptions {
  /** Prefix of the event ids (`<streamId>-<seq>`). Default 's1'. */
  streamId?: string;
  /** false: events carry no `id:` (a server that cannot resume). */
  ids?: boolean;
  usage?: { promptTokens?: number; completionTokens?: number; totalTokens?: number };
  /** The `finish` reason. Default 'stop'. */
  reason?: string;
}

/** A complete kit reply: start, one `token` event per token, usage?, finish, done. */
export function kitReply(tokens: string[], options: KitReplyOptions = {}): string[] {
  const streamId = options.streamId ?? 's1';
  let seq = 0;
  const event = (name: string, data: unknown) =>
    sse(data, { event: name, ...(options.ids === false ? {} : { id: `${streamId}-${++seq}` }) });
  return [
    event('start', { streamId }),
    ...tokens.map((token, index) => event('token', { token, index })),
    ...(options.usage ? [event('usage', options.usage)] : []),
    event('finish', { reason: options.reason ?? 'stop' }),
    event('done', {}),
  ];
}

/** One OpenAI Chat Completions stream chunk (`data: {...}`). */
export function chatChunk(
  delta: Record<string, unknown>,
  extra: { finish_reason?: string | null; usage?: Record<string, number> | null; choices?: unknown[] } = {},
): string {
  return sse({
    id: 'chatcmpl-test',
    object: 'chat.completion.chunk',
    created: 1_700_000_000,
    model: 'gpt-4o',
    choices: extra.choices ?? [{ index: 0, delta, finish_reason: extra.finish_reason ?? null }],
    ...(extra.usage !== undefined && { usage: extra.usage }),
  });
}

export const CHAT_DONE = 'data: [DONE]\n\n';
