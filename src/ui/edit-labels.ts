import type { EditLabels } from './labels';

/** The defaults of Edit, Regenerate and the branch picker's labels: loaded with them, not up front. */
export const editLabels: EditLabels = {
  edit: 'Edit',
  editMessage: 'Edit message',
  editSend: 'Send',
  editCancel: 'Cancel',
  regenerate: 'Regenerate',
  branchStatus: 'Version {n} of {count}',
  previousBranch: 'Previous version',
  nextBranch: 'Next version',
};
