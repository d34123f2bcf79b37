import type { StreamPart, ToolCallKey, Usage } from '../../../src/protocol/parts';

export interface FoldedToolCall {
  id: string;
  name: string;
  args: string;
  ended: boolean;
}

export interface Folded {
  text: string;
  reasoning: string;
  toolCalls: FoldedToolCall[];
  finish: string | undefined;
  usage: Partial<Usage>;
  metadata: Record<string, unknown>;
  errors: { message: string; code?: string; retryable?: boolean }[];
  done: boolean;
}

/** A minimal stand-in for the core's reducer: just enough to check what a stream means. */
export function fold(parts: readonly StreamPart[]): Folded {
  const calls = new Map<ToolCallKey, FoldedToolCall>();
  const folded: Folded = {
    text: '',
    reasoning: '',
    toolCalls: [],
    finish: undefined,
    usage: {},
    metadata: {},
    errors: [],
    done: false,
  };
  for (const part of parts) {
    if (folded.done) throw new Error(`part after done: ${JSON.stringify(part)}`);
    switch (part.type) {
      case 'text-delta':
        folded.text += part.delta;
        break;
      case 'reasoning-delta':
        folded.reasoning += part.delta;
        break;
      case 'tool-call-start':
        calls.set(part.key, { id: part.id, name: part.name, args: '', ended: false });
        break;
      case 'tool-call-delta': {
        const call = calls.get(part.key);
        if (!call) throw new Error(`delta for unknown tool call ${part.key}`);
        call.args += part.delta;
        break;
      }
      case 'tool-call-end': {
        const call = calls.get(part.key);
        if (!call) break; // as the core does: an ended block that is no tool call
        call.ended = true;
        if (part.args !== undefined) call.args = part.args;
        break;
      }
      case 'usage':
        folded.usage = { ...folded.usage, ...part.usage };
        break;
      case 'finish':
        folded.finish = part.reason;
        break;
      case 'metadata':
        folded.metadata = { ...folded.metadata, ...part.metadata };
        break;
      case 'error': {
        const { type: _type, ...error } = part;
        folded.errors.push(error);
        break;
      }
      case 'done':
        folded.done = true;
        break;
    }
  }
  folded.toolCalls = [...calls.values()];
  return folded;
}
