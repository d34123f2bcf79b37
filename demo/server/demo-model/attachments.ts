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

/** One line per file, read from its bytes when it came inline (a URL is not fetched). */
export function describeFile(file: FilePart): string {
  const name = file.name ? `**${file.name.replace(/[*_`[\]\\]/g, '\\$&')}**: ` : '';
  const inline = /^data:[^,]*;base64,(.*)$/s.exec(file.url);
  if (!inline) return `${name}a file of type ${file.mediaType} at a URL (the demo model does not fetch it)`;
  const bytes = Buffer.from(inline[1]!, 'base64');
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
