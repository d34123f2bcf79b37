// defaultLabels and the public useLabels: every label, the on-demand features' included. Only an
// app that imports one of them loads the features' defaults up front.
import { attachmentLabels } from './attachment-labels';
import { editLabels } from './edit-labels';
import { baseLabels, useLabels as useLabelsWith, type UILabels } from './labels';

/** Every label's default (English): a starting point for a translation. */
export const defaultLabels: UILabels = { ...baseLabels, ...editLabels, ...attachmentLabels };

/** The labels in effect: defaults, then any `LabelsProvider`, then a component's own `labels` prop. */
export function useLabels(overrides?: Partial<UILabels>): UILabels {
  return useLabelsWith(overrides, defaultLabels);
}
