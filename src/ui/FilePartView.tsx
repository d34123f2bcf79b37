import { cx } from './class-names';
import { useLabels, type UILabels } from './labels';
import type { FilePart } from '../core/message-parts';

export interface FilePartViewProps {
  part: FilePart;
  className?: string;
  labels?: Partial<UILabels>;
}

/** An attachment as a chip: its name (or media type). No link and no preview yet: its URL is not trusted or fetched here. */
export function FilePartView({ part, className, labels }: FilePartViewProps) {
  const l = useLabels(labels);
  return (
    <span className={cx('ask-file', className)} data-media-type={part.mediaType} title={part.mediaType}>
      <span className="ask-visually-hidden">{l.file}: </span>
      <span dir="auto">{part.name || part.mediaType}</span>
    </span>
  );
}
