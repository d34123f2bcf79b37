import type { Meta, StoryObj } from '@storybook/react-vite';
import { fn } from 'storybook/test';
import { Message, type MessageProps } from '../src/ui';
import { toyHighlighter } from './mock/highlighter';
import { assistantMessage, scenarioReply, scenarioToolResults, systemMessage, userMessage } from './mock/messages';
import { SCENARIOS } from './mock/scenarios';
import { userFileParts } from './mock/files';

const meta: Meta<MessageProps> = {
  title: 'Components/Message',
  component: Message,
  args: { message: scenarioReply('short'), onRetry: fn(), showUsage: false },
  argTypes: {
    message: { control: 'object' },
    toolResults: { control: 'object' },
    pricePer1k: { control: 'object' },
    highlighter: { control: false },
    components: { control: false },
  },
  decorators: [
    (Story) => (
      <div style={{ maxWidth: 'var(--ask-max-width)', margin: '0 auto' }}>
        <Story />
      </div>
    ),
  ],
};
export default meta;
type Story = StoryObj<MessageProps>;

/** User text shows as written (never parsed as markdown). */
export const User: Story = {
  args: { message: userMessage('What is the capital of France? **Not** markdown: <b>also not HTML</b>') },
};

/** A user message with attachments: a thumbnail for the user's own inline image, a chip (name, type, size) for the rest. */
export const UserWithFiles: Story = {
  args: { message: { ...userMessage('Does the chart match the numbers in the report?'), parts: userFileParts } },
};

export const System: Story = {
  args: { message: systemMessage('You are a concise assistant. Answer in at most three sentences.') },
};

/** A finished reply: markdown, copy and retry. */
export const Assistant: Story = {};

export const WithUsageAndCost: Story = {
  args: { showUsage: true, pricePer1k: { prompt: 0.003, completion: 0.015 } },
};

/** Streaming, nothing yet: the typing indicator. */
export const Waiting: Story = {
  args: { message: assistantMessage({ status: 'streaming' }) },
};

/** Streaming, half way: the caret, no actions yet. */
export const Streaming: Story = {
  args: { message: assistantMessage({ status: 'streaming', content: SCENARIOS['long-markdown'].text.slice(0, 1400) }) },
};

/** Reasoning while it streams (open), before any text. */
export const ReasoningStreaming: Story = {
  args: { message: assistantMessage({ status: 'streaming', reasoning: SCENARIOS.reasoning.reasoning!.slice(0, 180) }) },
};

/** Reasoning after the reply (folded). */
export const WithReasoning: Story = {
  args: { message: scenarioReply('reasoning') },
};

/** A tool call with its result, then the answer. */
export const WithToolCall: Story = {
  args: { message: scenarioReply('tool-call'), toolResults: scenarioToolResults('tool-call') },
};

/** The tool call's arguments still streaming. */
export const ToolCallStreaming: Story = {
  args: {
    message: assistantMessage({
      status: 'streaming',
      toolCalls: [{ id: 'call_weather_1', name: 'get_weather', argsText: '{"city":"Paris","country":"FR","un', state: 'streaming' }],
    }),
  },
};

export const CodeHeavy: Story = {
  args: { message: scenarioReply('code-heavy'), highlighter: toyHighlighter },
};

export const Tables: Story = {
  args: { message: scenarioReply('table') },
};

export const LongReply: Story = {
  args: { message: scenarioReply('long-markdown'), showUsage: true, pricePer1k: 0.002 },
};

/** Stopped by the user: the partial text stays, marked as stopped. */
export const Stopped: Story = {
  args: { message: assistantMessage({ status: 'aborted', content: SCENARIOS['error-mid-stream'].text.slice(0, 240) }) },
};

/** Failed mid-stream: the partial text, then the error with a retry button. */
export const FailedMidStream: Story = {
  args: {
    message: assistantMessage({
      status: 'error',
      content: SCENARIOS['error-mid-stream'].text.slice(0, 283),
      error: { message: 'The model is overloaded. Please try again.', code: 'server' },
    }),
  },
};

/** The same reply, forced into dark mode with the `theme` global. */
export const DarkMode: Story = {
  args: { message: scenarioReply('code-heavy'), highlighter: toyHighlighter, showUsage: true },
  globals: { theme: 'dark' },
};

/** Right-to-left text picks its direction per message. */
export const RightToLeft: Story = {
  args: { message: assistantMessage({ content: 'عاصمة فرنسا هي **باريس**. يبلغ عدد سكانها حوالي ٢٫١ مليون نسمة.' }) },
};

/** A whole exchange, stacked as a chat would show it. */
export const Conversation: Story = {
  render: (args) => (
    <div style={{ display: 'grid', gap: '1rem' }}>
      <Message {...args} message={userMessage(SCENARIOS['tool-call'].prompt, 'u1')} />
      <Message {...args} message={scenarioReply('tool-call', { id: 'a1' })} toolResults={scenarioToolResults('tool-call')} />
      <Message {...args} message={userMessage(SCENARIOS.table.prompt, 'u2')} />
      <Message {...args} message={scenarioReply('table', { id: 'a2' })} />
    </div>
  ),
};
