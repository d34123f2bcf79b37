/**
 * The internal useLabels (src/ui/labels.tsx) has only the labels every app loads unless a
 * component passes an on-demand feature's defaults. Its type says the same, so a component that
 * reads `l.edit` without `editLabels` does not compile (`npm run typecheck` checks the
 * `@ts-expect-error` lines below: each fails the typecheck if its error goes away).
 */
import { renderHook } from '@testing-library/react';
import type { ReactNode } from 'react';
import { describe, expect, it } from 'vitest';
import { attachmentLabels } from '../../src/ui/attachment-labels';
import { editLabels } from '../../src/ui/edit-labels';
import { LabelsProvider, useLabels } from '../../src/ui/labels';

describe('internal useLabels', () => {
  it('without a feature\'s defaults, has the base labels only, and its type says so', () => {
    const { result } = renderHook(() => useLabels(undefined));
    expect(result.current.send).toBe('Send');
    // @ts-expect-error Edit's labels load with Edit: not there without editLabels
    expect(result.current.edit).toBeUndefined();
    // @ts-expect-error nor the attachments' without attachmentLabels
    expect(result.current.attachFiles).toBeUndefined();
  });

  it('with a feature\'s defaults, has them, under a provider\'s and the prop\'s overrides', () => {
    const wrapper = ({ children }: { children: ReactNode }) => <LabelsProvider labels={{ editSend: 'Speichern' }}>{children}</LabelsProvider>;
    const { result } = renderHook(() => useLabels({ editCancel: 'Abbrechen' }, editLabels), { wrapper });
    expect([result.current.edit, result.current.editSend, result.current.editCancel, result.current.send]).toEqual(['Edit', 'Speichern', 'Abbrechen', 'Send']);
    // @ts-expect-error editLabels bring Edit's labels, not the attachments'
    expect(result.current.removeFile).toBeUndefined();
    expect(renderHook(() => useLabels(undefined, attachmentLabels)).result.current.removeFile).toBe('Remove {name}');
  });
});
