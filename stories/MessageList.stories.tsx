import type { Meta, StoryObj } from '@storybook/react-vite';
import type { ReactNode } from 'react';
import { fn } from 'storybook/test';
import type { Message as ChatMessage } from '../src';
import { useChatStream } from '../src/react';
import { Message, MessageList, type MessageListProps, type MessageProps } from '../src/ui';
import { mockArgs, mockArgTypes, useAutoSend, useMockFetch, type MockArgs } from './mock/controls';
import { toyHighlighter } from './mock/highlighter';
import { assistantMessage, scenarioReply, scenarioToolResults, userMessage } from './mock/messages';
import { SCENARIOS } from './mock/scenarios';

type Args = MessageListProps & { height: number } & Partial<MockArgs>;

const conversation: ChatMessage[] = [
  userMessage(SCENARIOS.short.prompt, 'u1'),
  scenarioReply('short', { id: 'a1' }),
  userMessage(SCENARIOS['tool-call'].prompt, 'u2'),
  scenarioReply('tool-call', { id: 'a2' }),
  userMessage(SCENARIOS['code-heavy'].prompt, 'u3'),
  scenarioReply('code-heavy', { id: 'a3' }),
];

/** MessageList fills its parent's height and scrolls inside it. */
function Frame({ height, children }: { height: number; children: ReactNode }) {
  return <div style={{ height, display: 'flex', flexDirection: 'column', border: '1px solid var(--ask-border)', borderRadius: 'var(--ask-radius)' }}>{children}</div>;
}

const meta: Meta<Args> = {
  title: 'Components/MessageList',
  component: MessageList,
  args: {
    messages: conversation,
    isStreaming: false,
    onRetry: fn(),
    toolResults: scenarioToolResults('tool-call'),
    highlighter: toyHighlighter,
    showUsage: false,
    height: 480,
  },
  argTypes: {
    messages: { control: 'object' },
    toolResults: { control: 'object' },
    height: { control: { type: 'range', min: 200, max: 1000, step: 20 } },
    highlighter: { control: false },
    components: { control: false },
    renderMessage: { control: false },
  },
  render: ({ height, ...args }) => (
    <Frame height={height}>
      <MessageList {...args} />
    </Frame>
  ),
};
export default meta;
type Story = StoryObj<Args>;

/** A finished conversation; it opens at the bottom. Scroll up for the "Jump to latest" button. */
export const Conversation: Story = {};

export const WithUsage: Story = {
  args: { showUsage: true, pricePer1k: 0.002 },
};

/** The user just sent: a typing indicator until the reply starts; the log is aria-busy. */
export const Waiting: Story = {
  args: { messages: [...conversation, userMessage('And in Go?', 'u4')], isStreaming: true },
};

export const ReplyStreaming: Story = {
  args: {
    messages: [...conversation, userMessage(SCENARIOS['long-markdown'].prompt, 'u4'), assistantMessage({ id: 'a4', status: 'streaming', content: SCENARIOS['long-markdown'].text.slice(0, 900) })],
    isStreaming: true,
  },
};

/** The last reply failed: its error and Retry (onRetry) show on it. */
export const LastReplyFailed: Story = {
  args: {
    messages: [
      ...conversation,
      userMessage(SCENARIOS['error-mid-stream'].prompt, 'u4'),
      assistantMessage({ id: 'a4', status: 'error', content: SCENARIOS['error-mid-stream'].text.slice(0, 283), error: { message: 'The model is overloaded. Please try again.', code: 'server' } }),
    ],
  },
};

export const Empty: Story = {
  args: { messages: [] },
};

// Stable (module level): rows are memoised on their props.
const withAvatar = (message: ChatMessage, props: MessageProps) => (
  <div style={{ display: 'flex', gap: '0.75rem', alignItems: 'flex-start' }}>
    <span aria-hidden="true" style={{ flex: 'none', width: 28, height: 28, borderRadius: '50%', display: 'grid', placeItems: 'center', background: 'var(--ask-surface-strong)', fontSize: 12 }}>
      {message.role === 'user' ? 'U' : 'AI'}
    </span>
    <Message {...props} className="sb-with-avatar" />
  </div>
);

/** `renderMessage` replaces the row (here: an avatar beside the default Message). */
export const CustomRenderMessage: Story = {
  args: { renderMessage: withAvatar },
};

function LiveList({ height, ...props }: Args) {
  const args = { ...mockArgs, ...props };
  const fetch = useMockFetch(args);
  const chat = useChatStream({ endpoint: '/api/chat', fetch, retry: { maxRetries: args.maxRetries } });
  useAutoSend(true, () => void chat.send(SCENARIOS[args.scenario].prompt));
  return (
    <Frame height={height}>
      <MessageList {...args} messages={chat.messages} isStreaming={chat.isStreaming} onRetry={() => void chat.retry()} toolResults={scenarioToolResults(args.scenario)} />
    </Frame>
  );
}

/** Fed by useChatStream and the mock endpoint: it sticks to the bottom while the reply streams (scroll up to stop that). */
export const Live: Story = {
  tags: ['live'],
  args: { ...mockArgs, scenario: 'long-markdown', tokensPerSecond: 120 },
  argTypes: { ...mockArgTypes, messages: { table: { disable: true } }, isStreaming: { table: { disable: true } } },
  render: (args) => <LiveList {...args} />,
};
