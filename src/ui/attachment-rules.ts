/** Which files the composer takes: the `accept`, `maxFileSize` and `maxFiles` rules, with the reason a file is refused. */
import { fill } from './fill';
import { formatBytes } from './format-bytes';

export interface AttachmentRules {
  /** As `<input accept>`: `image/*`, `application/pdf`, `.md`, comma-separated. Default: any file. */
  accept?: string | undefined;
  /** Largest file, in bytes. Default: no limit. */
  maxFileSize?: number | undefined;
  /** Most files on one message. Default: no limit. */
  maxFiles?: number | undefined;
}

export interface RuleLabels {
  /** `{name}` is replaced. */
  fileTypeRejected: string;
  /** `{name}`, `{size}` and `{max}` are replaced. */
  fileTooLarge: string;
  /** `{max}` is replaced. */
  tooManyFiles: string;
}

/** Whether `accept` (the `<input accept>` syntax) takes the file, by extension or media type. */
export function accepts(file: File, accept: string | undefined): boolean {
  if (!accept?.trim()) return true;
  const name = file.name.toLowerCase();
  const type = file.type.toLowerCase();
  return accept.split(',').some((raw) => {
    const rule = raw.trim().toLowerCase();
    if (rule.startsWith('.')) return name.endsWith(rule);
    if (rule.endsWith('/*')) return type.startsWith(rule.slice(0, -1));
    return rule !== '' && type === rule;
  });
}

/** Splits new files into those that fit next to `current` and one message per refused file. */
export function checkFiles(incoming: readonly File[], current: readonly File[], rules: AttachmentRules, labels: RuleLabels): { accepted: File[]; problems: string[] } {
  const accepted: File[] = [];
  const problems: string[] = [];
  const room = rules.maxFiles === undefined ? Infinity : rules.maxFiles - current.length;
  for (const file of incoming) {
    if (!accepts(file, rules.accept)) problems.push(fill(labels.fileTypeRejected, { name: file.name }));
    else if (rules.maxFileSize !== undefined && file.size > rules.maxFileSize) {
      problems.push(fill(labels.fileTooLarge, { name: file.name, size: formatBytes(file.size), max: formatBytes(rules.maxFileSize) }));
    } else if (accepted.length >= room) {
      const tooMany = fill(labels.tooManyFiles, { max: rules.maxFiles! });
      if (!problems.includes(tooMany)) problems.push(tooMany);
    } else accepted.push(file);
  }
  return { accepted, problems };
}
