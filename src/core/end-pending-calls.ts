import { settleCall } from './reducer';
import type { Message } from './types';

/** A turn that ends early leaves no call waiting: running ones fail, approvals are denied. */
export function endPendingCalls(message: Message): Message {
  for (const part of message.parts ?? []) {
    if (part.type !== 'tool-call' || part.providerExecuted) continue;
    if (part.state === 'running') message = settleCall(message, part.id, undefined, 'Stopped before the tool finished');
    else if (part.state === 'approval-requested') message = settleCall(message, part.id, undefined, undefined, 'Stopped before a decision');
  }
  return message;
}
