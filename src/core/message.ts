import type { Message } from './types';

let counter = 0;
/** Ids need to be unique within a page, not secret (crypto.randomUUID needs a secure context). */
export function createId(prefix = 'msg'): string {
  return `${prefix}_${Date.now().toString(36)}${(counter++).toString(36)}${Math.random().toString(36).slice(2, 8)}`;
}

export function createAssistantMessage(id = createId()): Message {
  return { id, role: 'assistant', content: '', timestamp: Date.now(), status: 'streaming' };
}
