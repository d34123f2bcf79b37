import type { AttachmentLabels } from './labels';

/** The defaults of `ComposerAttachments`' labels: loaded with it, not up front. */
export const attachmentLabels: AttachmentLabels = {
  attachFiles: 'Attach files',
  attachments: 'Attachments',
  removeFile: 'Remove {name}',
  fileTypeRejected: '{name} is not an accepted file type.',
  fileTooLarge: '{name} is too large ({size}; the limit is {max}).',
  tooManyFiles: 'You can attach up to {max} files.',
};
