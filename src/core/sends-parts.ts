import type { RequestContext } from './types';

/** Tools, tool calls or attachments: the body goes through the converters (tool-request-body.ts). */
export function sendsParts({ messages, tools }: Pick<RequestContext, 'messages' | 'tools'>): boolean {
  for (const _name in tools) return true;
  return messages.some((m) => m.parts?.some((part) => part.type === 'tool-call' || part.type === 'file'));
}
