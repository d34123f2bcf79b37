import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, fn } from 'storybook/test';
import { useChatStream } from '../src/react';
import { ErrorNotice, Message, TypingIndicator, type ErrorNoticeProps } from '../src/ui';
import { mockArgTypes, useAutoSend, useMockFetch, type MockArgs } from './mock/controls';
import { SCENARIOS } from './mock/scenarios';

type Args = ErrorNoticeProps & Partial<MockArgs>;

const meta: Meta<Args> = {
  title: 'Components/ErrorNotice',
  component: ErrorNotice,
  args: {
    error: { message: 'Request failed with 429: Rate limit reached: 20 requests per minute. Try again in 12 s.', code: 'http', status: 429 },
    onRetry: fn(),
  },
  argTypes: { error: { control: 'object' } },
};
export default meta;
type Story = StoryObj<Args>;

/** An HTTP error before the stream started (status and code shown). */
export const RateLimited: Story = {
  play: async ({ canvas, userEvent, args }) => {
    await expect(canvas.getByRole('alert')).toHaveTextContent('Rate limit reached');
    await userEvent.click(canvas.getByRole('button', { name: 'Retry' }));
    await expect(args.onRetry).toHaveBeenCalledTimes(1);
  },
};

export const ServerError: Story = {
  args: { error: { message: 'Request failed with 500: The server had an error while processing your request.', code: 'http', status: 500 } },
};

/** An `error` event inside the stream. */
export const MidStream: Story = {
  args: { error: { message: 'The model is overloaded. Please try again.', code: 'server' } },
};

export const Network: Story = {
  args: { error: { message: 'Could not reach /api/chat: Failed to fetch', code: 'network' } },
};

/** Without `onRetry` there is no button. */
export const WithoutRetry: Story = {
  args: { onRetry: undefined },
};

export const LongMessage: Story = {
  args: {
    error: {
      message:
        'Request failed with 400: This model’s maximum context length is 128000 tokens. However, your messages resulted in 131072 tokens (130560 in the messages, 512 in the functions). Please reduce the length of the messages or functions.',
      code: 'http',
      status: 400,
    },
  },
};

function LiveError(args: MockArgs) {
  const fetch = useMockFetch(args);
  const chat = useChatStream({ endpoint: '/api/chat', fetch, retry: { maxRetries: args.maxRetries } });
  const prompt = SCENARIOS[args.scenario].prompt;
  useAutoSend(true, () => void chat.send(prompt));
  const last = chat.messages[chat.messages.length - 1];
  return (
    <div style={{ maxWidth: 'var(--ask-max-width)', margin: '0 auto', display: 'grid', gap: '1rem' }}>
      {chat.messages.map((message) => (
        <Message key={message.id} message={message} onRetry={message === last ? chat.retry : undefined} />
      ))}
      {chat.status === 'submitted' ? <TypingIndicator /> : null}
      {/* Failed before any reply: no assistant message carries the error, so show it here. */}
      {chat.error && last?.role !== 'assistant' ? <ErrorNotice error={chat.error} onRetry={chat.retry} /> : null}
    </div>
  );
}

/** A real failure from the mock endpoint, before the stream: HTTP 429 with a JSON error body. */
export const LiveBeforeStream: Story = {
  tags: ['live'],
  args: { scenario: 'error-before', tokensPerSecond: 40, status: 429, latency: 300, maxRetries: 0 },
  argTypes: { ...mockArgTypes, error: { table: { disable: true } }, onRetry: { table: { disable: true } } },
  render: (args) => <LiveError {...(args as MockArgs)} />,
};

/** A real failure from the mock endpoint, mid-stream: an `error` event after 60 tokens, then `done`. */
export const LiveMidStream: Story = {
  tags: ['live'],
  args: { scenario: 'error-mid-stream', tokensPerSecond: 40, status: 0, latency: 300, maxRetries: 0 },
  argTypes: { ...mockArgTypes, error: { table: { disable: true } }, onRetry: { table: { disable: true } } },
  render: (args) => <LiveError {...(args as MockArgs)} />,
};
