import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, fn } from 'storybook/test';
import { RetryButton, type RetryButtonProps } from '../src/ui';

const meta: Meta<RetryButtonProps> = {
  title: 'Components/RetryButton',
  component: RetryButton,
  args: { onRetry: fn(), disabled: false },
};
export default meta;
type Story = StoryObj<RetryButtonProps>;

export const Default: Story = {
  play: async ({ canvas, userEvent, args }) => {
    await userEvent.click(canvas.getByRole('button', { name: 'Retry' }));
    await expect(args.onRetry).toHaveBeenCalledTimes(1);
  },
};

export const Disabled: Story = {
  args: { disabled: true },
};

export const CustomLabel: Story = {
  args: { labels: { retry: 'Try again' } },
};
