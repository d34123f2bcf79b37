import type { Meta, StoryObj } from '@storybook/react-vite';
import { useState } from 'react';
import { expect, fn, userEvent as storybookUserEvent } from 'storybook/test';
import { Composer, ComposerAttachments, type ComposerProps } from '../src/ui';
import { pngFile } from './mock/files';

/** Composer is controlled: this keeps the value in state and reports every call to the Actions panel. */
function ControlledComposer(props: ComposerProps) {
  const [value, setValue] = useState(props.value);
  return (
    <div style={{ maxWidth: 'var(--ask-max-width)', margin: '0 auto' }}>
      <Composer
        {...props}
        value={value}
        onChange={(next) => {
          setValue(next);
          props.onChange(next);
        }}
        onSubmit={(text, files) => {
          if (files) props.onSubmit(text, files);
          else props.onSubmit(text);
          setValue('');
        }}
      />
    </div>
  );
}

const meta: Meta<ComposerProps> = {
  title: 'Components/Composer',
  component: Composer,
  args: {
    value: '',
    onChange: fn(),
    onSubmit: fn(),
    onStop: fn(),
    isStreaming: false,
    disabled: false,
    maxRows: 8,
  },
  argTypes: { value: { control: 'text' } },
  // Remount when the `value` control changes, so it becomes the new starting text.
  render: (args) => <ControlledComposer key={args.value} {...args} />,
};
export default meta;
type Story = StoryObj<ComposerProps>;

export const Empty: Story = {
  play: async ({ canvas }) => {
    await expect(canvas.getByRole('button', { name: 'Send' })).toBeDisabled();
  },
};

export const WithText: Story = {
  args: { value: 'Summarise the protocol in three bullet points.' },
};

/** While a reply streams the send button becomes a stop button; Escape stops too. */
export const Streaming: Story = {
  args: { value: 'Next question…', isStreaming: true },
};

export const Disabled: Story = {
  args: { value: 'Sending…', disabled: true },
};

/** The textarea grows with its text up to `maxRows`, then scrolls. */
export const GrowsToMaxRows: Story = {
  args: {
    maxRows: 4,
    value: Array.from({ length: 10 }, (_, i) => `Line ${i + 1} of a long message`).join('\n'),
  },
};

export const CustomPlaceholder: Story = {
  args: { placeholder: 'Ask about the docs…', labels: { composerLabel: 'Question', send: 'Ask' } },
};

/** Interaction: typing and pressing Enter sends the text and clears the box. */
export const EnterSends: Story = {
  play: async ({ canvas, userEvent, args }) => {
    const input = canvas.getByRole('textbox', { name: 'Message' });
    await userEvent.type(input, 'Hello there{Enter}');
    await expect(args.onSubmit).toHaveBeenCalledWith('Hello there');
    await expect(input).toHaveValue('');
  },
};

/** Interaction: Shift+Enter breaks the line instead of sending. */
export const ShiftEnterAddsLine: Story = {
  play: async ({ canvas, userEvent, args }) => {
    const input = canvas.getByRole('textbox', { name: 'Message' });
    await userEvent.type(input, 'first line{Shift>}{Enter}{/Shift}second line');
    await expect(input).toHaveValue('first line\nsecond line');
    await expect(args.onSubmit).not.toHaveBeenCalled();
  },
};

/** Interaction: whitespace only never sends. */
export const BlankDoesNotSend: Story = {
  play: async ({ canvas, userEvent, args }) => {
    const input = canvas.getByRole('textbox', { name: 'Message' });
    await userEvent.type(input, '   {Enter}');
    await expect(args.onSubmit).not.toHaveBeenCalled();
    await expect(canvas.getByRole('button', { name: 'Send' })).toBeDisabled();
  },
};

/** Interaction: while streaming, Enter does not send and Escape stops the reply. */
export const EscapeStops: Story = {
  args: { isStreaming: true },
  play: async ({ canvas, userEvent, args }) => {
    const input = canvas.getByRole('textbox', { name: 'Message' });
    await userEvent.type(input, 'queued question{Enter}');
    await expect(args.onSubmit).not.toHaveBeenCalled();
    await userEvent.keyboard('{Escape}');
    await expect(args.onStop).toHaveBeenCalledTimes(1);
  },
};

/** Interaction: the send button sends too. */
export const ClickSend: Story = {
  play: async ({ canvas, userEvent, args }) => {
    await userEvent.type(canvas.getByRole('textbox', { name: 'Message' }), 'Via the button');
    await userEvent.click(canvas.getByRole('button', { name: 'Send' }));
    await expect(args.onSubmit).toHaveBeenCalledWith('Via the button');
  },
};

/** With `attachments={ComposerAttachments}`: an attach button, paste and drop, previews with remove. */
export const WithAttachments: Story = {
  args: { attachments: ComposerAttachments, accept: 'image/*,.pdf,.txt', maxFileSize: 5 * 1024 * 1024, maxFiles: 3, value: 'What is in this chart?' },
  play: async ({ canvasElement, canvas, userEvent, args }) => {
    await userEvent.upload(canvasElement.querySelector<HTMLInputElement>('input[type="file"]')!, [pngFile(), new File(['Q3: 12 units'], 'notes.txt', { type: 'text/plain' })]);
    await expect(canvas.getByRole('list', { name: 'Attachments' })).toHaveTextContent('chart.png');
    await userEvent.click(canvas.getByRole('button', { name: 'Remove notes.txt' }));
    await expect(canvas.queryByText('notes.txt')).toBeNull();
    await userEvent.click(canvas.getByRole('button', { name: 'Send' }));
    await expect(args.onSubmit).toHaveBeenCalledWith('What is in this chart?', [expect.objectContaining({ name: 'chart.png' })]);
  },
};

/** A refused file gets an alert; the text and the other files stay. */
export const AttachmentRefused: Story = {
  args: { attachments: ComposerAttachments, accept: 'image/*', maxFiles: 2, value: 'Compare these' },
  play: async ({ canvasElement, canvas }) => {
    // Without applyAccept, as a paste or a drop would bring it: the composer's own rules refuse it.
    const user = storybookUserEvent.setup({ applyAccept: false });
    await user.upload(canvasElement.querySelector<HTMLInputElement>('input[type="file"]')!, [pngFile(), new File(['x'], 'budget.xlsx', { type: 'application/vnd.ms-excel' })]);
    await expect(canvas.getByRole('alert')).toHaveTextContent('budget.xlsx is not an accepted file type.');
    await expect(canvas.getByRole('textbox', { name: 'Message' })).toHaveValue('Compare these');
    await expect(canvas.getByRole('list', { name: 'Attachments' })).toHaveTextContent('chart.png');
  },
};
