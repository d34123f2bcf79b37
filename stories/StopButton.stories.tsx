import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, fn } from 'storybook/test';
import { StopButton, type StopButtonProps } from '../src/ui';

const meta: Meta<StopButtonProps> = {
  title: 'Components/StopButton',
  component: StopButton,
  args: { onStop: fn(), disabled: false },
};
export default meta;
type Story = StoryObj<StopButtonProps>;

export const Default: Story = {
  play: async ({ canvas, userEvent, args }) => {
    await userEvent.click(canvas.getByRole('button', { name: 'Stop' }));
    await expect(args.onStop).toHaveBeenCalledTimes(1);
  },
};

export const Disabled: Story = {
  args: { disabled: true },
};
