import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, waitFor } from 'storybook/test';
import type { Message as ChatMessage } from '../src';
import { useChatStream } from '../src/react';
import { Chat, type ChatViewProps } from '../src/ui';
import { mockArgs, mockArgTypes, useAutoSend, useMockFetch, type MockArgs } from './mock/controls';
import { toyHighlighter } from './mock/highlighter';
import { scenarioReply, scenarioToolResults, userMessage } from './mock/messages';
import { SCENARIOS } from './mock/scenarios';

interface Args extends MockArgs, Omit<ChatViewProps, 'renderMessage' | 'components' | 'highlighter'> {
  /** Send the scenario's prompt as soon as the story renders. */
  autoSend: boolean;
  /** Height of the box the chat fills, px. */
  height: number;
  /** WithEndpoint only: earlier messages (a `useChatStream` option). */
  initialMessages?: ChatMessage[];
}

/** `<Chat endpoint fetch …>`: the chat makes its own useChatStream. */
function OwnChat({ height, autoSend: _autoSend, scenario, tokensPerSecond, errorAt, status, latency, maxRetries, ...view }: Args) {
  const fetch = useMockFetch({ scenario, tokensPerSecond, errorAt, status, latency, maxRetries });
  return (
    <div style={{ height }}>
      <Chat
        {...view}
        endpoint="/api/chat"
        fetch={fetch}
        retry={{ maxRetries }}
        highlighter={toyHighlighter}
        toolResults={scenarioToolResults(scenario)}
        placeholder={view.placeholder ?? `Try: ${SCENARIOS[scenario].prompt}`}
      />
    </div>
  );
}

/** `<Chat chat={useChatStream(…)}>`: your own hook call (here it sends the scenario's prompt on mount). */
function HookChat({ height, autoSend, scenario, tokensPerSecond, errorAt, status, latency, maxRetries, initialMessages, ...view }: Args) {
  const fetch = useMockFetch({ scenario, tokensPerSecond, errorAt, status, latency, maxRetries });
  const chat = useChatStream({ endpoint: '/api/chat', fetch, retry: { maxRetries }, initialMessages });
  useAutoSend(autoSend, () => void chat.send(SCENARIOS[scenario].prompt));
  return (
    <div style={{ height }}>
      <Chat {...view} chat={chat} highlighter={toyHighlighter} toolResults={scenarioToolResults(scenario)} />
    </div>
  );
}

const meta: Meta<Args> = {
  title: 'Components/Chat',
  // No `component`: the args are the mock's and the view's, not all of useChatStream's options.
  tags: ['live'],
  args: { ...mockArgs, autoSend: true, height: 560, showUsage: true, pricePer1k: 0.002 },
  argTypes: {
    ...mockArgTypes,
    autoSend: { control: 'boolean' },
    height: { control: { type: 'range', min: 240, max: 1200, step: 20 } },
    theme: { control: 'inline-radio', options: ['inherit', 'light', 'dark'], mapping: { inherit: undefined } },
    labels: { control: 'object' },
    pricePer1k: { control: 'object' },
    toolResults: { control: false },
  },
  render: (args) => <HookChat {...args} />,
};
export default meta;
type Story = StoryObj<Args>;

/** The drop-in chat on the mock endpoint. Pick the scenario, speed and failures in Controls. */
export const Default: Story = {};

export const LongMarkdown: Story = { args: { scenario: 'long-markdown', tokensPerSecond: 150 } };
export const CodeHeavy: Story = { args: { scenario: 'code-heavy', tokensPerSecond: 80 } };
export const Tables: Story = { args: { scenario: 'table', tokensPerSecond: 60 } };
export const ToolCall: Story = { args: { scenario: 'tool-call', tokensPerSecond: 20 } };
export const Reasoning: Story = { args: { scenario: 'reasoning', tokensPerSecond: 40 } };
export const ErrorBeforeStream: Story = { args: { scenario: 'error-before' } };
export const ErrorMidStream: Story = { args: { scenario: 'error-mid-stream' } };

/** The `theme` prop forces a colour scheme on the chat itself (independent of the toolbar). */
export const ThemeProp: Story = { args: { scenario: 'code-heavy', tokensPerSecond: 80, theme: 'dark' } };

export const GermanLabels: Story = {
  args: {
    scenario: 'tool-call',
    labels: { send: 'Senden', stop: 'Stopp', retry: 'Erneut versuchen', copy: 'Kopieren', composerLabel: 'Nachricht', composerPlaceholder: 'Nachricht schreiben…', conversation: 'Unterhaltung', jumpToLatest: 'Zum Ende', toolCall: 'Werkzeug', promptTokens: 'Eingabe', completionTokens: 'Ausgabe', totalTokens: 'Gesamt', edit: 'Bearbeiten', editMessage: 'Nachricht bearbeiten', editSend: 'Senden', editCancel: 'Abbrechen', regenerate: 'Neu generieren', branchStatus: 'Version {n} von {count}', previousBranch: 'Vorherige Version', nextBranch: 'Nächste Version' },
    placeholder: undefined,
  },
};

/** `<Chat endpoint=… fetch=…>` with earlier messages (`initialMessages`); type to continue. */
export const WithEndpoint: Story = {
  args: {
    scenario: 'table',
    tokensPerSecond: 60,
    initialMessages: [userMessage(SCENARIOS.short.prompt, 'u1'), scenarioReply('short', { id: 'a1' })],
  },
  render: (args) => <OwnChat {...args} />,
};

/** Interaction: type a question, press Enter, and the streamed answer arrives in the log. */
export const SendAndReceive: Story = {
  args: { scenario: 'short', tokensPerSecond: 1000, latency: 50, autoSend: false },
  render: (args) => <OwnChat {...args} />,
  play: async ({ canvas, userEvent }) => {
    await userEvent.type(canvas.getByRole('textbox', { name: 'Message' }), 'What is the capital of France?{Enter}');
    const log = canvas.getByRole('log');
    await waitFor(() => expect(log).toHaveTextContent('The capital of France is Paris'), { timeout: 5000 });
    await waitFor(() => expect(log).toHaveAttribute('aria-busy', 'false'), { timeout: 5000 });
  },
};
