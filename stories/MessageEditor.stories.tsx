import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, fn } from 'storybook/test';
import { Message } from '../src/ui';
import { MessageEditor, type MessageEditorProps } from '../src/ui/branches';
import { userMessage } from './mock/messages';

const meta: Meta<MessageEditorProps> = {
  title: 'Components/MessageEditor',
  component: MessageEditor,
  args: { value: 'Why is the sky blue?', onSubmit: fn(), onCancel: fn() },
};
export default meta;
type Story = StoryObj<MessageEditorProps>;

/** Enter sends, Shift+Enter breaks the line, Escape cancels. */
export const Default: Story = {
  play: async ({ canvas, userEvent, args }) => {
    const box = canvas.getByRole('textbox', { name: 'Edit message' });
    await userEvent.type(box, ' And at sunset?{Enter}');
    await expect(args.onSubmit).toHaveBeenCalledWith('Why is the sky blue? And at sunset?');
  },
};

export const GermanLabels: Story = {
  args: { labels: { editMessage: 'Nachricht bearbeiten', editSend: 'Senden', editCancel: 'Abbrechen' } },
};

/** A user message with Edit (and its versions): Edit opens the editor in place. */
export const OnAMessage: Story = {
  render: (args) => <Message message={userMessage(args.value, 'u1')} onEdit={fn()} branchIndex={0} branchCount={2} onSwitchBranch={fn()} />,
  play: async ({ canvas, userEvent }) => {
    await userEvent.click(canvas.getByRole('button', { name: 'Edit' }));
    await expect(await canvas.findByRole('textbox', { name: 'Edit message' })).toBeTruthy();
  },
};
