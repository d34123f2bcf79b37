/**
 * Attachments → `file` parts. `send(content, { files })` loads this module on demand, so an app
 * that never attaches a file does not carry it. `editMessage` reuses `userMessageParts`.
 */
import { AIStreamError } from './errors';
import type { FilePart, MessagePart } from './message-parts';
import type { FileInput } from './types';

/** Media types are `type/subtype`; parameters (`;charset=…`) are dropped, as providers take none. */
const MEDIA_TYPE = /^[a-z0-9][\w.+-]*\/[a-z0-9][\w.+-]*$/i;

/** Each input as a `file` part: a File or Blob read once into a `data:` URL, a URL kept as it is. */
export function filesToParts(files: readonly FileInput[]): Promise<FilePart[]> {
  if (!Array.isArray(files)) return Promise.reject(new AIStreamError('invalid', 'files must be an array of File, Blob or { url, mediaType }'));
  return Promise.all(files.map(fileToPart));
}

/** A user message's parts: its files first (as the providers advise for images), then the text. */
export async function userMessageParts(content: string, files: readonly FileInput[]): Promise<MessagePart[]> {
  const parts: MessagePart[] = await filesToParts(files);
  if (content.trim()) parts.push({ type: 'text', text: content });
  return parts;
}

async function fileToPart(file: FileInput): Promise<FilePart> {
  if (typeof Blob !== 'undefined' && file instanceof Blob) {
    const mediaType = file.type.split(';')[0]!.trim().toLowerCase() || 'application/octet-stream';
    if (!MEDIA_TYPE.test(mediaType)) throw new AIStreamError('invalid', `Unsupported file type "${file.type}"`);
    const name = (file as Partial<File>).name;
    const url = `data:${mediaType};base64,${base64(new Uint8Array(await read(file, name)))}`;
    return { type: 'file', mediaType, url, ...(name && { name }), size: file.size };
  }
  const { url, mediaType, name } = (file ?? {}) as Partial<Extract<FileInput, { url: string }>>;
  if (typeof url !== 'string' || typeof mediaType !== 'string') {
    throw new AIStreamError('invalid', 'A file must be a File, a Blob or { url, mediaType, name? }');
  }
  // data: carries the bytes; https: is fetched by the provider. blob: and others exist only in this page.
  if (!/^(data:|https?:\/\/)/i.test(url)) throw new AIStreamError('invalid', `A file URL must be data: or https: (got "${url.slice(0, 24)}")`);
  if (!MEDIA_TYPE.test(mediaType)) throw new AIStreamError('invalid', `Invalid media type "${mediaType}" (expected e.g. image/png)`);
  return { type: 'file', mediaType: mediaType.toLowerCase(), url, ...(typeof name === 'string' && name && { name }) };
}

/** The blob's bytes; FileReader where Blob.arrayBuffer is missing (Safari before 14). A file gone from disk is 'invalid'. */
async function read(blob: Blob, name: string | undefined): Promise<ArrayBuffer> {
  try {
    if (typeof blob.arrayBuffer === 'function') return await blob.arrayBuffer();
    return await new Promise<ArrayBuffer>((resolve, reject) => {
      const reader = new FileReader();
      reader.onload = () => resolve(reader.result as ArrayBuffer);
      reader.onerror = () => reject(reader.error);
      reader.readAsArrayBuffer(blob);
    });
  } catch (error) {
    throw new AIStreamError('invalid', `Could not read the file${name ? ` "${name}"` : ''}`, { cause: error });
  }
}

/** Base64 of bytes, in slices (String.fromCharCode takes a bounded number of arguments). */
function base64(bytes: Uint8Array): string {
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}
