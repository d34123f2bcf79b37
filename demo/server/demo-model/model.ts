import type { MessagePart, ToolCallPart } from '../../../src/core/message-parts';
import type { StreamPart, Usage } from '../../../src/protocol/parts';
import { scriptFor, type Script, type Segment } from './scenarios';
import type { ToolTurn } from './tool-scenarios';
import { estimateTokens, tokenize } from './tokenize';
import { attachmentsScript, fileTokens, lastUserFiles } from './attachments';

/** What the demo model yields: the kit's parts, plus the order to drop the connection (`/cut`). */
export type DemoEvent = StreamPart | { type: 'disconnect' };

export interface DemoModelOptions {
  /** Average output speed. Default 40 tokens/s. */
  tokensPerSecond?: number;
  /** "Thinking" time before the first token, at the default speed. Scaled with the speed. Default 350 ms. */
  firstTokenDelayMs?: number;
}

export interface ChatMessageLike {
  role: string;
  content: string;
  /** The kit client sends parts when tools or attachments are involved (docs/protocol.md, "Request body"). */
  parts?: readonly MessagePart[];
}

export const DEFAULT_TOKENS_PER_SECOND = 40;
export const DEMO_MODEL_ID = 'demo';

/** What the prompt would cost: each message's text (and a few tokens of framing), plus its attachments. */
export function estimatePromptTokens(messages: readonly ChatMessageLike[]): number {
  let tokens = 0;
  for (const message of messages) {
    tokens += estimateTokens(message.content) + 4;
    for (const part of message.parts ?? []) if (part.type === 'file') tokens += fileTokens(part);
  }
  return tokens;
}

/** The last user message: what picks the scenario. */
export function lastUserPrompt(messages: readonly ChatMessageLike[]): string {
  for (let i = messages.length - 1; i >= 0; i--) {
    const message = messages[i];
    if (message?.role === 'user') return message.content;
  }
  return '';
}

/**
 * The tool calls of the turn in progress: the reply after the last user message, which the page
 * sends back with its tools' results to ask for the next step.
 */
export function turnSoFar(messages: readonly ChatMessageLike[], offered: Iterable<string>): ToolTurn {
  const last = messages[messages.length - 1];
  const calls = last?.role === 'assistant' ? (last.parts ?? []).filter((part): part is ToolCallPart => part.type === 'tool-call') : [];
  // Unique in the conversation: earlier turns' calls keep their ids.
  const seen = messages.reduce((count, message) => count + (message.parts ?? []).filter((part) => part.type === 'tool-call').length, 0);
  return { calls, offered: new Set(offered), callId: (name) => `call_${name}_${messages.length}_${seen + 1}` };
}

/**
 * A deterministic stand-in for a language model. It streams a scripted reply at a realistic,
 * slightly uneven pace. Waits end early when `signal` aborts, and the stream then stops.
 */
export class DemoModel {
  readonly tokensPerSecond: number;
  private readonly firstTokenDelayMs: number;

  constructor(options: DemoModelOptions = {}) {
    const tps = options.tokensPerSecond ?? DEFAULT_TOKENS_PER_SECOND;
    this.tokensPerSecond = Number.isFinite(tps) && tps > 0 ? tps : DEFAULT_TOKENS_PER_SECOND;
    this.firstTokenDelayMs = options.firstTokenDelayMs ?? 350;
  }

  /** `tools`: the names of the tools the request offers (the page's client tools). */
  script(messages: readonly ChatMessageLike[], tools: Iterable<string> = []): Script {
    // A message with attachments gets them described back (one step, no tools).
    const files = lastUserFiles(messages);
    if (files.length > 0) return attachmentsScript(files, lastUserPrompt(messages));
    return scriptFor(lastUserPrompt(messages), turnSoFar(messages, tools));
  }

  /** Streams `script`'s reply as parts. Never yields `done`: ending the response is the server's job. */
  async *stream(script: Script, messages: readonly ChatMessageLike[], signal?: AbortSignal): AsyncGenerator<DemoEvent> {
    const promptTokens = estimatePromptTokens(messages);
    let completionTokens = 0;
    let sinceUsage = 0;
    const usage = (): StreamPart => ({ type: 'usage', usage: this.usage(promptTokens, completionTokens) });
    const pace = new Pace(this.tokensPerSecond, signal);
    // Metadata is merged shallowly by the client, so every update carries all results so far.
    const toolResults: Record<string, unknown> = {};

    await pace.wait(this.firstTokenDelayMs * Math.min(1, DEFAULT_TOKENS_PER_SECOND / this.tokensPerSecond));
    let finish: StreamPart = { type: 'finish', reason: 'stop' };

    for (const segment of script.segments) {
      if (signal?.aborted) return;
      for await (const event of this.segment(segment, pace, toolResults)) {
        if (signal?.aborted) return;
        yield event;
        if (event.type === 'text-delta' || event.type === 'reasoning-delta' || event.type === 'tool-call-delta') {
          completionTokens++;
          // Usage while the reply streams, so a usage meter moves with it.
          if (++sinceUsage >= 25) {
            sinceUsage = 0;
            yield usage();
          }
        }
        if (event.type === 'error') finish = { type: 'finish', reason: 'error' };
      }
      if (segment.kind === 'error') break;
      // The page runs the tool and asks again: this step ends here.
      if (segment.kind === 'client-tool') finish = { type: 'finish', reason: 'tool_calls' };
    }
    if (signal?.aborted) return;
    yield usage();
    yield finish;
  }

