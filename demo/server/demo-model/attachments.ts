/** The demo model's reply to attached files: what each one is (an image's format and size, a document's type and size). */
import type { FilePart, MessagePart } from '../../../src/core/message-parts';
import { formatBytes } from '../../../src/ui/format-bytes';
import { imageInfo } from './image-info';
import type { Script } from './scenarios';

/** The files of the last user message. */
export function lastUserFiles(messages: readonly { role: string; parts?: readonly MessagePart[] | undefined }[]): FilePart[] {
  for (let i = messages.length - 1; i >= 0; i--) {
    const message = messages[i]!;
    if (message.role === 'user') return (message.parts ?? []).filter((part): part is FilePart => part.type === 'file');
  }
  return [];
}

/** The bytes of a file that came inline (a `data:` URL); a URL is not fetched. */
function inlineBytes(file: FilePart): Buffer | undefined {
  const inline = /^data:[^,]*;base64,(.*)$/s.exec(file.url);
  return inline ? Buffer.from(inline[1]!, 'base64') : undefined;
}

/** One line per file, read from its bytes when it came inline (a URL is not fetched). */
export function describeFile(file: FilePart): string {
  const name = file.name ? `**${file.name.replace(/[*_`[\]\\]/g, '\\$&')}**: ` : '';
  const bytes = inlineBytes(file);
  if (!bytes) return `${name}a file of type ${file.mediaType} at a URL (the demo model does not fetch it)`;
  const size = formatBytes(bytes.length);
  const image = file.mediaType.startsWith('image/') ? imageInfo(bytes) : undefined;
  if (image) return `${name}I see a ${image.format} image, ${image.width}×${image.height}, ${size}`;
  if (file.mediaType.startsWith('image/')) return `${name}a file of type ${file.mediaType} that I cannot read as an image, ${size}`;
  return `${name}a file of type ${file.mediaType}, ${size}`;
}

export function attachmentsScript(files: FilePart[], prompt: string): Script {
  const lines = files.map((file) => `- ${describeFile(file)}`).join('\n');
  const count = files.length === 1 ? 'one file' : `${files.length} files`;
  const asked = prompt.trim() ? ` You asked: “${prompt.trim().slice(0, 200)}”.` : '';
  const text = `You attached ${count}:\n\n${lines}\n\nThe demo model only looks at the headers.${asked} Pick a real model (with an API key) to ask about the contents.`;
  return { name: 'attachments', segments: [{ kind: 'text', text }] };
}

/** Anthropic's estimate for an image: width × height / 750, and a large one is scaled down to about 1,600 tokens. */
const MAX_IMAGE_TOKENS = 1600;
/** What a document (a PDF, ...) whose text the demo model does not read is counted as: about a page. */
const DOCUMENT_TOKENS = 1500;
const TEXT_TYPE = /^text\/|^application\/(json|xml|javascript)|\+(json|xml)$/;

/**
 * A rough prompt-token count for an attachment, the way providers bill them: an image by its
 * pixel size (the largest when it cannot be read, or came by URL), a text file by its length
 * (about four characters a token), any other document as about a page.
 */
export function fileTokens(file: FilePart): number {
  const bytes = inlineBytes(file);
  if (file.mediaType.startsWith('image/')) {
    const image = bytes && imageInfo(bytes);
    return image ? Math.max(1, Math.min(MAX_IMAGE_TOKENS, Math.ceil((image.width * image.height) / 750))) : MAX_IMAGE_TOKENS;
  }
  if (bytes && TEXT_TYPE.test(file.mediaType)) return Math.max(1, Math.ceil(bytes.toString('utf8').length / 4));
  return DOCUMENT_TOKENS;
}
