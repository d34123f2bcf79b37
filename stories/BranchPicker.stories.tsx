import type { Meta, StoryObj } from '@storybook/react-vite';
import { useState } from 'react';
import { expect, fn } from 'storybook/test';
import { Message } from '../src/ui';
import { BranchPicker, type BranchPickerProps } from '../src/ui/branches';
import { assistantMessage } from './mock/messages';

const meta: Meta<BranchPickerProps> = {
  title: 'Components/BranchPicker',
  component: BranchPicker,
  args: { index: 1, count: 3, onSwitch: fn(), disabled: false },
};
export default meta;
type Story = StoryObj<BranchPickerProps>;

/** ‹ 2 / 3 ›: both directions open. */
export const Middle: Story = {
  play: async ({ canvas, userEvent, args }) => {
    await expect(canvas.getByRole('group', { name: 'Version 2 of 3' })).toBeTruthy();
    await userEvent.click(canvas.getByRole('button', { name: 'Next version' }));
    await expect(args.onSwitch).toHaveBeenCalledWith(2);
  },
};

/** At the first version, Previous is disabled. */
export const First: Story = { args: { index: 0 } };

/** Disabled while a reply streams. */
export const Disabled: Story = { args: { disabled: true } };

export const GermanLabels: Story = {
  args: { labels: { branchStatus: 'Version {n} von {count}', previousBranch: 'Vorherige Version', nextBranch: 'Nächste Version' } },
};

const versions = ['The sky is blue because air scatters blue light more.', 'Rayleigh scattering: shorter wavelengths scatter more, so the sky looks blue.', 'Blue light bounces around the atmosphere the most.'];

/** On a reply with three versions: the picker switches the text shown. */
export const OnAMessage: Story = {
  render: function Render() {
    const [index, setIndex] = useState(2);
    return (
      <Message
        message={assistantMessage({ id: `a${index}`, content: versions[index]! })}
        branchIndex={index}
        branchCount={versions.length}
        onSwitchBranch={(_id, next) => setIndex(next)}
        onRegenerate={fn()}
      />
    );
  },
  play: async ({ canvas, userEvent }) => {
    await userEvent.click(await canvas.findByRole('button', { name: 'Previous version' }));
    await expect(await canvas.findByText(/Rayleigh/)).toBeTruthy();
  },
};
