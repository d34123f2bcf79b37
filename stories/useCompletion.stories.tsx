import type { Meta, StoryObj } from '@storybook/react-vite';
import { useEffect, type CSSProperties } from 'react';
import { useCompletion } from '../src/react';
import { ErrorNotice, StopButton, StreamingMarkdown, UsageMeter } from '../src/ui';
import { mockArgs, mockArgTypes, useAutoSend, useMockFetch, type MockArgs } from './mock/controls';
import { toyHighlighter } from './mock/highlighter';
import { SCENARIOS } from './mock/scenarios';

interface Args extends MockArgs {
  /** Complete the scenario's prompt as soon as the story renders. */
  autoSend: boolean;
}

const box: CSSProperties = { maxWidth: 'var(--ask-max-width)', margin: '0 auto', display: 'grid', gap: '0.75rem' };
const field: CSSProperties = { font: 'inherit', padding: '0.35rem 0.75rem' };

/** One prompt, one streamed completion (no conversation): `complete()` replaces the previous one. */
function CompletionDemo(args: Args) {
  const fetch = useMockFetch(args);
  const { completion, complete, stop, status, isLoading, error, usage, input, setInput, handleInputChange, handleSubmit } = useCompletion({
    endpoint: '/api/completion',
    fetch,
    retry: { maxRetries: args.maxRetries },
  });
  const prompt = SCENARIOS[args.scenario].prompt;
  // The prompt box follows the scenario control.
  useEffect(() => setInput(prompt), [prompt, setInput]);
  useAutoSend(args.autoSend, () => void complete(prompt));
  return (
    <div style={box}>
      <form onSubmit={handleSubmit} style={{ display: 'flex', gap: '0.5rem', alignItems: 'center' }}>
        <input value={input} onChange={handleInputChange} aria-label="Prompt" style={{ ...field, flex: 1 }} />
        <button type="submit" style={field} disabled={!input.trim()}>
          {isLoading ? 'Restart' : 'Complete'}
        </button>
        {isLoading ? <StopButton onStop={stop} /> : null}
      </form>
      <p style={{ fontSize: '0.8125rem', color: 'var(--ask-muted)', margin: 0 }}>
        status <code>{status}</code> · {completion.length} characters
      </p>
      {completion ? <StreamingMarkdown content={completion} streaming={isLoading} highlighter={toyHighlighter} /> : null}
      {error ? <ErrorNotice error={error} onRetry={() => void complete(input)} /> : null}
      {usage.totalTokens > 0 ? <UsageMeter usage={usage} pricePer1k={0.002} /> : null}
    </div>
  );
}

const meta: Meta<Args> = {
  title: 'Hooks/useCompletion',
  tags: ['live'],
  args: { ...mockArgs, scenario: 'code-heavy', tokensPerSecond: 80, autoSend: true },
  argTypes: { ...mockArgTypes, autoSend: { control: 'boolean' } },
  render: (args) => <CompletionDemo {...args} />,
};
export default meta;
type Story = StoryObj<Args>;

/** Pick the scenario and speed in Controls; edit the prompt and press Complete. */
export const Default: Story = {};

export const ShortAnswer: Story = { args: { scenario: 'short', tokensPerSecond: 20 } };

export const Table: Story = { args: { scenario: 'table', tokensPerSecond: 60 } };

export const ErrorBeforeStream: Story = { args: { scenario: 'error-before' } };

export const ErrorMidStream: Story = { args: { scenario: 'error-mid-stream' } };
