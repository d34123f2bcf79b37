import { isToolCallSettled, type ToolCallPart } from '../shared/message-parts';
import { errorText } from '../shared/errors';
import type { settleCall } from './reducer';
import type { ClientTools, Message } from './types';

/** What the tool loop needs from the AIStream running the turn. */
export interface ToolLoopHost {
  tools: ClientTools;
  /** The turn's signal: stop() and reset() abort it. */
  signal: AbortSignal;
  /** Results `onToolCall` returned, by call id. */
  answers: Map<string, Promise<unknown>>;
  approvals: Map<string, { approved: boolean; reason?: string | undefined }>;
  /** False once the turn ended (stopped, reset). */
  active(): boolean;
  message(): Message;
  /** Replaces the reply message (and wakes waiters). */
  update(change: (message: Message) => Message): void;
  /** Resolves at the next update, approval decision or end of the turn. */
  wait(): Promise<void>;
  /** The reducer's settleCall, handed over: importing reducer.ts here would make rolldown split it into an up-front chunk of its own. */
  settleCall: typeof settleCall;
}

/** Moves a call to `approval-requested` or `running`. */
function setCallState(message: Message, id: string, state: 'approval-requested' | 'running'): Message {
  const parts = message.parts;
  const index = parts ? parts.findLastIndex((p) => p.type === 'tool-call' && p.id === id) : -1;
  if (index < 0) return message;
  const next = parts!.slice();
  next[index] = { ...(parts![index] as ToolCallPart), state };
  return { ...message, parts: next };
}

/**
 * Answers one call of a finished step: an `onToolCall` result, the tool's `execute`, or
 * `addToolResult` from the UI for a tool without one; asks for approval first where the tool
 * needs it. A throw becomes an error result (the model can recover), never a rejection.
 */
export async function settleToolCall(host: ToolLoopHost, call: ToolCallPart): Promise<void> {
  if (call.state !== 'input-available') return; // arguments that were not JSON: already an error result
  const tool = host.tools[call.name];
  const answer = host.answers.get(call.id);
  const settled = () => {
    const part = host.message().parts?.findLast((p) => p.type === 'tool-call' && p.id === call.id) as ToolCallPart | undefined;
    return !part || isToolCallSettled(part);
  };
  /** Waits until `value()` gives something; undefined once the turn ended. */
  const until = async <T>(value: () => T | false | undefined): Promise<T | undefined> => {
    for (;;) {
      if (!host.active()) return undefined;
      const result = value();
      if (result) return result;
      await host.wait();
    }
  };
  const settle = (output: unknown, error?: string) => {
    if (host.active()) host.update((message) => host.settleCall(message, call.id, output, error));
  };
  try {
    const needsApproval = typeof tool?.needsApproval === 'function' ? await tool.needsApproval(call.args, call) : tool?.needsApproval;
    if (!answer && needsApproval) {
      host.update((message) => setCallState(message, call.id, 'approval-requested'));
      const decision = await until(() => host.approvals.get(call.id) ?? (settled() && { approved: false }));
      if (!decision || settled()) return;
      if (!decision.approved) {
        host.update((message) => host.settleCall(message, call.id, undefined, undefined, decision.reason ?? 'The user denied this tool call'));
        return;
      }
    }
    if (!answer && !tool?.execute) {
      // Approved: it runs in the UI now (approval-requested may only move on to running or denied).
      if (needsApproval) host.update((message) => setCallState(message, call.id, 'running'));
      await until(settled); // addToolResult
      return;
    }
    host.update((message) => setCallState(message, call.id, 'running'));
    settle(answer ? await answer : await tool!.execute!(call.args, { signal: host.signal, toolCall: call }));
  } catch (error) {
    settle(undefined, errorText(error) || 'The tool failed');
  }
}
