import type { Meta, StoryObj } from '@storybook/react-vite';
import { useEffect, useRef, useState, type CSSProperties } from 'react';
import { AIStream, type StreamSnapshot, type Usage } from '../src';
import { useAIStream } from '../src/react';
import { Message, UsageMeter } from '../src/ui';
import { mockArgs, mockArgTypes, useAutoSend, useMockFetch, type MockArgs } from './mock/controls';
import { SCENARIOS } from './mock/scenarios';

interface Args extends MockArgs {
  /** Send the scenario's prompt as soon as the story renders. */
  autoSend: boolean;
}

const card: CSSProperties = {
  border: '1px solid var(--ask-border)',
  borderRadius: 'var(--ask-radius)',
  padding: '0.5rem 0.75rem',
  display: 'grid',
  gap: '0.5rem',
  alignContent: 'start',
};
const caption: CSSProperties = { fontSize: '0.8125rem', color: 'var(--ask-muted)', margin: 0, fontFamily: 'var(--ask-font-mono)' };

/** Counts this component's renders (StrictMode is off in Storybook, so one render = one commit). */
function useRenderCount(): number {
  const renders = useRef(0);
  renders.current++;
  return renders.current;
}

function RenderCount({ count, what }: { count: number; what: string }) {
  return (
    <p style={caption} data-testid={`renders-${what}`}>
      {what}: {count} renders
    </p>
  );
}

/** Subscribes to everything: re-renders on every (frame-throttled) token. */
function Transcript({ stream }: { stream: AIStream }) {
  const renders = useRenderCount();
  const { messages } = useAIStream(stream);
  const reply = [...messages].reverse().find((m) => m.role === 'assistant');
  return (
    <section style={card} aria-label="Transcript">
      <RenderCount count={renders} what="useAIStream(stream)" />
      {reply ? <Message message={reply} /> : <p style={caption}>No reply yet.</p>}
    </section>
  );
}

const sameUsage = (a: Usage, b: Usage) =>
  a.promptTokens === b.promptTokens && a.completionTokens === b.completionTokens && a.totalTokens === b.totalTokens;
const selectUsage = (snapshot: StreamSnapshot) => snapshot.usage;

/** Selects the usage only (with a shallow equality): re-renders when a `usage` event changes it, not per token. */
function UsageBadge({ stream }: { stream: AIStream }) {
  const renders = useRenderCount();
  const usage = useAIStream(stream, selectUsage, { equals: sameUsage });
  return (
    <section style={card} aria-label="Usage">
      <RenderCount count={renders} what="usage selector" />
      <UsageMeter usage={usage} pricePer1k={0.002} />
    </section>
  );
}

const selectStatus = (snapshot: StreamSnapshot) => snapshot.status;

/** Selects a primitive: re-renders only when the status changes. */
function StatusBadge({ stream }: { stream: AIStream }) {
  const renders = useRenderCount();
  const status = useAIStream(stream, selectStatus);
  return (
    <section style={card} aria-label="Status">
      <RenderCount count={renders} what="status selector" />
      <p style={{ margin: 0 }}>
        status: <strong>{status}</strong>
      </p>
    </section>
  );
}

function AIStreamDemo(args: Args) {
  const mockFetch = useMockFetch(args);
  const latestFetch = useRef(mockFetch);
  latestFetch.current = mockFetch;
  // One AIStream for the story's lifetime; its fetch follows the controls.
  const [stream] = useState(
    () =>
      new AIStream({
        endpoint: '/api/chat',
        fetch: (input, init) => latestFetch.current(input, init),
        retry: { maxRetries: 0 },
      }),
  );
  useEffect(() => () => stream.stop(), [stream]);
  const send = () => {
    stream.reset(); // stops a reply in flight too
    stream.send(SCENARIOS[args.scenario].prompt).catch(() => {});
  };
  useAutoSend(args.autoSend, send);
  return (
    <div style={{ display: 'grid', gap: '0.75rem', maxWidth: '64rem', margin: '0 auto' }}>
      <div style={{ display: 'flex', gap: '0.5rem' }}>
        <button type="button" className="ask-button" onClick={send}>
          Send again
        </button>
        <button type="button" className="ask-button" onClick={() => stream.stop()}>
          Stop
        </button>
      </div>
      <div style={{ display: 'grid', gap: '0.75rem', gridTemplateColumns: 'minmax(0, 2fr) minmax(14rem, 1fr)' }}>
        <Transcript stream={stream} />
        <div style={{ display: 'grid', gap: '0.75rem', alignContent: 'start' }}>
          <UsageBadge stream={stream} />
          <StatusBadge stream={stream} />
        </div>
      </div>
    </div>
  );
}

const meta: Meta<Args> = {
  title: 'Hooks/useAIStream',
  tags: ['live'],
  args: { ...mockArgs, scenario: 'long-markdown', tokensPerSecond: 120, autoSend: true },
  argTypes: { ...mockArgTypes, autoSend: { control: 'boolean' }, maxRetries: { table: { disable: true } } },
  render: (args) => <AIStreamDemo {...args} />,
};
export default meta;
type Story = StoryObj<Args>;

/**
 * Three components on one `AIStream`. The transcript re-renders about once per frame; the usage
 * badge only when a `usage` event arrives (every 20 tokens from the mock); the status badge only
 * when the status changes. Compare the render counters.
 */
export const SelectorRenderCounts: Story = {};

export const Reasoning: Story = { args: { scenario: 'reasoning', tokensPerSecond: 40 } };
