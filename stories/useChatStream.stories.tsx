import type { Meta, StoryObj } from '@storybook/react-vite';
import { useState, type CSSProperties } from 'react';
import type { Message as ChatMessage } from '../src';
import { useChatStream, type Throttle } from '../src/react';
import { Composer, ErrorNotice, Message, TypingIndicator } from '../src/ui';
import { mockArgs, mockArgTypes, useAutoSend, useMockFetch, type MockArgs } from './mock/controls';
import { toyHighlighter } from './mock/highlighter';
import { scenarioToolResults } from './mock/messages';
import { SCENARIOS } from './mock/scenarios';

interface Args extends MockArgs {
  /** Send the scenario's prompt as soon as the story renders. */
  autoSend: boolean;
  /** React commits while tokens arrive: 'frame' (default), or at most one per N ms (0: every change). */
  throttle: Throttle;
}

const box: CSSProperties = { maxWidth: 'var(--ask-max-width)', margin: '0 auto', display: 'grid', gap: '0.75rem' };
const small: CSSProperties = { fontSize: '0.8125rem', color: 'var(--ask-muted)', margin: 0 };
const plainButton: CSSProperties = { font: 'inherit', padding: '0.35rem 0.75rem' };

function Bubble({ message }: { message: ChatMessage }) {
  const mine = message.role === 'user';
  return (
    <li
      style={{
        listStyle: 'none',
        justifySelf: mine ? 'end' : 'stretch',
        background: mine ? 'var(--ask-user-bg)' : 'transparent',
        border: mine ? 'none' : '1px solid var(--ask-border)',
        borderRadius: 'var(--ask-radius)',
        padding: '0.5rem 0.75rem',
      }}
    >
      <p style={small}>
        {message.role}
        {message.status ? ` · ${message.status}` : ''}
        {message.usage ? ` · ${message.usage.totalTokens} tokens` : ''}
      </p>
      {message.reasoning ? (
        <details open={message.status === 'streaming' && !message.content}>
          <summary style={small}>reasoning ({message.reasoning.length} chars)</summary>
          <p style={{ ...small, whiteSpace: 'pre-wrap' }}>{message.reasoning}</p>
        </details>
      ) : null}
      {message.toolCalls?.map((call) => (
        <pre key={call.id} style={{ ...small, whiteSpace: 'pre-wrap', fontFamily: 'var(--ask-font-mono)' }}>
          {call.name}({call.argsText}) — {call.state}
        </pre>
      ))}
      <div style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>{message.content}</div>
      {message.error ? (
        <p role="alert" style={{ color: 'var(--ask-danger)', margin: 0 }}>
          {message.error.code}: {message.error.message}
        </p>
      ) : null}
    </li>
  );
}

/** The hook with a hand-made UI: plain text, no kit components. */
function MinimalChat(args: Args) {
  const fetch = useMockFetch(args);
  const chat = useChatStream({ endpoint: '/api/chat', fetch, retry: { maxRetries: args.maxRetries }, throttle: args.throttle });
  const prompt = SCENARIOS[args.scenario].prompt;
  useAutoSend(args.autoSend, () => void chat.send(prompt));
  const last = chat.messages[chat.messages.length - 1];
  return (
    <div style={box}>
      <p style={small} aria-live="off">
        status <code>{chat.status}</code> · isStreaming <code>{String(chat.isStreaming)}</code> · conversation {chat.usage.totalTokens} tokens
      </p>
      <ol style={{ display: 'grid', gap: '0.5rem', padding: 0, margin: 0 }}>
        {chat.messages.map((message) => (
          <Bubble key={message.id} message={message} />
        ))}
      </ol>
      {chat.error && last?.role !== 'assistant' ? (
        <p role="alert" style={{ color: 'var(--ask-danger)', margin: 0 }}>
          {chat.error.code} {chat.error.status}: {chat.error.message}
        </p>
      ) : null}
      <form onSubmit={chat.handleSubmit} style={{ display: 'flex', gap: '0.5rem', flexWrap: 'wrap' }}>
        <input value={chat.input} onChange={chat.handleInputChange} aria-label="Message" placeholder={prompt} style={{ ...plainButton, flex: 1, minWidth: '12rem' }} />
        <button type="submit" style={plainButton} disabled={chat.isStreaming || !chat.input.trim()}>
          Send
        </button>
        <button type="button" style={plainButton} onClick={() => void chat.send(prompt)} disabled={chat.isStreaming}>
          Send scenario prompt
        </button>
        <button type="button" style={plainButton} onClick={chat.stop} disabled={!chat.isStreaming}>
          Stop
        </button>
        <button type="button" style={plainButton} onClick={() => void chat.retry()} disabled={chat.isStreaming || chat.messages.length === 0}>
          Retry
        </button>
        <button type="button" style={plainButton} onClick={chat.reset}>
          Reset
        </button>
      </form>
    </div>
  );
}

