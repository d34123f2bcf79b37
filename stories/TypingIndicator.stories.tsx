import type { Meta, StoryObj } from '@storybook/react-vite';
import { TypingIndicator, type TypingIndicatorProps } from '../src/ui';

const meta: Meta<TypingIndicatorProps> = {
  title: 'Components/TypingIndicator',
  component: TypingIndicator,
};
export default meta;
type Story = StoryObj<TypingIndicatorProps>;

/** Three pulsing dots; screen readers hear "Assistant is typing" (a status region). */
export const Default: Story = {};

export const CustomLabel: Story = {
  args: { labels: { typing: 'The assistant is thinking' } },
};
