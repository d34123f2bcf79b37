import { cx } from './class-names';
import { formatBytes } from './format-bytes';
import { useLabels, type UILabels } from './labels';
import type { FilePart } from '../core/message-parts';
import type { Message } from '../core/types';

export interface FilePartViewProps {
  part: FilePart;
  className?: string;
  labels?: Partial<UILabels>;
  /**
   * Show an image as a thumbnail: only for the user's own files, and only from a `data:` or
   * `blob:` URL (nothing is fetched). Anything else, a model's file included, shows as a chip.
   */
  preview?: boolean;
}

/** An attachment: a chip with its name, type and size, or a thumbnail of the user's own image. */
export function FilePartView({ part, className, labels, preview }: FilePartViewProps) {
  const l = useLabels(labels);
  const image = preview && part.mediaType.startsWith('image/') && /^(data|blob):/i.test(part.url);
  const details = [part.mediaType.split('/')[1]?.toUpperCase(), part.size === undefined ? '' : formatBytes(part.size)].filter(Boolean).join(' · ');
  return (
    <span className={cx('ask-file', className)} data-media-type={part.mediaType} title={part.mediaType}>
      {image ? <img className="ask-file-thumb" src={part.url} alt="" /> : null}
      <span className="ask-visually-hidden">{l.file}: </span>
      <span className="ask-file-name" dir="auto">
        {part.name || part.mediaType}
      </span>
      {/* The space separates name and details for screen readers (the chip's gap does it on screen). */}
      {details ? <span className="ask-file-details"> {details}</span> : null}
    </span>
  );
}

export interface MessageFilesProps {
  message: Message;
  labels?: Partial<UILabels> | undefined;
}

/** A user or system message's file parts, above its text; only the user's own images show as thumbnails. */
export function MessageFiles({ message, labels }: MessageFilesProps) {
  return (
    <div className="ask-message-files">
      {message.parts?.map((part, i) => (part.type === 'file' ? <FilePartView key={i} part={part} labels={labels} preview={message.role === 'user'} /> : null))}
    </div>
  );
}
