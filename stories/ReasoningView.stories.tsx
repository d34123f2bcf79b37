import type { Meta, StoryObj } from '@storybook/react-vite';
import { ReasoningView, type ReasoningViewProps } from '../src/ui';
import { SCENARIOS } from './mock/scenarios';
import { useTimedText } from './mock/use-timed-text';

const REASONING = SCENARIOS.reasoning.reasoning!;

type Args = ReasoningViewProps & { tokensPerSecond?: number };

const meta: Meta<Args> = {
  title: 'Components/ReasoningView',
  component: ReasoningView,
  args: { reasoning: REASONING, streaming: false },
  argTypes: { reasoning: { control: 'text' } },
};
export default meta;
type Story = StoryObj<Args>;

/** While reasoning streams the box is open and says "Thinking…". */
export const Streaming: Story = {
  args: { streaming: true, reasoning: REASONING.slice(0, 140) },
};

/** Once the reply moves on it folds away; the reader can open it. */
export const Finished: Story = {};

function LiveReasoning({ tokensPerSecond = 20, ...props }: Args) {
  const { content, streaming, restart } = useTimedText(REASONING, tokensPerSecond, { startDelay: 300 });
  return (
    <div style={{ display: 'grid', gap: '0.75rem', maxWidth: 'var(--ask-max-width)' }}>
      <ReasoningView {...props} reasoning={content} streaming={streaming} />
      <div>
        <button type="button" className="ask-button" onClick={restart}>
          Restart
        </button>
      </div>
    </div>
  );
}

/** Streams the reasoning with a timer: open while it streams, folded when it ends. */
export const Live: Story = {
  tags: ['live'],
  args: { tokensPerSecond: 20 },
  argTypes: {
    reasoning: { table: { disable: true } },
    streaming: { table: { disable: true } },
    tokensPerSecond: { name: 'tokens / s', control: { type: 'range', min: 1, max: 200 } },
  },
  render: (args) => <LiveReasoning {...args} />,
};
