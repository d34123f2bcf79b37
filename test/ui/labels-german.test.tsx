import { render, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { LabelsProvider, Message, defaultLabels } from '../../src/ui';
import { GERMAN_LABELS } from '../../stories/mock/german-labels';
import { toolPart } from '../../stories/mock/parts';

describe('German labels (the LabelsProvider story)', () => {
  it('have a German text for every label key, with the same placeholders', () => {
    expect(Object.keys(GERMAN_LABELS).sort()).toEqual(Object.keys(defaultLabels).sort());
    for (const [key, english] of Object.entries(defaultLabels)) {
      const german = GERMAN_LABELS[key as keyof typeof defaultLabels];
      expect(german.trim(), key).not.toBe('');
      expect(german.match(/\{\w+\}/g) ?? [], key).toEqual(english.match(/\{\w+\}/g) ?? []);
    }
    // Translated, not copied: only words that are the same in German may match.
    const same = Object.keys(defaultLabels).filter((key) => GERMAN_LABELS[key as keyof typeof defaultLabels] === defaultLabels[key as keyof typeof defaultLabels]);
    expect(same.sort()).toEqual(['code', 'errorCode', 'errorStatus', 'system']);
  });

  it('reach the tool, approval and source UI', async () => {
    render(
      <LabelsProvider labels={GERMAN_LABELS}>
        <Message
          message={{
            id: 'a',
            role: 'assistant',
            content: '',
            status: 'streaming',
            timestamp: 0,
            parts: [{ type: 'source', id: 's', url: 'https://example.com/a' }, toolPart('approval-requested', { name: 'delete_note' })],
          }}
          onApprove={() => {}}
          onDeny={() => {}}
        />
      </LabelsProvider>,
    );
    // The tool-call and source views come from chunks of their own.
    expect(await screen.findByRole('group', { name: 'delete_note ausführen lassen?' })).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Erlauben' })).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Ablehnen' })).toBeTruthy();
    expect(await screen.findByRole('list', { name: 'Quellen' })).toBeTruthy();
  });
});