  private usage(promptTokens: number, completionTokens: number): Usage {
    return { promptTokens, completionTokens, totalTokens: promptTokens + completionTokens };
  }

  private async *segment(segment: Segment, pace: Pace, toolResults: Record<string, unknown>): AsyncGenerator<DemoEvent> {
    switch (segment.kind) {
      case 'text':
        for (const token of tokenize(segment.text)) {
          await pace.token(token);
          yield { type: 'text-delta', delta: token };
        }
        return;
      case 'reasoning':
        for (const token of tokenize(segment.text)) {
          // Reasoning streams a little faster than the answer, as it does with real models.
          await pace.token(token, 1.5);
          yield { type: 'reasoning-delta', delta: token };
        }
        return;
      case 'tool': {
        // The demo server "runs" this tool itself: the client shows it, never runs it.
        yield { type: 'tool-call-start', key: segment.id, id: segment.id, name: segment.name, providerExecuted: true };
        const argsText = JSON.stringify(segment.args);
        for (const token of tokenize(argsText)) {
          await pace.token(token);
          yield { type: 'tool-call-delta', key: segment.id, delta: token };
        }
        yield { type: 'tool-call-end', key: segment.id, args: argsText };
        // "Running" the tool, then its result as metadata the page can show next to the call.
        await pace.wait(segment.runMs * Math.min(1, DEFAULT_TOKENS_PER_SECOND / this.tokensPerSecond));
        toolResults[segment.id] = segment.result;
        yield { type: 'tool-result', id: segment.id, output: segment.result };
        // Also as metadata, for pages that show results with the `toolResults` prop.
        yield { type: 'metadata', metadata: { toolResults: { ...toolResults } } };
        return;
      }
      case 'client-tool': {
        // The page runs this one (not providerExecuted): no result from here.
        yield { type: 'tool-call-start', key: segment.id, id: segment.id, name: segment.name };
        for (const token of tokenize(JSON.stringify(segment.args))) {
          await pace.token(token);
          yield { type: 'tool-call-delta', key: segment.id, delta: token };
        }
        yield { type: 'tool-call-end', key: segment.id };
        return;
      }
      case 'error':
        yield { type: 'error', message: segment.message, code: segment.code, retryable: segment.retryable };
        return;
      case 'cut':
        yield { type: 'disconnect' };
        return;
      case 'pause':
        await pace.wait(segment.ms * Math.min(1, DEFAULT_TOKENS_PER_SECOND / this.tokensPerSecond));
        return;
    }
  }
}

/**
 * Spaces tokens at `tokensPerSecond` on average, with a fixed, repeating jitter (so runs are
 * reproducible) and a short breath after sentences and paragraphs. Sleeps are batched to at least
 * ~4 ms so very high speeds do not drown in timer overhead.
 */
class Pace {
  private debt = 0;
  private count = 0;
  private static readonly JITTER = [1, 0.7, 1.3, 0.9, 1.15, 0.8, 1.25, 0.95, 1.05, 0.85];

  constructor(
    private readonly tokensPerSecond: number,
    private readonly signal: AbortSignal | undefined,
  ) {}

  async token(token: string, speedup = 1): Promise<void> {
    const jitter = Pace.JITTER[this.count++ % Pace.JITTER.length] ?? 1;
    let ms = (1000 / (this.tokensPerSecond * speedup)) * jitter;
    if (/\n\n$/.test(token) || token.startsWith('\n\n')) ms *= 3;
    else if (/[.!?:]$/.test(token)) ms *= 2;
    this.debt += ms;
    if (this.debt >= 4) {
      const wait = this.debt;
      this.debt = 0;
      await this.wait(wait);
    }
  }

  wait(ms: number): Promise<void> {
    return new Promise((resolve) => {
      if (ms <= 0 || this.signal?.aborted) return resolve();
      const done = () => {
        clearTimeout(timer);
        this.signal?.removeEventListener('abort', done);
        resolve();
      };
      const timer = setTimeout(done, ms);
      this.signal?.addEventListener('abort', done);
    });
  }
}
