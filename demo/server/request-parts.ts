/** The parts a browser posts with a user message that has attachments: its files and text, checked. */
import type { MessagePart } from '../../src/core/message-parts';

/** The parts, or what is wrong with them. Only text and file parts are taken from the browser. */
export function parseUserParts(value: unknown): MessagePart[] | string {
  if (!Array.isArray(value)) return '"parts" must be an array';
  const parts: MessagePart[] = [];
  for (const part of value as unknown[]) {
    const { type, text, mediaType, url, name, size } = (part ?? {}) as Record<string, unknown>;
    if (type === 'text' && typeof text === 'string') parts.push({ type, text });
    else if (type === 'file') {
      if (typeof mediaType !== 'string' || typeof url !== 'string' || !/^(data:|https:\/\/)/.test(url)) {
        return 'A file part needs a mediaType and a data: or https: url';
      }
      parts.push({ type, mediaType, url, ...(typeof name === 'string' && { name }), ...(typeof size === 'number' && { size }) });
    } else return 'A user message takes text and file parts only';
  }
  return parts;
}
