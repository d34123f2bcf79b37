import type { Meta, StoryObj } from '@storybook/react-vite';
import { useState } from 'react';
import { expect, fn } from 'storybook/test';
import { ChatList, type ChatListProps } from '../src/ui';

const now = Date.UTC(2026, 0, 15, 12, 0);
const CHATS = [
  { id: 'c3', title: 'How do I stream a chat reply?', updatedAt: now },
  { id: 'c2', title: 'Resume after a reload', updatedAt: now - 3_600_000 },
  { id: 'c1', title: 'A very long first question that does not fit on one line of the list at all', updatedAt: now - 86_400_000 },
];

const meta: Meta<ChatListProps> = {
  title: 'Components/ChatList',
  component: ChatList,
  args: { chats: CHATS, activeId: 'c2', onSelect: fn(), onNew: fn(), onRename: fn(), onDelete: fn() },
  decorators: [(Story) => <div style={{ maxWidth: 280 }}>{Story()}</div>],
};
export default meta;
type Story = StoryObj<ChatListProps>;

export const Default: Story = {};

export const Empty: Story = { args: { chats: [] } };

export const Loading: Story = { args: { chats: [], isLoading: true } };

/** Keyboard only: Tab to Rename, type, Enter saves; Escape cancels and focus returns to Rename. */
export const RenameWithKeyboard: Story = {
  render: function Render(args) {
    const [chats, setChats] = useState(args.chats);
    return (
      <ChatList
        {...args}
        chats={chats}
        onRename={(id, title) => {
          args.onRename(id, title);
          setChats((list) => list.map((chat) => (chat.id === id ? { ...chat, title } : chat)));
        }}
      />
    );
  },
  play: async ({ canvas, userEvent, args }) => {
    await userEvent.click(canvas.getByRole('button', { name: 'Rename “Resume after a reload”' }));
    const input = canvas.getByRole('textbox', { name: 'Chat title' });
    await userEvent.clear(input);
    await userEvent.type(input, 'Reload resume{Enter}');
    await expect(args.onRename).toHaveBeenCalledWith('c2', 'Reload resume');
    await expect(canvas.getByRole('button', { name: /^Reload resume/ })).toHaveAttribute('aria-current', 'page');
    await userEvent.click(canvas.getByRole('button', { name: 'Rename “Reload resume”' }));
    await userEvent.keyboard('{Escape}');
    await expect(canvas.getByRole('button', { name: 'Rename “Reload resume”' })).toHaveFocus();
  },
};
