import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, fn, waitFor } from 'storybook/test';
import { CopyButton, type CopyButtonProps } from '../src/ui';

const meta: Meta<CopyButtonProps> = {
  title: 'Components/CopyButton',
  component: CopyButton,
  args: { text: 'npm install ai-stream-kit', onCopy: fn(), feedbackDuration: 2000 },
  argTypes: { text: { control: 'text' } },
};
export default meta;
type Story = StoryObj<CopyButtonProps>;

export const Default: Story = {};

/** `text` as a function: read at click time (e.g. the latest content of a streaming reply). */
export const LazyText: Story = {
  args: { text: () => `Copied at ${new Date().toISOString()}` },
};

/** Clicking shows "Copied" (or "Copy failed" where the clipboard is not available) and reports it through onCopy. */
export const Click: Story = {
  play: async ({ canvas, userEvent, args }) => {
    await userEvent.click(canvas.getByRole('button'));
    // Copying is async (clipboard API, then the fallback).
    await waitFor(() => expect(args.onCopy).toHaveBeenCalledTimes(1));
    await expect(canvas.getByRole('button')).toHaveTextContent(/Copied|Copy failed/);
  },
};

export const CustomLabels: Story = {
  args: { labels: { copy: 'Kopieren', copied: 'Kopiert', copyFailed: 'Fehlgeschlagen' } },
};