/** The hook with the kit's components: what `Chat` will package. */
function KitChat(args: Args) {
  const fetch = useMockFetch(args);
  const chat = useChatStream({ endpoint: '/api/chat', fetch, retry: { maxRetries: args.maxRetries }, throttle: args.throttle });
  const [input, setInput] = useState('');
  const prompt = SCENARIOS[args.scenario].prompt;
  useAutoSend(args.autoSend, () => void chat.send(prompt));
  const last = chat.messages[chat.messages.length - 1];
  const toolResults = scenarioToolResults(args.scenario);
  return (
    <div style={box}>
      <div role="log" aria-label="Conversation" style={{ display: 'grid', gap: '1rem' }}>
        {chat.messages.map((message) => (
          <Message
            key={message.id}
            message={message}
            toolResults={toolResults}
            highlighter={toyHighlighter}
            showUsage
            pricePer1k={0.002}
            onRetry={message === last && message.role === 'assistant' ? () => void chat.retry() : undefined}
          />
        ))}
        {chat.status === 'submitted' ? <TypingIndicator /> : null}
        {chat.error && last?.role !== 'assistant' ? <ErrorNotice error={chat.error} onRetry={() => void chat.retry()} /> : null}
      </div>
      <Composer
        value={input}
        onChange={setInput}
        onSubmit={(text) => {
          setInput('');
          void chat.send(text);
        }}
        onStop={chat.stop}
        isStreaming={chat.isStreaming}
        placeholder={`Try: ${prompt}`}
      />
    </div>
  );
}

const meta: Meta<Args> = {
  title: 'Hooks/useChatStream',
  // Streams from the mock endpoint after rendering (see stories/index.ts).
  tags: ['live'],
  args: { ...mockArgs, autoSend: true, throttle: 'frame' },
  argTypes: {
    ...mockArgTypes,
    autoSend: { control: 'boolean' },
    throttle: { control: { type: 'select', labels: { frame: 'frame', 0: '0 (every change)', 50: '50 ms', 250: '250 ms' } }, options: ['frame', 0, 50, 250] },
  },
  render: (args) => <MinimalChat {...args} />,
};
export default meta;
type Story = StoryObj<Args>;

/** A minimal custom UI over the hook and the mock endpoint. Pick the scenario and speed in Controls. */
export const Minimal: Story = {};

export const LongMarkdown: Story = { args: { scenario: 'long-markdown', tokensPerSecond: 200 } };
export const ToolCall: Story = { args: { scenario: 'tool-call', tokensPerSecond: 20 } };
export const Reasoning: Story = { args: { scenario: 'reasoning', tokensPerSecond: 40 } };
export const ErrorBeforeStream: Story = { args: { scenario: 'error-before' } };
export const ErrorMidStream: Story = { args: { scenario: 'error-mid-stream' } };

/** Retries: a 503 is retryable, so the hook tries again with backoff before giving up (watch the status). */
export const RetriesThenFails: Story = { args: { scenario: 'short', status: 503, maxRetries: 2, latency: 200 } };

/** The same hook rendered with Message, Composer, ErrorNotice and TypingIndicator. */
export const WithKitComponents: Story = {
  args: { scenario: 'code-heavy', tokensPerSecond: 80 },
  render: (args) => <KitChat {...args} />,
};

export const WithKitComponentsTable: Story = {
  args: { scenario: 'table', tokensPerSecond: 60 },
  render: (args) => <KitChat {...args} />,
};

export const WithKitComponentsToolCall: Story = {
  args: { scenario: 'tool-call', tokensPerSecond: 20 },
  render: (args) => <KitChat {...args} />,
};

export const WithKitComponentsDark: Story = {
  args: { scenario: 'reasoning', tokensPerSecond: 40 },
  globals: { theme: 'dark' },
  render: (args) => <KitChat {...args} />,
};
