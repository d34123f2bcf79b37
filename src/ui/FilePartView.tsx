import { cx } from './class-names';
import { formatBytes } from './format-bytes';
import { useLabels, type UILabels } from './labels';
import type { FilePart } from '../core/message-parts';

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
